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
                  if "_static" not in p.parts and 'class="math' in p.read_text(encoding="utf-8"))


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
