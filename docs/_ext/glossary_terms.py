"""The bilingual glossary, generated from one data file, and jieba's user dictionary.

``docs/reference/glossary.csv`` has one row per term: English term, Chinese term,
one-line definition (English; translated through the glossary page's catalog) and the
page that first teaches it. The ``bilingual-glossary`` directive turns the rows into a
Sphinx ``glossary`` in which each entry answers to both names, so pages link terms with
:term:`tensor` in English and :term:`张量` in Chinese, and both reach the same target
in both editions. The English edition lists the terms in English alphabetical order;
the Chinese one puts the Chinese name first and sorts by its pinyin.

The Chinese terms are also written to a jieba user dictionary (in the doctree folder, a
build product) so that the zh_CN search index keeps them as words.
"""

import csv
from pathlib import Path

from docutils import nodes
from pypinyin import lazy_pinyin
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

COLUMNS = ["english", "chinese", "definition", "first_page"]
JIEBA_DICT = "jieba-glossary.txt"


def read_terms(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for number, row in enumerate(rows, start=2):
        if list(row) != COLUMNS or not all((row[c] or "").strip() for c in COLUMNS):
            raise ConfigError(f"{path}:{number}: need all of {COLUMNS}, got {row}")
    return sorted(rows, key=lambda row: row["english"].lower())


class BilingualGlossary(SphinxDirective):
    """Used in a reStructuredText page: ``.. bilingual-glossary:: glossary.csv``."""

    required_arguments = 1  # the CSV file, relative to the page

    def run(self):
        _, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(path)
        lines = [".. glossary::", ""]
        chinese = (self.config.language or "").startswith("zh")
        rows = read_terms(path)
        if chinese:  # a Chinese reader scans by pinyin, Chinese name first
            rows = sorted(rows, key=lambda row: pinyin_key(row["chinese"]))
        for row in rows:
            # a Latin-only Chinese name (GPU, softmax) is the English term itself
            names = [row["english"]] + ([row["chinese"]] if row["chinese"] != row["english"] else [])
            if chinese:
                names.reverse()
            lines += [
                *(f"   {name}" for name in names),
                f"      {row['definition']}",
                "",
                f"      :doc:`/{row['first_page']}`",
                "",
            ]
        parsed = self.parse_text_to_nodes("\n".join(lines))
        # The terms (both languages) and the page links are the same in every edition;
        # only the definitions are translated.
        for node in parsed[0].findall(lambda n: isinstance(n, nodes.term) or _is_link_paragraph(n)):
            node["translatable"] = False
        return parsed


def pinyin_key(name):
    """``张量`` sorts as ``zhang liang``; Latin names (GPU, softmax) as themselves."""
    return " ".join(lazy_pinyin(name)).lower()


def _is_link_paragraph(node):
    """The paragraph that holds only the :doc: link to the first page."""
    return isinstance(node, nodes.paragraph) and [c.tagname for c in node.children] == ["pending_xref"]


def write_jieba_dictionary(app, config):
    """Give jieba every Chinese glossary term (and its parts separated by spaces)."""
    if not (config.language or "").startswith("zh"):
        return
    words = set()
    for row in read_terms(Path(app.srcdir, config.glossary_file)):
        words.add(row["chinese"].replace(" ", ""))
    target = Path(app.doctreedir) / JIEBA_DICT
    target.parent.mkdir(parents=True, exist_ok=True)
    # jieba's format: word, frequency, part of speech; a high frequency keeps it whole
    target.write_text("".join(f"{w} 100000 n\n" for w in sorted(words)), encoding="utf-8")
    config.zh_search_dict = str(target)


def setup(app):
    app.add_config_value("glossary_file", "reference/glossary.csv", "env", types=[str])
    app.add_directive("bilingual-glossary", BilingualGlossary)
    # before chinese_edition reads zh_search_dict (default priority 500)
    app.connect("config-inited", write_jieba_dictionary, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
