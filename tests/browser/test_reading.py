"""The site tested the way readers use it: in Chromium, offline, in both editions."""

import os
from pathlib import Path

import pytest

from conftest import HTML

AXE = Path(os.environ.get("AXE_JS", Path(__file__).parents[2] / "docs" / "_build" / "node" / "node_modules" / "axe-core" / "axe.min.js"))
EXAMPLE = "auto_examples/01_tensors/plot_03_random_tensors.html"
OTHER = {"en": "zh_CN", "zh_CN": "en"}
HREFLANG = {"en": "en", "zh_CN": "zh-CN"}


def open_page(reader, url):
    reader.page.goto(url, wait_until="load")
    return reader.page


@pytest.mark.parametrize("edition", ["en", "zh_CN"])
def test_language_switch_lands_on_the_same_page_and_back(reader, site_url, edition):
    page = open_page(reader, f"{site_url}/{edition}/{EXAMPLE}")
    other = OTHER[edition]
    page.click(f".language-switch a[hreflang='{HREFLANG[other]}']")
    page.wait_for_load_state("load")
    assert page.url == f"{site_url}/{other}/{EXAMPLE}"
    assert page.locator("html").get_attribute("lang") == HREFLANG[other]
    page.click(f".language-switch a[hreflang='{HREFLANG[edition]}']")
    page.wait_for_load_state("load")
    assert page.url == f"{site_url}/{edition}/{EXAMPLE}"


def search(reader, site_url, edition, query):
    page = open_page(reader, f"{site_url}/{edition}/search.html?q={query}")
    page.wait_for_function(
        "() => typeof Search !== 'undefined' && Search._pulse_status === -1"
        " && document.querySelector('#search-results .search-summary')",
        timeout=120_000,  # each result page is fetched for its summary
    )
    hrefs = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
    return [h.split(f"/{edition}/", 1)[1] for h in hrefs]


@pytest.mark.parametrize(
    "edition, query, expected",
    [
        ("zh_CN", "张量", "auto_examples/01_tensors/plot_01_tensors_from_data.html"),
        ("zh_CN", "梯度", "auto_examples/02_autograd/plot_01_gradient_basics.html"),
        ("zh_CN", "张量形状", "auto_examples/01_tensors/plot_20_reshape_and_view.html"),
        ("zh_CN", "反向传播梯度", "auto_examples/02_autograd/plot_02_computational_graph.html"),
        ("en", "tensor", "auto_examples/01_tensors/plot_01_tensors_from_data.html"),
        ("en", "gradient", "auto_examples/02_autograd/plot_01_gradient_basics.html"),
    ],
)
def test_search_finds_the_page(reader, site_url, edition, query, expected):
    found = search(reader, site_url, edition, query)
    assert expected in found, f"search for {query!r} in {edition} found {found[:10]}"
    assert not reader.console_errors, reader.console_errors


def pages_with_math(edition):
    return sorted(p for p in (HTML / edition).rglob("*.html")
                  if "_static" not in p.parts and "mathjax/tex-chtml.js" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("edition", ["en", "zh_CN"])
def test_math_renders_offline_and_the_page_is_clean(reader, site_url, edition, artifacts):
    with_math = pages_with_math(edition)
    assert with_math, f"no page with math in {edition}"
    path = with_math[0].relative_to(HTML / edition).as_posix()
    page = open_page(reader, f"{site_url}/{edition}/{path}")
    page.wait_for_selector("mjx-container", timeout=30_000)  # MathJax typeset the formulas
    page.wait_for_load_state("networkidle")
    assert page.locator("mjx-container").count() >= 1
    broken = page.eval_on_selector_all("img", "imgs => imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
    assert not broken, f"images that did not load: {broken}"
    assert not reader.outside_requests, f"requests left the machine: {reader.outside_requests}"
    assert not reader.console_errors, reader.console_errors
    assert not reader.failed, reader.failed
    page.screenshot(path=artifacts / f"{edition}-math-page.png", full_page=False)


@pytest.mark.parametrize("edition", ["en", "zh_CN"])
def test_example_page_loads_everything_locally(reader, site_url, edition, artifacts):
    page = open_page(reader, f"{site_url}/{edition}/{EXAMPLE}")
    page.wait_for_load_state("networkidle")
    images = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.src, i.naturalWidth])")
    assert images and all(width > 0 for _src, width in images), images
    assert not reader.outside_requests, f"requests left the machine: {reader.outside_requests}"
    assert not reader.console_errors, reader.console_errors
    label = page.eval_on_selector(
        ".sphx-glr-script-out", "el => getComputedStyle(el, '::before').content")
    assert label == {"en": '"Out:"', "zh_CN": '"输出："'}[edition]  # sphinx-gallery's CSS label
    page.locator("#three-samplers-three-distributions").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"{edition}-example-page.png")


AXE_PAGES = ["index.html", EXAMPLE, "reference/glossary.html", "reference/dtypes.html", "auto_examples/01_tensors/index.html"]


@pytest.mark.parametrize("edition", ["en", "zh_CN"])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_serious_accessibility_violations(reader, site_url, edition, path):
    if not AXE.is_file():
        pytest.fail(f"axe-core not found at {AXE}: run `nox -s browser` (it installs axe-core from npm)")
    page = open_page(reader, f"{site_url}/{edition}/{path}")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    report = [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in serious]
    assert not serious, f"{edition}/{path}:\n" + "\n".join(report)


@pytest.mark.parametrize("locale, edition", [("zh-CN", "zh_CN"), ("en-US", "en"), ("fr-FR", "en")])
def test_root_page_opens_the_edition_of_the_browser_language(browser, site_url, locale, edition):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    page.wait_for_url(f"{site_url}/{edition}/index.html")
    context.close()


def copy_from(browser, site_url, edition, selector):
    """Click the copy button of the first block matching ``selector``; return the clipboard."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site_url}/{edition}/{EXAMPLE}", wait_until="load")
    block = page.locator(selector).first
    block.scroll_into_view_if_needed()
    block.hover()
    button = block.locator("xpath=ancestor::div[contains(@class,'highlight')][1]").locator("button.copybtn")
    tooltip = button.get_attribute("data-tooltip")
    button.click()
    page.wait_for_timeout(200)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    context.close()
    return copied, tooltip


@pytest.mark.parametrize("edition", ["en", "zh_CN"])
def test_copying_a_doctest_gives_only_its_input_lines(browser, site_url, edition):
    copied, tooltip = copy_from(browser, site_url, edition, "div.doctest pre")
    lines = copied.strip().splitlines()
    assert lines[0] == "widths.shape, image.shape, rgb_image.shape, batch.shape", copied
    assert not any(line.startswith((">>>", "...")) for line in lines), copied
    assert "torch.Size" not in copied, f"the output was copied too: {copied!r}"
    assert tooltip == {"en": "Copy", "zh_CN": "复制"}[edition]


@pytest.mark.parametrize("edition", ["en", "zh_CN"])
def test_copying_a_code_cell_gives_runnable_code(browser, site_url, edition):
    copied, _ = copy_from(browser, site_url, edition, "div.highlight-Python pre")
    compile(copied, "copied cell", "exec")  # valid Python, as shown on the page
    assert copied.startswith("import matplotlib.pyplot as plt"), copied


def test_output_blocks_have_no_copy_button(reader, site_url):
    page = open_page(reader, f"{site_url}/en/{EXAMPLE}")
    assert page.locator(".sphx-glr-script-out button.copybtn").count() == 0
    assert page.locator("div.highlight-Python button.copybtn").count() >= 1


def test_screenshots_of_the_chinese_edition(reader, site_url, artifacts):
    """A translated figure and a chapter page of generated thumbnails, to look at."""
    page = open_page(reader, f"{site_url}/zh_CN/{EXAMPLE}")
    figure = page.locator("img.sphx-glr-single-img").first
    assert figure.get_attribute("src").endswith(".zh_CN.png")
    figure.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    figure.screenshot(path=artifacts / "zh_CN-translated-figure.png")
    page = open_page(reader, f"{site_url}/zh_CN/auto_examples/01_tensors/index.html")
    page.wait_for_load_state("networkidle")
    cards = page.locator(".sphx-glr-thumbcontainer")
    assert cards.count() > 10
    cards.first.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "zh_CN-chapter-thumbnails.png")
    page = open_page(reader, f"{site_url}/zh_CN/index.html")
    page.wait_for_load_state("networkidle")
    page.locator(".notes-cards").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "zh_CN-home-page.png")
