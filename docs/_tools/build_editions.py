"""Build both editions of the site in one Python process. Run by ``nox -s docs``.

``sphinx-build`` twice would import torch, Sphinx and the theme twice; one process
saves those seconds on every build (an edit-rebuild of both editions is a few seconds).
English is built first: it executes the examples that changed (sphinx-gallery), and the
Chinese build reuses their output. Every argument is passed to both builds.

    python docs/_tools/build_editions.py [sphinx-build options]
"""

import shutil
import sys
from pathlib import Path

from sphinx.cmd.build import build_main

DOCS = Path(__file__).parents[1]
BUILD = DOCS / "_build"
LANGUAGES = ["en", "zh_CN"]  # English first: see above


def build(language, *options):
    return build_main([
        "-b", "html", "-W", "--keep-going", "-q", *options,
        "-D", f"language={language}", "-d", str(BUILD / "doctrees" / language),
        str(DOCS), str(BUILD / "html" / language),
    ])


def main(options):
    for language in LANGUAGES:
        status = build(language, *options)
        if status:
            return status
    shutil.copy(DOCS / "_root" / "index.html", BUILD / "html" / "index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
