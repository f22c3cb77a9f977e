"""Every PyTorch name used in the examples' code links to the official documentation.

Names resolve through the local inventory in docs/_ext/pytorch_api/*.txt; sphinx-gallery
records the names each example uses in docs/auto_examples/**/*.codeobj.json (written by
the build, so run ``nox -s docs`` first).
"""

import json
from pathlib import Path

import pytest

from pytorch_inventory import ROLES, read_api_lists

ROOT = Path(__file__).parents[1]
GALLERY = ROOT / "docs" / "auto_examples"


def test_inventory_entries_are_well_formed():
    entries = read_api_lists()
    assert len(entries) > 100
    for name, role, page in entries:
        assert name.startswith("torch.") and role in ROLES, (name, role)
        assert not page.startswith(("http", "/")) and ".html" in page, (name, page)


def test_every_torch_name_in_the_examples_has_a_documentation_page():
    codeobjs = sorted(GALLERY.rglob("*.codeobj.json"))
    if not codeobjs:
        pytest.fail(f"no sphinx-gallery output under {GALLERY}: run `nox -s docs` first")
    known = {name for name, _role, _page in read_api_lists()}
    missing = {}
    for codeobj in codeobjs:
        for used, candidates in json.loads(codeobj.read_text(encoding="utf-8")).items():
            names = {f"{c[m]}.{c['name']}" for c in candidates for m in ("module", "module_short")}
            public = {n for n in names if n.startswith("torch.") and "._" not in n}
            if public and not public & known:
                missing.setdefault(min(public), set()).add(codeobj.name.removesuffix(".codeobj.json"))
    assert not missing, "add to docs/_ext/pytorch_api/: " + "; ".join(
        f"{name} (used in {', '.join(sorted(pages))})" for name, pages in sorted(missing.items())
    )
