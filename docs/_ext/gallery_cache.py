"""Keep sphinx-gallery's output in step with examples/: no stale results, no orphans.

sphinx-gallery skips an example whose source is unchanged since its last run. That cache
does not notice a new torch, a new sphinx-gallery, a changed reset hook or scraper, changed
gallery settings or a different device (CPU or which GPU), any of which can change the outputs shown on a page. This extension keys the whole gallery output on
those and deletes it when the key changes, before sphinx-gallery looks at it.

It also deletes what sphinx-gallery generated for an example that has since been removed
or renamed (sphinx-gallery leaves those behind, and they would still be built as pages).
"""

import hashlib
import shutil
from importlib.metadata import version
from pathlib import Path

KEY_FILE = ".gallery-key"
HELPERS = ["torch_state.py", "translated_figures.py"]  # code run with every example


def gallery_key(gallery_conf):
    import torch  # imported here: only when a build starts

    parts = [f"{name}=={version(name)}" for name in ("torch", "sphinx-gallery", "numpy", "matplotlib")]
    parts.append(torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu")
    for helper in HELPERS:
        parts.append(hashlib.sha256(Path(__file__).with_name(helper).read_bytes()).hexdigest())
    # sphinx-gallery's own settings shape the generated pages too
    parts.append(hashlib.sha256(repr(sorted(gallery_conf.items())).encode()).hexdigest())
    return "\n".join(parts) + "\n"


def drop_stale_gallery(app, config):
    gallery = config.sphinx_gallery_conf
    key = gallery_key(gallery)
    for examples_dir, gallery_dir in zip(
        _as_list(gallery.get("examples_dirs", [])), _as_list(gallery.get("gallery_dirs", []))
    ):
        out = Path(app.srcdir, gallery_dir)
        key_file = out / KEY_FILE
        if out.exists() and (not key_file.exists() or key_file.read_text() != key):
            shutil.rmtree(out)
        out.mkdir(parents=True, exist_ok=True)
        key_file.write_text(key)
        drop_orphans(Path(app.srcdir, examples_dir).resolve(), out)


def drop_orphans(examples, out):
    """Delete generated files of examples that no longer exist in ``examples``."""
    for copy in out.rglob("*.py"):  # sphinx-gallery's copy of each example script
        folder = copy.parent.relative_to(out)
        if (examples / folder / copy.name).exists():
            continue
        for generated in copy.parent.glob(f"{copy.stem}.*"):
            generated.unlink()
        for image in (copy.parent / "images").rglob(f"sphx_glr_{copy.stem}_*"):
            image.unlink()


def _as_list(value):
    return [value] if isinstance(value, str) else list(value)


def setup(app):
    # before sphinx-gallery fills in its defaults (priority 10) and runs (builder-inited)
    app.connect("config-inited", drop_stale_gallery, priority=5)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
