"""A line for each example the build executes, for the summary ``nox -s docs`` prints.

Sphinx runs with ``-q`` (see ``docs/_tools/build_editions.py``), so the only per-example
news would be sphinx-gallery's long report. sphinx-gallery calls its ``reset_modules``
hooks before and after every example it executes; ``report_example`` is one of them
(``conf.py``) and prints the example's name and run time when it finishes.
"""

import time

EXECUTED = []  # (file name, seconds) of each example executed by this process
_started = {}


def report_example(gallery_conf, fname, when):
    if when == "before":
        _started[fname] = time.perf_counter()
        return
    seconds = time.perf_counter() - _started.pop(fname, time.perf_counter())
    EXECUTED.append((fname, seconds))
    print(f"  executed {fname} ({seconds:.1f} s)", flush=True)
