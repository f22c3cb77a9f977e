"""Build both editions of the site in one Python process. Run by ``nox -s docs``.

``sphinx-build`` twice would import torch, Sphinx and the theme twice; one process
saves those seconds on every build (an edit-rebuild of both editions is a few seconds).
English is built first: it executes the examples that changed (sphinx-gallery), and the
Chinese build reuses their output. Every argument is passed to both builds.

Sphinx runs quietly (warnings only); this script prints a line per edition, one per
executed example (``_ext/build_progress.py``) and a summary. Unless ``SOURCE_DATE_EPOCH``
is set, it is taken from the last commit, so that two builds of one commit are the same.

    python docs/_tools/build_editions.py [sphinx-build options]
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sphinx.cmd.build import build_main

DOCS = Path(__file__).parents[1]
BUILD = DOCS / "_build"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # English first: see above


def build(language, *options):
    return build_main([
        "-b", "html", "-W", "--keep-going", "-q", *options,
        "-D", f"language={language}", "-d", str(BUILD / "doctrees" / language),
        str(DOCS), str(BUILD / "html" / language),
    ])


def pages(language):
    out = BUILD / "html" / language
    return sum(1 for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts)


def last_commit_time():
    try:
        return subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=DOCS, check=True,
                              capture_output=True, text=True).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        return None


def main(options):
    start = time.perf_counter()
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := last_commit_time()):
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    sys.path.insert(0, str(DOCS / "_ext"))
    import build_progress

    counts = []
    for language, name in LANGUAGES.items():
        print(f"Building the {name} edition ({language})…", flush=True)
        status = build(language, *options)
        if status:
            print(f"The {name} edition failed: see the messages above.", flush=True)
            return status
        counts.append(f"{language} {pages(language)} pages")
    shutil.copy(DOCS / "_root" / "index.html", BUILD / "html" / "index.html")
    print(f"Built {', '.join(counts)}; {len(build_progress.EXECUTED)} examples executed; "
          f"{time.perf_counter() - start:.0f} s.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
