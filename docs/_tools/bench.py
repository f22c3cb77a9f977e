"""Measure the build and the tests; print a small table. Run by ``nox -s bench``.

Figures, all on this machine, in one run:

* cold build of both editions (gallery output and doctrees deleted, venv reused), and
  its five slowest examples;
* floor: every example run once, one after the other, in a single Python process;
* no-execution build of both editions (``-D plot_gallery=0``), cold;
* ratio of the cold build to floor + no-execution build (target <= 1.3);
* rebuild of both editions after editing one example, and how many examples ran
  (must be 1);
* the test suite (``pytest -n 2``, without the browser tests);
* weight of a typical page: its HTML plus every file it loads.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
GALLERY = DOCS / "auto_examples"
EXAMPLES = sorted((ROOT / "examples").rglob("plot_*.py"))
EDITED = ROOT / "examples" / "01_tensors" / "plot_03_random_tensors.py"
TYPICAL_PAGE = BUILD / "html" / "en" / "auto_examples" / "01_tensors" / "plot_03_random_tensors.html"


def build_both(*extra):
    """What ``nox -s docs`` runs; returns what it printed."""
    return subprocess.run([sys.executable, str(DOCS / "_tools" / "build_editions.py"), *extra],
                          check=True, stdout=subprocess.PIPE, text=True).stdout


def slowest(output, count=5):
    """The examples that took longest in a build, from its "executed ..." lines."""
    runs = re.findall(r"executed (\S+) \(([\d.]+) s\)", output)
    return sorted(runs, key=lambda run: -float(run[1]))[:count]


def timed(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def clean():
    for path in (GALLERY, BUILD / "doctrees", BUILD / "html"):
        shutil.rmtree(path, ignore_errors=True)


def floor():
    """Every example once in this process (with the same reset hook as the build)."""
    code = (
        "import sys, runpy, matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt\n"
        f"sys.path.insert(0, {str(DOCS / '_ext')!r}); from torch_state import reset_torch_state\n"
        "import time; start = time.perf_counter()\n"
        f"for path in {[str(p) for p in EXAMPLES]!r}:\n"
        "    reset_torch_state(); runpy.run_path(path, run_name='__main__'); plt.close('all')\n"
        "print(time.perf_counter() - start)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         cwd=BUILD, env={**os.environ, "MPLBACKEND": "Agg"})
    return float(out.stdout.strip().splitlines()[-1])


def rebuild_after_one_edit():
    original = EDITED.read_text(encoding="utf-8")
    EDITED.write_text(original + "\n# an edit, for the benchmark\n", encoding="utf-8")
    try:
        since = time.time()
        seconds = timed(build_both)
    finally:
        EDITED.write_text(original, encoding="utf-8")
    executed = [m for m in GALLERY.rglob("*.py.md5") if m.stat().st_mtime >= since]
    build_both()  # back to the unedited page
    return seconds, len(executed)


def page_weight(page):
    html = page.read_text(encoding="utf-8")
    files = {page}
    for url in re.findall(r'(?:src|href)="([^"#?]+)(?:[?#][^"]*)?"', html):
        if url.startswith(("http:", "https:", "//", "mailto:")) or not re.search(r"\.(css|js|png|svg|woff2?|ttf)$", url):
            continue
        target = (page.parent / url).resolve()
        if target.is_file():
            files.add(target)
    return sum(f.stat().st_size for f in files), len(files)


class Rows(list):
    """The table's rows; each is also printed as soon as it is measured."""

    def append(self, row):
        super().append(row)
        print(f"  {row[0]}: {row[1]}", flush=True)

    def table(self):
        width = max(len(name) for name, _ in self)
        print(f"\n{'measure':<{width}}  value\n{'-' * width}  -----")
        for name, value in self:
            print(f"{name:<{width}}  {value}")


def main():
    rows = Rows()
    clean()
    printed = []
    cold = timed(lambda: printed.append(build_both()))
    rows.append(("cold build, both editions", f"{cold:.1f} s"))
    rows.append(("slowest examples in it", ", ".join(f"{name} {t} s" for name, t in slowest(printed[0]))))
    floor_seconds = floor()
    rows.append((f"floor: {len(EXAMPLES)} examples in one process", f"{floor_seconds:.1f} s"))
    clean()
    no_exec = timed(lambda: build_both("-D", "plot_gallery=0"))
    rows.append(("no-execution build, both editions", f"{no_exec:.1f} s"))
    clean()
    build_both()  # restore a normal build for the next figures
    rows.append(("cold / (floor + no-execution)", f"{cold / (floor_seconds + no_exec):.2f} (target <= 1.3)"))
    seconds, executed = rebuild_after_one_edit()
    rows.append(("rebuild after editing one example", f"{seconds:.1f} s, {executed} example(s) run (target <= 15 s, 1)"))
    start = time.perf_counter()
    passed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "2"],
        cwd=ROOT, stdout=subprocess.DEVNULL).returncode == 0
    tests = time.perf_counter() - start
    rows.append(("test suite (pytest -n 2, as nox -s tests)",
                 f"{tests:.1f} s (target <= 60 s)" + ("" if passed else ", FAILED")))
    size, count = page_weight(TYPICAL_PAGE)
    rows.append((f"typical page ({TYPICAL_PAGE.name}): HTML + {count - 1} files", f"{size / 1024:.0f} KiB"))
    rows.table()


if __name__ == "__main__":
    main()
