"""The zh_CN edition's downloadable scripts and notebooks carry the Chinese prose.

Their code, doctests and outputs must be exactly those of the English source: only text
blocks are translated (docs/_ext/translated_downloads.py). Run after ``nox -s docs``.
"""

import doctest
import json
import re
from pathlib import Path

import pytest
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

ROOT = Path(__file__).parents[1]
DOWNLOADS = ROOT / "docs" / "_build" / "html" / "zh_CN" / "_downloads"
EXAMPLES = {p.name: p for p in (ROOT / "examples").rglob("plot_*.py")}
HAN = re.compile(r"[\u4e00-\u9fff]")


def zh_scripts():
    if not DOWNLOADS.is_dir():
        pytest.fail(f"no zh_CN build at {DOWNLOADS.parent}: run `nox -s docs` first")
    return sorted(p for p in DOWNLOADS.rglob("plot_*.py") if p.name in EXAMPLES)


def doctests(text):
    return [(e.source, e.want) for e in doctest.DocTestParser().get_examples(text)]


def test_every_example_has_a_chinese_script():
    assert {p.name for p in zh_scripts()} == set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_chinese_script_has_the_same_code_and_doctests(name):
    (zh,) = [p for p in zh_scripts() if p.name == name]
    _, english = split_code_and_text_blocks(EXAMPLES[name])
    _, chinese = split_code_and_text_blocks(zh)
    assert [b.type for b in chinese] == [b.type for b in english]
    for en_block, zh_block in zip(english, chinese):
        if en_block.type == "code":
            assert zh_block.content == en_block.content
        else:
            assert doctests(zh_block.content) == doctests(en_block.content)
    assert HAN.search(chinese[0].content), f"{name}: the title and summary are not translated"
    notebook = json.loads(zh.with_suffix(".ipynb").read_text(encoding="utf-8")) if zh.with_suffix(".ipynb").exists() else None
    if notebook is None:
        notebooks = [p for p in DOWNLOADS.rglob(zh.with_suffix(".ipynb").name)]
        assert notebooks, f"no notebook for {name}"
        notebook = json.loads(notebooks[0].read_text(encoding="utf-8"))
    markdown = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert HAN.search(markdown), f"{name}: the notebook's text is not translated"
