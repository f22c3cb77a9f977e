"""Every message of the Chinese catalogs is translated and current.

A missing message (English text added after the last ``nox -s translate``) is caught by
the zh_CN build itself (docs/_ext/i18n_check.py); this test names the empty and fuzzy
entries of the catalogs, and catalogs left behind by deleted pages.
"""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).parents[1] / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"
DOCS = LOCALE.parents[2]
HAND_KEPT = {"ui.po", "sphinx.po"}  # interface strings, not pages
CATALOGS = sorted(LOCALE.rglob("*.po"))


def test_there_are_catalogs():
    assert len(CATALOGS) > 3, f"no zh_CN catalogs found under {LOCALE}"


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: str(p.relative_to(LOCALE)))
def test_every_message_is_translated(po):
    with po.open("rb") as f:
        catalog = read_po(f)
    problems = []
    for message in catalog:
        if not message.id:
            continue  # the header
        where = f"{po.relative_to(DOCS.parent)}:{message.lineno}"
        if not message.string.strip():
            problems.append(f"{where}: empty translation of {message.id!r}")
        elif message.fuzzy:
            problems.append(f"{where}: fuzzy (unreviewed) translation of {message.id!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "po", [p for p in CATALOGS if p.name not in HAND_KEPT], ids=lambda p: str(p.relative_to(LOCALE))
)
def test_catalog_belongs_to_a_page(po):
    page = po.relative_to(LOCALE).with_suffix("")
    sources = [DOCS / page.with_suffix(s) for s in (".md", ".rst")]
    if page.parts[0] == "auto_examples":  # generated from examples/
        examples = DOCS.parent / "examples" / Path(*page.parts[1:])
        sources += [examples.with_suffix(".py")]
        if page.name == "index":
            sources += [examples.parent / "GALLERY_HEADER.rst"]
    assert any(s.exists() for s in sources), (
        f"{po.relative_to(DOCS.parent)} has no page any more: delete it"
    )
