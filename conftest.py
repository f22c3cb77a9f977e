"""pytest plugin: check the ``>>>`` facts written in the examples' text blocks.

Each gallery script under ``examples/`` becomes one test. Its blocks run in page order,
exactly as sphinx-gallery runs them: code cells are executed, and every ``>>>`` example
in a text block is checked by the stdlib doctest runner against the namespace that the
cells above it built. A failure names the script and the line of the ``>>>``.

Blocks come from sphinx-gallery's own parser, so the test sees what the page shows.
Numbers are compared with pytest-doctestplus' FLOAT_CMP (relative tolerance), so a
last-digit difference in float output between machines is not a failure.
"""

import contextlib
import doctest
import sys
import traceback
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # before pyplot is imported anywhere

import matplotlib.pyplot as plt  # noqa: E402
from pytest_doctestplus.output_checker import FLOAT_CMP, OutputChecker  # noqa: E402
from sphinx_gallery.py_source_parser import split_code_and_text_blocks  # noqa: E402

ROOT = Path(__file__).parent
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from torch_state import reset_torch_state  # noqa: E402

OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | FLOAT_CMP

# Run by `nox -s browser` (Playwright + Chromium), which skips this file (--confcutdir).
collect_ignore = ["tests/browser"]


def is_example(path):
    return path.suffix == ".py" and path.name.startswith("plot_") and EXAMPLES in path.parents


class DoctestFailures(Exception):
    """All ``>>>`` mismatches of one example, each as 'file:line: ...'."""


class RecordingRunner(doctest.DocTestRunner):
    """A DocTestRunner that collects failures instead of printing them."""

    def __init__(self):
        super().__init__(checker=OutputChecker(), optionflags=OPTIONFLAGS, verbose=False)
        self.problems = []

    def _where(self, test, example):
        return f"{test.filename}:{test.lineno + example.lineno + 1}"

    def report_failure(self, out, test, example, got):
        expected = example.want.rstrip() or "(nothing)"
        self.problems.append(
            f"{self._where(test, example)}: >>> {example.source.strip()}\n"
            f"  expected:\n{_indent(expected)}\n  got:\n{_indent(got.rstrip() or '(nothing)')}"
        )

    def report_unexpected_exception(self, out, test, example, exc_info):
        error = "".join(traceback.format_exception_only(*exc_info[:2])).strip()
        self.problems.append(
            f"{self._where(test, example)}: >>> {example.source.strip()}\n"
            f"  raised unexpectedly:\n{_indent(error)}"
        )


def _indent(text):
    return "\n".join("      " + line for line in text.splitlines())


def run_example(path, workdir):
    """Run one gallery script block by block; return the doctest failures (a list).

    Exceptions raised by code cells propagate, with tracebacks that point into the
    script at the right line.
    """
    path = Path(path)
    _, blocks = split_code_and_text_blocks(path)
    namespace = {"__name__": "__main__", "__file__": str(path)}
    runner = RecordingRunner()
    parser = doctest.DocTestParser()
    reset_torch_state()
    try:
        with contextlib.chdir(workdir):
            for block in blocks:
                if block.type == "code":
                    # pad so that tracebacks report the script's own line numbers
                    source = "\n" * (block.lineno - 1) + block.content
                    exec(compile(source, str(path), "exec"), namespace)
                    continue
                test = parser.get_doctest(
                    block.content, namespace, path.name, str(path), block.lineno - 1
                )
                if test.examples:
                    runner.run(test, clear_globs=False)
    finally:
        plt.close("all")
        reset_torch_state()
    return runner.problems


def pytest_collect_file(file_path, parent):
    if is_example(file_path):
        return ExampleFile.from_parent(parent, path=file_path)
    return None


class ExampleFile(pytest.File):
    def collect(self):
        yield ExampleDoctests.from_parent(self, name="doctests")


class ExampleDoctests(pytest.Item):
    def runtest(self):
        workdir = self.config._tmp_path_factory.mktemp(self.path.stem)
        failures = run_example(self.path, workdir)
        if failures:
            raise DoctestFailures("\n\n".join(failures))

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, DoctestFailures):
            return str(excinfo.value)
        # an exception in a code cell: show only the frames inside the example
        inside = excinfo.traceback.filter(lambda entry: Path(str(entry.path)) == self.path)
        if inside:
            excinfo.traceback = inside
        return excinfo.getrepr(style="short")

    def reportinfo(self):
        return self.path, None, f"doctests of {self.path.relative_to(ROOT)}"
