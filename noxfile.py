"""Developer and CI entry points. See README.md and CONTRIBUTING.md.

    nox -s docs        build both editions into docs/_build/html/{en,zh_CN}/
    nox -s tests       build (if needed) and run every check
    nox -s browser     the built site in Chromium: language switch, search, math, a11y
    nox -s translate   refresh the zh_CN catalogs after English text changed
    nox -s docs-live   rebuild the English edition on save, served on localhost
    nox -s bench       time the cold build, a one-example rebuild and the tests
    nox -s linkcheck   check external links (needs the internet; not part of CI)
"""

import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"  # pip: it finds the local CPU build of torch
nox.options.reuse_venv = "yes"
nox.options.sessions = ["docs", "tests"]
AXE_CORE = "axe-core@4.14.1"  # accessibility rules, injected into pages by tests/browser

ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")


def install(session, group):
    session.install(*nox.project.dependency_groups(PYPROJECT, group))
    # OpenMP threads that wait for work sleep instead of spinning: with two test workers
    # on two cores, spinning threads made small tensor operations 10-100 times slower.
    session.env.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def sphinx(session, builder, outdir, *args):
    """Run sphinx-build with warnings as errors, reporting all of them before failing."""
    session.run(
        "sphinx-build", "-b", builder, "-W", "--keep-going", "-q",
        *args, str(DOCS), str(outdir),
    )


@nox.session
def docs(session):
    """Build the English and the Chinese edition, and the root page that picks one."""
    install(session, "docs")
    # One process, English first: it executes the examples that changed (sphinx-gallery
    # keeps an MD5 per example); the Chinese build reuses their output.
    # (no posargs: `nox -s tests -- <test>` hands them to the sessions it requires too)
    session.run("python", str(DOCS / "_tools" / "build_editions.py"))
    session.log(f"Open {BUILD / 'html' / 'index.html'} (or en/index.html, zh_CN/index.html)")


@nox.session(requires=["docs"])
def tests(session):
    """Doctests, examples run standalone, state isolation, translations, the built site."""
    install(session, "tests")
    session.run("pytest", "-n", "2", *session.posargs)  # tests/browser: see `browser`


@nox.session(requires=["docs"])
def browser(session):
    """Read the built site in Debian's Chromium: switch, search, math, accessibility."""
    install(session, "browser")
    node = BUILD / "node"  # axe-core from npm, outside the source tree
    if not (node / "node_modules" / "axe-core").is_dir():
        node.mkdir(parents=True, exist_ok=True)
        session.run("npm", "install", "--prefix", str(node), "--no-audit", "--no-fund", AXE_CORE, external=True)
    # --confcutdir: skip the root conftest.py (the doctest collector needs torch)
    session.run("pytest", "tests/browser", "--confcutdir", "tests/browser", *session.posargs)


@nox.session(default=False)
def translate(session):
    """Extract English messages and merge them into the zh_CN catalogs (docs/locale/)."""
    install(session, "translate")
    shutil.rmtree(BUILD / "gettext", ignore_errors=True)  # no templates of deleted pages
    sphinx(session, "gettext", BUILD / "gettext", "-d", str(BUILD / "doctrees" / "gettext"))
    session.run(
        "sphinx-intl", "update", "-p", str(BUILD / "gettext"), "-l", "zh_CN",
        "-d", str(DOCS / "locale"), "-w", "0",
    )
    catalogs = sorted(str(p) for p in (DOCS / "locale").rglob("*.po"))
    session.run("python", str(DOCS / "_tools" / "tidy_catalogs.py"), *catalogs)
    session.log(
        "Now translate every empty or '#, fuzzy' msgstr under docs/locale/zh_CN/, "
        "then run this session again (it adds the \\ escapes reST needs next to Chinese)."
    )


@nox.session(name="docs-live", default=False)
def docs_live(session):
    """Serve the English edition with live reload (pass -- -D language=zh_CN for Chinese)."""
    install(session, "live")
    session.run(
        "sphinx-autobuild", str(DOCS), str(BUILD / "live"),
        "--watch", str(ROOT / "examples"), "--ignore", str(DOCS / "auto_examples"),
        *session.posargs,
    )


@nox.session(default=False)
def bench(session):
    """Cold build vs. floor, one-edit rebuild, test suite, page weight: a small table."""
    install(session, "tests")
    session.run("python", str(DOCS / "_tools" / "bench.py"))


@nox.session(default=False)
def linkcheck(session):
    """Check the external links of the English edition (needs network access)."""
    install(session, "docs")
    session.run(
        "sphinx-build", "-b", "linkcheck", "-q", "-d", str(BUILD / "doctrees" / "linkcheck"),
        str(DOCS), str(BUILD / "linkcheck"),
    )
