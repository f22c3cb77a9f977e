"""The built site: two complete editions, working links, nothing from the network.

Run after ``nox -s docs`` (``nox -s tests`` builds first).
"""

import html
import json
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

HTML = Path(__file__).parents[1] / "docs" / "_build" / "html"
EDITIONS = ["en", "zh_CN"]
# Resources a page loads by itself (as opposed to links a reader may follow).
LOADED = {("script", "src"), ("link", "href"), ("img", "src"), ("source", "src"), ("iframe", "src")}


def pages(edition):
    root = HTML / edition
    return sorted(p.relative_to(root) for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts)


@pytest.fixture(scope="module", autouse=True)
def site_is_built():
    missing = [e for e in EDITIONS if not (HTML / e / "index.html").is_file()]
    if missing:
        pytest.fail(f"no built site for {missing} under {HTML}: run `nox -s docs` first")


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.urls = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name"):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for attr in ("href", "src"):
            if attrs.get(attr) is not None and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.urls.append((tag, attr, attrs[attr]))


@lru_cache(maxsize=None)
def parse(path):
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_root_page_offers_both_editions():
    root = (HTML / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in root and 'href="zh_CN/index.html"' in root
    assert "navigator.languages" in root


def test_editions_have_the_same_pages():
    en, zh = set(pages("en")), set(pages("zh_CN"))
    assert en == zh, (
        f"only in en: {sorted(map(str, en - zh))}; only in zh_CN: {sorted(map(str, zh - en))}"
        " (a page deleted since an earlier build leaves its HTML behind: rm -rf docs/_build)"
    )
    assert len(en) > 10


@pytest.mark.parametrize("edition", EDITIONS)
def test_internal_links_and_anchors_resolve(edition):
    broken = []
    for page in pages(edition):
        path = HTML / edition / page
        for tag, attr, url in parse(path).urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or url.startswith("mailto:"):
                continue
            target, fragment = parts.path, parts.fragment
            target_path = (path.parent / unquote(target)).resolve() if target else path
            if target_path.is_dir():
                target_path = target_path / "index.html"
            if not target_path.exists():
                broken.append(f"{edition}/{page}: <{tag} {attr}={url!r}> -> missing file")
            elif fragment and target_path.suffix == ".html" and unquote(fragment) not in parse(target_path).ids:
                broken.append(f"{edition}/{page}: <{tag} {attr}={url!r}> -> no anchor #{fragment}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("edition", EDITIONS)
def test_nothing_is_loaded_from_the_network(edition):
    remote = []
    for page in pages(edition):
        for tag, attr, url in parse(HTML / edition / page).urls:
            if (tag, attr) in LOADED and (urlsplit(url).scheme in ("http", "https") or url.startswith("//")):
                remote.append(f"{edition}/{page}: <{tag} {attr}={url!r}>")
    assert not remote, "\n".join(remote)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_links_to_itself_in_the_other_edition(edition):
    other = "zh_CN" if edition == "en" else "en"
    missing = []
    for page in pages(edition):
        expected = "../" * len(page.parts) + f"{other}/{page.as_posix()}"
        hrefs = [url for tag, attr, url in parse(HTML / edition / page).urls if tag == "a"]
        if page.name not in ("search.html", "genindex.html") and expected not in hrefs:
            missing.append(f"{edition}/{page}")
    assert not missing, f"no language switch to the same page in {other}: {missing}"


def search_terms(edition):
    text = (HTML / edition / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(re.search(r"Search\.setIndex\((.*)\)\s*;?\s*$", text, re.S).group(1))
    return set(index["terms"]) | set(index.get("titleterms", {}))


def test_chinese_search_index_has_chinese_words():
    terms = search_terms("zh_CN")
    assert {"张量", "随机数"} <= terms, "jieba missing from the zh_CN build?"
    assert "tensor" in search_terms("en")


def test_math_is_served_locally():
    for edition in EDITIONS:
        assert (HTML / edition / "_static" / "mathjax" / "tex-chtml.js").is_file()


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_that_shows_math_loads_mathjax(edition):
    # Sphinx loads MathJax only on pages whose own body has math; a formula in a page
    # title would show as raw LaTeX in the sidebar and toctrees of every other page.
    raw = [str(page) for page in pages(edition)
           if 'class="math' in (text := (HTML / edition / page).read_text(encoding="utf-8"))
           and "mathjax/tex-chtml.js" not in text]
    assert not raw, f"{edition}: pages showing math without MathJax (math in a title?): {raw[:5]}"


def images(page):
    """(src, alt, class) of every <img> of a built page."""
    found = []

    class Images(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                attrs = dict(attrs)
                found.append((attrs.get("src", ""), attrs.get("alt", ""), attrs.get("class", "")))

    Images(convert_charrefs=True).feed(page.read_text(encoding="utf-8"))
    return found


def example_pages(edition):
    return [p for p in pages(edition) if p.name.startswith("plot_")]


def test_figures_are_drawn_in_each_language():
    """The Chinese edition shows each figure redrawn in Chinese, with a Chinese alt text."""
    from test_zh_style import is_english_in_disguise

    problems, figures = [], 0
    for page in example_pages("en"):
        en = [i for i in images(HTML / "en" / page) if "sphx-glr" in i[2]]
        zh = [i for i in images(HTML / "zh_CN" / page) if "sphx-glr" in i[2]]
        figures += len(en)
        for (en_src, en_alt, _), (zh_src, zh_alt, _) in zip(en, zh):
            if en_src.endswith(".zh_CN.png") or zh_src != en_src.replace(".png", ".zh_CN.png"):
                problems.append(f"{page}: {en_src} / {zh_src}")
            if not en_alt or is_english_in_disguise(en_alt, zh_alt):
                problems.append(f"{page}: alt text {en_alt!r} / {zh_alt!r}")
        if len(en) != len(zh):
            problems.append(f"{page}: {len(en)} figures in en, {len(zh)} in zh_CN")
    assert figures > 5
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_placeholder_thumbnails(edition):
    """Every chapter card shows the page's figure or a card drawn from its key doctest."""
    placeholder = (Path(__file__).parents[1] / "docs" / "_static" / "thumb-default.png").read_bytes()
    problems = []
    for index in pages(edition):
        if index.name != "index.html":
            continue
        for src, _alt, _cls in images(HTML / edition / index):
            if "_thumb" not in src:
                continue
            path = (HTML / edition / index).parent / unquote(src)
            if path.read_bytes() == placeholder:
                problems.append(f"{edition}/{index}: {src} is the placeholder")
            if (edition == "zh_CN") != src.endswith(".zh_CN.png"):
                problems.append(f"{edition}/{index}: {src} is not this edition's thumbnail")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("edition", EDITIONS)
def test_home_card_summaries_are_not_cut_inside_a_gloss(edition):
    """A summary cut short ends at a break, never inside "（tensor）" or "(dtype)"."""
    home = (HTML / edition / "index.html").read_text(encoding="utf-8")
    summaries = [html.unescape(s) for s in re.findall(r'class="notes-card__summary">([^<]*)</p>', home)]
    assert summaries, f"{edition}: no chapter cards on the home page"
    unbalanced = [s for s in summaries
                  if s.count("（") + s.count("(") != s.count("）") + s.count(")")]
    assert not unbalanced, f"{edition}: summaries cut inside parentheses: {unbalanced}"
