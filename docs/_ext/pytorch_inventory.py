"""A local intersphinx inventory for the official PyTorch API pages.

Fetching ``objects.inv`` from docs.pytorch.org at build time is not allowed (builds are
offline), so the names our pages use are listed, with the page that documents each, in
the ``pytorch_api/*.txt`` files next to this file (one file per chapter, to keep edits
apart). At ``config-inited`` this extension writes them
into an ``objects.inv`` in the doctree folder (a build product) and registers it with
``sphinx.ext.intersphinx``; sphinx-gallery then links names in example code through it,
and text blocks can write :func:`torch.tensor` and friends.
"""

import re
import zlib
from pathlib import Path

from sphinx.errors import ConfigError

BASE_URL = "https://docs.pytorch.org/docs/stable/"
API_LISTS = Path(__file__).with_name("pytorch_api")
ROLES = {"function", "class", "method", "attribute", "data", "module", "exception"}


def read_api_lists(folder=API_LISTS):
    """All ``(name, role, page)`` entries of the lists, without duplicates."""
    entries = {}
    for path in sorted(folder.glob("*.txt")):
        for name, role, page in read_api_list(path):
            if entries.get(name, (role, page)) != (role, page):
                raise ConfigError(f"{path}: {name} is listed twice with different pages")
            entries[name] = (role, page)
    return [(name, role, page) for name, (role, page) in sorted(entries.items())]


def read_api_list(path):
    """Yield ``(name, role, page)`` from one list, failing loudly on a malformed line."""
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = re.sub(r"(^|\s)#.*", "", line).strip()  # a comment starts with " #"; anchors don't
        if not line:
            continue
        parts = line.split()
        if len(parts) != 3 or parts[1] not in ROLES:
            raise ConfigError(f"{path}:{lineno}: expected '<name> <role> <page>', got {line!r}")
        yield tuple(parts)


def write_inventory(entries, target):
    """Write entries in Sphinx's objects.inv (version 2) format."""
    body = "".join(f"{name} py:{role} 1 {page} -\n" for name, role, page in entries)
    header = (
        "# Sphinx inventory version 2\n# Project: PyTorch\n# Version: stable\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    target.write_bytes(header.encode() + zlib.compress(body.encode()))


def register_inventory(app, config):
    target = Path(app.doctreedir) / "pytorch-objects.inv"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_inventory(read_api_lists(), target)
    config.intersphinx_mapping["torch"] = (BASE_URL, str(target))


def setup(app):
    # before sphinx.ext.intersphinx normalises the mapping (priority 800)
    app.connect("config-inited", register_inventory, priority=700)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
