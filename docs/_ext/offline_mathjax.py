"""Serve MathJax from the site itself instead of a CDN.

The PyPI package ``sphinx-mathjax-offline`` ships MathJax 3 (24 MB). A page only needs
``tex-chtml.js``, its CHTML fonts and the small components it loads on demand, so this
extension copies just those into ``_static/mathjax/`` of each HTML build and points
``mathjax_path`` at them.
"""

import shutil
from importlib.metadata import distribution
from pathlib import Path

from sphinx.errors import ExtensionError

NEEDED = ["tex-chtml.js", "output/chtml/fonts/woff-v2", "a11y", "ui", "input/tex/extensions"]


def mathjax_source():
    root = Path(distribution("sphinx-mathjax-offline").locate_file("sphinx-mathjax-offline"))
    source = root / "static" / "mathjax"
    if not (source / "tex-chtml.js").is_file():
        raise ExtensionError(f"MathJax not found in {source}: is sphinx-mathjax-offline installed?")
    return source


def set_mathjax_path(app, config):
    config.mathjax_path = "mathjax/tex-chtml.js"


def copy_mathjax(app, exception):
    if exception or app.builder.format != "html":
        return
    source, target = mathjax_source(), Path(app.outdir) / "_static" / "mathjax"
    stamp = target / ".copied-from"
    version = distribution("sphinx-mathjax-offline").version
    if stamp.is_file() and stamp.read_text() == version:
        return  # already copied by an earlier build of this edition
    for item in NEEDED:
        src, dst = source / item, target / item
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    stamp.write_text(version)


def setup(app):
    app.connect("config-inited", set_mathjax_path)
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
