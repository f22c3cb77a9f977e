"""No English interface in the Chinese edition.

Reads every built zh_CN page: the interface around the article (header, sidebars, footer,
buttons), the boilerplate inside it (sphinx-gallery's download notes and footer, pitfall
labels, thumbnails), and the ``title``, ``aria-label``, ``placeholder`` and ``alt``
attributes of every element outside code. A string there must contain Chinese, or be made
only of names (PyTorch's API, the site's proper names, one-letter variables). The prose of
the pages themselves is checked in the catalogs (``test_zh_style``).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_zh_style import HAN, api_names

HTML = Path(__file__).parents[1] / "docs" / "_build" / "html" / "zh_CN"
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
CODE_TAGS = {"pre", "code", "kbd", "samp", "script", "style"}
# Inside the article, only these parts are interface rather than prose.
BOILERPLATE = {"sphx-glr-download-link-note", "sphx-glr-footer", "sphx-glr-timing", "pitfall-label",
               "sphx-glr-thumbcontainer", "headerlink", "prev-next-area", "notes-card__status"}
# Proper names that are the same in Chinese.
NAMES = {"pytorch", "python", "jupyter", "numpy", "cuda", "gpu", "cpu", "api", "english", "ctrl"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def english_words(text):
    """Latin words of ``text`` that are not names (empty when the text has Chinese)."""
    if HAN.search(text):
        return []
    code = re.sub(r"\S*(?:\w[._/\\]\w|[()\[\]0-9])\S*", " ", text)  # torch.rand, f(x), x_1
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", code)
    return [w for w in words if w.lower() not in NAMES and w.lower() not in api_names()]


class Interface(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.strings = [], []  # stack: (tag, in_code, is_interface)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        in_code = tag in CODE_TAGS or "math" in classes or any(c.startswith("highlight") for c in classes) \
            or "sphx-glr-script-out" in classes or (self.stack and self.stack[-1][1])
        in_article = tag == "article" or any(t == "article" for t, _, _ in self.stack)
        interface = (not in_article) or bool(classes & BOILERPLATE) or (self.stack and self.stack[-1][2])
        if tag == "article":
            interface = False
        if not in_code:
            for name in ATTRIBUTES:
                if attrs.get(name):
                    self.strings.append((f"{tag}[{name}]", attrs[name]))
        if tag not in VOID:
            self.stack.append((tag, bool(in_code), bool(interface)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][2] and not self.stack[-1][1] and data.strip():
            self.strings.append((self.stack[-1][0], data.strip()))


def pages():
    return sorted(p.relative_to(HTML) for p in HTML.rglob("*.html") if "_static" not in p.relative_to(HTML).parts) if HTML.is_dir() else []


def test_zh_pages_exist():
    assert pages(), f"no zh_CN build under {HTML}: run `nox -s docs` first"


@pytest.mark.parametrize("page", pages(), ids=str)
def test_no_english_interface(page):
    parser = Interface()
    parser.feed((HTML / page).read_text(encoding="utf-8"))
    english = [f"{where}: {text!r}" for where, text in parser.strings if english_words(text)]
    assert not english, f"zh_CN/{page} shows English interface text:\n  " + "\n  ".join(dict.fromkeys(english))


@pytest.mark.parametrize("text, english", [
    ("System Settings", True), ("Search...", True), ("搜索……", False), ("English", False),
    ("torch.rand", False), ("© 2026 PyTorch 笔记贡献者", False), ("PyTorch", False), ("Main", True),
])
def test_the_rule(text, english):
    assert bool(english_words(text)) is english
