"""The 简体中文 edition reads as Chinese, not as English with Chinese sprinkled in.

* Every glossary term is followed by its English name in full-width parentheses at its
  first use in the body text of every page (张量（tensor）), not only on the page that
  introduces it: a reader may land on any page. A term that is itself in parentheses
  takes the English after a comma: （验证集，validation set）.
* No translation is English in disguise: where a message is English prose, its
  translation differs from it, contains Chinese, and does not keep most of its English
  words (words in parentheses are glosses and do not count). Messages that are only code,
  only math or only names are exempt, by rule.

* No space between two Chinese characters, or before full-width punctuation: Chinese
  has no spaces between words (a translation that puts one next to inline markup needs
  the ``\\ `` escape instead, which ``nox -s translate`` adds).

The first and last tests read the built site (``nox -s docs``); the second reads the
catalogs.
"""

import csv
import inspect
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[1]
HTML = ROOT / "docs" / "_build" / "html" / "zh_CN"
GLOSSARY = ROOT / "docs" / "reference" / "glossary.csv"
LOCALE = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"

HAN = re.compile(r"[\u3400-\u9fff]")


# -- Body text of a built page ---------------------------------------------------------

# Elements whose text is not body prose: headings, code and output, math, the gallery's
# boilerplate and thumbnails, box titles, figures, tables of contents.
SKIPPED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "script", "style", "kbd",
                "samp", "figure", "img", "svg", "button", "nav"}
SKIPPED_CLASSES = {
    "highlight", "sphx-glr-script-out", "sphx-glr-download-link-note", "sphx-glr-footer",
    "sphx-glr-thumbnails", "sphx-glr-thumbcontainer", "admonition-title", "pitfall-label",
    "headerlink", "math", "toctree-wrapper", "sphx-glr-timing", "rubric",
    "notes-cards",  # the home page's chapter cards repeat (cut) the chapter introductions
}
BLOCK_TAGS = {"p", "li", "dd", "dt", "td", "th", "div", "section", "blockquote", "caption", "ol", "ul"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class BodyText(HTMLParser):
    """The prose of ``<article>``, with skipped elements removed and blocks separated."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, skipped) of the open elements inside the article
        self.in_article = False
        self.parts = []

    def skipping(self):
        return any(skipped for _tag, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article = True
        if not self.in_article or tag in VOID_TAGS:
            return
        classes = set((attrs.get("class") or "").split())
        skipped = tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES) or any(
            c.startswith("highlight-") for c in classes)
        if skipped and not self.skipping() and (tag == "code" or "math" in classes):
            self.parts.append("‹code›")  # code and math: not prose, but not nothing either
        self.stack.append((tag, skipped))
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        if not self.in_article or tag in VOID_TAGS:
            return
        while self.stack:  # tolerate unclosed elements
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_article and not self.skipping():
            self.parts.append(data)

    def text(self):
        return "".join(self.parts)


@lru_cache(maxsize=None)
def body_text(page):
    parser = BodyText()
    parser.feed((HTML / page).read_text(encoding="utf-8"))
    return parser.text()


def prose_pages():
    """Example pages, chapter pages and the home page (reference pages are lists)."""
    if not HTML.is_dir():
        return []
    pages = [p.relative_to(HTML) for p in (HTML / "auto_examples").rglob("*.html")]
    return sorted([*pages, Path("index.html")])


# -- Glossary terms at first use ------------------------------------------------------------

@lru_cache(maxsize=None)
def glossary():
    with GLOSSARY.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {row["chinese"].strip(): row["english"].strip() for row in rows if HAN.search(row["chinese"])}


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def names_the_term(gloss, english):
    """Does the parenthetical ``gloss`` give ``english``? Inflections are allowed
    (broadcast/broadcasting, tensor/tensors): each word of the term must start a word of
    the gloss, up to its last three letters."""
    glossed = words(gloss)
    return all(any(g.startswith(w[: max(3, len(w) - 3)]) for g in glossed) for w in words(english))


GLOSS = re.compile(r"\s*（([^）]*)）")
INNER_GLOSS = re.compile(r"\s*，\s*([A-Za-z][^，（）]*)）")  # a term that is itself in parentheses


def unglossed_first_uses(text):
    """Glossary terms whose first use in ``text`` lacks （English）, with some context."""
    terms = glossary()
    # longest first, so that 叶子张量 is one use of "leaf tensor", not a use of 张量
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    seen, problems = set(), []
    for match in pattern.finditer(text):
        term = match.group()
        if term in seen:
            continue
        seen.add(term)
        gloss = GLOSS.match(text, match.end())
        before = text[:match.start()]
        if not gloss and before.rfind("（") > before.rfind("）"):  # the term is in parentheses
            gloss = INNER_GLOSS.match(text, match.end())  # （验证集，validation set）
        if not (gloss and names_the_term(gloss.group(1), terms[term])):
            context = " ".join(text[max(0, match.start() - 15): match.end() + 20].split())
            problems.append(f"{term}（{terms[term]}） at its first use: …{context}…")
    return problems


def test_glossary_has_chinese_terms():
    assert len(glossary()) > 40, f"no Chinese terms read from {GLOSSARY}"


@pytest.mark.parametrize("page", prose_pages(), ids=str)
def test_glossary_terms_are_glossed_at_first_use(page):
    problems = unglossed_first_uses(body_text(page))
    assert not problems, f"zh_CN/{page}: write the English in parentheses:\n  " + "\n  ".join(problems)


def test_zh_site_is_built():
    assert prose_pages(), f"no zh_CN build under {HTML}: run `nox -s docs` first"


# -- English in disguise ----------------------------------------------------------------------

# Markup whose content is not prose: literals, roles (their targets stay English, e.g.
# :term:`张量 <tensor>`), substitutions, links, math.
CODE = re.compile(
    r"``.+?``"  # inline literal
    r"|:[\w:+-]+:`[^`]*`"  # a role and its content
    r"|`[^`]*`_{0,2}"  # interpreted text, a named link
    r"|https?://\S+"
    r"|\$[^$]*\$"  # math in figure strings
    r"|\\\(.*?\\\)"
    r"|\{\w*\}|%\(\w+\)s",  # placeholders: {label}, %(year)s
    re.S,
)
# A token that is a name in code: dotted, underscored, called, CamelCase, or with digits.
IDENTIFIER = re.compile(r"^(?:.*[._()\[\]=<>/\\0-9].*|[a-z]+[A-Z]\w*|[A-Z][a-z]*[A-Z]\w*)$")
PARENTHESES = re.compile(r"（[^）]*）|\([^)]*\)")


@lru_cache(maxsize=None)
def api_names():
    """Names of PyTorch functions, methods and classes (``randn``, ``view``, ``relu``): in
    a title such as "rand, randn and randint" they are code, written without markup."""
    import torch

    spaces = [torch, torch.Tensor, torch.nn, torch.nn.functional, torch.optim, torch.utils.data]
    return {name.lower() for space in spaces for name in dir(space)
            if not name.startswith("_") and not inspect.ismodule(getattr(space, name, None))}


def prose_words(text):
    """The English prose words of a message: words outside code and math that are not
    names (capitalised words such as PyTorch and NumPy, PyTorch's own function names)
    and not one-letter variables."""
    text = CODE.sub(" ", text)
    tokens = re.findall(r"[^\s,;:!?，。；：！？“”\"'、]+", text)
    found = []
    for token in tokens:
        token = token.strip("*()[]{}（）")
        if not re.fullmatch(r"[A-Za-z][A-Za-z'-]+", token) or IDENTIFIER.match(token):
            continue
        if token.lower() in api_names():
            continue
        if token[0].isupper() and not (token.istitle() and token.lower() in COMMON_CAPITALISED):
            continue  # a name (PyTorch, NumPy, Adam), or the capital at the start of a sentence
        found.append(token.lower())
    return found


# Sentence-initial words of English prose are capitalised; these are never names.
COMMON_CAPITALISED = {
    "a", "an", "the", "and", "or", "but", "if", "when", "what", "why", "how", "which", "this",
    "that", "these", "those", "it", "its", "in", "on", "at", "to", "of", "for", "with", "by",
    "from", "as", "is", "are", "be", "do", "does", "not", "no", "every", "each", "all", "one",
    "two", "three", "use", "call", "make", "see", "run", "read", "write", "keep", "take",
    "summary", "pitfall", "note", "common", "download", "go", "out", "show", "hide", "search",
    "system", "settings", "toggle", "copyright", "previous", "next", "contents", "page",
    "main", "color", "mode", "light", "dark", "back", "top", "skip", "built", "copy",
}


def catalogs():
    return sorted(LOCALE.rglob("*.po"))


def is_english_in_disguise(msgid, msgstr):
    """Why ``msgstr`` is not a real translation of the English prose ``msgid`` (or None)."""
    english = prose_words(msgid)
    if not english:
        return None  # only code, math or names
    if msgstr.strip() == msgid.strip():
        return "the translation is the English text"
    if not HAN.search(CODE.sub(" ", msgstr)):
        return "the translation has no Chinese outside code"
    distinct = set(english)
    if len(distinct) >= 4:
        kept = distinct & set(prose_words(PARENTHESES.sub(" ", msgstr)))
        if len(kept) > len(distinct) / 2:
            return f"the translation keeps most of the English words ({', '.join(sorted(kept))})"
    return None


@pytest.mark.parametrize("po", catalogs(), ids=lambda p: str(p.relative_to(LOCALE)))
def test_translations_are_not_english_in_disguise(po):
    with po.open("rb") as f:
        catalog = read_po(f)
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue  # the header; empty ones are test_translations' business
        why = is_english_in_disguise(message.id, message.string)
        if why:
            problems.append(f"{po.relative_to(ROOT)}:{message.lineno}: {why}: {message.id!r} -> {message.string!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("msgid, msgstr, bad", [
    ("Tensors share memory with NumPy arrays", "Tensors share memory with NumPy arrays", True),
    ("Tensors share memory with NumPy arrays", "Tensors share memory", True),
    ("Tensors share memory with their NumPy arrays", "张量 share memory with their NumPy arrays", True),
    ("Tensors share memory with their NumPy arrays", "张量（tensor）与 NumPy 数组共享内存（shared memory）", False),
    ("``torch.float32``", "``torch.float32``", False),
    ("PyTorch", "PyTorch", False),
    (":func:`torch.tensor`", ":func:`torch.tensor`", False),
    ("Summary", "小结", False),
    ("Summary", "Summary", True),
    ("Other distributions", "Other distributions", True),  # a torch submodule's name is a word
    ("Random tensors: rand, randn and randint", "随机张量：rand、randn 与 randint", False),
])
def test_the_disguise_rule(msgid, msgstr, bad):
    assert bool(is_english_in_disguise(msgid, msgstr)) is bad


@pytest.mark.parametrize("text, problems", [
    ("张量（tensor）是……每个张量", 0),
    ("张量是……张量（tensor）", 1),
    ("叶子张量（leaf tensor）不是普通张量（tensors）", 0),
    ("广播（broadcast）", 0),
    ("梯度（slope）", 1),
    ("第二部分（梯度，gradient）", 0),
    ("（用来打乱索引，indexing）", 0),
])
def test_the_first_use_rule(text, problems):
    assert len(unglossed_first_uses(text)) == problems


CJK = r"[\u3400-\u9fff]"
FULL_WIDTH = r"[，。：；！？、）」』】]"
STRAY_SPACE = re.compile(rf"{CJK}[ \t]+(?={CJK})|(?<=\S)[ \t]+(?={FULL_WIDTH})")


@pytest.mark.parametrize("page", prose_pages(), ids=str)
def test_no_spaces_between_chinese_characters(page):
    text = body_text(page)
    found = [" ".join(text[max(0, m.start() - 12): m.end() + 12].split("\n")) for m in STRAY_SPACE.finditer(text)]
    assert not found, f"zh_CN/{page}: stray spaces in Chinese text:\n  " + "\n  ".join(f"…{f}…" for f in found)


# -- Punctuation --------------------------------------------------------------------------

ASCII_QUOTE = re.compile(rf'{CJK}"|"{CJK}')  # Chinese prose quotes with “ ”


def nested_parentheses(text):
    """Places where a full-width parenthesis opens inside another, like “（广播（broadcasting）后）”."""
    found, depth = [], 0
    for i, char in enumerate(text):
        if char == "\n":
            depth = 0
        elif char == "（":
            depth += 1
            if depth == 2:
                found.append(text[max(0, i - 20): i + 20].replace("\n", " "))
        elif char == "）":
            depth = max(0, depth - 1)
    return found


def test_the_nesting_rule():
    assert nested_parentheses("结果的形状（广播（broadcasting）后）") == ["结果的形状（广播（broadcasting）后）"]
    assert nested_parentheses("张量（tensor）和形状（shape）") == []


@pytest.mark.parametrize("page", prose_pages(), ids=str)
def test_no_nested_parentheses_or_ascii_quotes(page):
    text = body_text(page)
    found = [f"nested: …{n}…" for n in nested_parentheses(text)]
    found += [f"ASCII quote: …{text[max(0, m.start() - 12): m.end() + 12]}…" for m in ASCII_QUOTE.finditer(text)]
    assert not found, f"zh_CN/{page}:\n  " + "\n  ".join(found)


# -- Glossary order ---------------------------------------------------------------------

def test_zh_glossary_is_in_pinyin_order():
    """A Chinese reader finds 张量 under z: entries start with the Chinese name, by pinyin."""
    from pypinyin import lazy_pinyin

    page = (HTML / "reference" / "glossary.html").read_text(encoding="utf-8")
    body = page.split('<dl class="glossary">', 1)[1]
    first_names, new_entry = [], True
    for match in re.finditer(r"<dt[^>]*>([^<]*)|</dd>", body):
        if match.group(1) is not None and new_entry:
            first_names.append(match.group(1).strip())
        new_entry = match.group(1) is None
    with GLOSSARY.open(encoding="utf-8") as f:
        assert len(first_names) == len(list(csv.DictReader(f))), "one entry per glossary row"
    keys = [" ".join(lazy_pinyin(name)).lower() for name in first_names]
    assert keys == sorted(keys), f"not in pinyin order: {first_names}"
    assert first_names[0] != "accuracy", "the Chinese name comes first"
