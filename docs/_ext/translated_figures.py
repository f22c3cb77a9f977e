"""Figures in the reader's language, from one execution of each example.

1. When an example runs, ``scraper`` (a sphinx-gallery image scraper) saves each
   matplotlib figure as usual (the English PNG) and also pickles it next to the PNG. The
   reST it writes is a ``translated-figure`` directive that lists every string drawn in
   the figure (titles, labels, legends, annotations, text in diagrams, tick labels).
2. Those strings are messages of the page's catalog like any paragraph: ``nox -s
   translate`` extracts them, and a missing or fuzzy one fails the translated build
   (``i18n_check``) naming the page and the string. They are not shown in the HTML.
3. Before a translated edition reads its pages, every pickled figure whose strings or
   translations changed is drawn again with its strings swapped through the page's
   catalog, as ``<name>.<language>.png`` beside the English file. Sphinx's
   ``figure_language_filename`` (``{root}.{language}{ext}``) then picks that file for the
   edition, in the page and wherever else the image is used. To save time, the English
   build starts this drawing in a second process as soon as the examples have run; the
   translated build waits for it and draws (and reports) whatever it could not.

The image's alt text is the figure's titles, in the page's language. Chinese is drawn
with Noto Sans CJK SC (from the ``mplfonts`` package), as a fallback after the figure's
own fonts; a glyph that no font has is an error, never a box.
"""

import atexit
import hashlib
import json
import logging as logging_module
import os
import pickle
import re
import subprocess
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

from babel.messages.pofile import read_po
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ui_strings import ui_text

logger = logging.getLogger(__name__)

CJK_FONT = "Noto Sans CJK SC"
HAN = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
RENDERER_VERSION = "2"  # change to redraw every translated figure
GLYPH_MISSING = re.compile(r"Glyph \d+ .* missing from font")
# Strings without words need no translation: numbers, tick values, math.
NOT_WORDS = re.compile(r"[\s\d.,:;+\-\u2212×·^%()\[\]=<>/|*]*")
# A name from code: dotted, underscored, called, CamelCase, or with digits.
IDENTIFIER = re.compile(r"\S*[._()\[\]0-9]\S*|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*")


# -- Fonts ------------------------------------------------------------------------------

def cjk_font_file():
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the mplfonts package ships no Noto Sans CJK SC")
    return path


class DummyGlyphs(logging_module.Handler):
    def __init__(self):
        super().__init__(logging_module.WARNING)
        self.messages = []

    def emit(self, record):
        if "substituting with a dummy symbol" in record.getMessage():
            self.messages.append(record.getMessage())


@contextmanager
def fonts_with_cjk_fallback():
    """Draw with the usual fonts, falling back to Noto Sans CJK SC; missing glyphs raise."""
    import matplotlib
    from matplotlib import font_manager

    font = cjk_font_file()
    if CJK_FONT not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(font))
    # matplotlib falls back along a text's own list of families (not along the fonts an
    # alias such as "sans-serif" stands for), so the CJK font joins every text's list.
    rc = {"font.family": with_cjk(matplotlib.rcParams["font.family"])}
    dummies = DummyGlyphs()  # mathtext logs the glyphs it replaces, it does not warn
    mathtext_log = logging_module.getLogger("matplotlib.mathtext")
    mathtext_log.addHandler(dummies)
    try:
        with matplotlib.rc_context(rc), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        mathtext_log.removeHandler(dummies)
    missing = sorted({str(w.message) for w in caught if GLYPH_MISSING.search(str(w.message))})
    missing += sorted(set(dummies.messages))
    for w in caught:
        if not GLYPH_MISSING.search(str(w.message)):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if missing:
        raise ValueError("; ".join(missing))


# -- Strings of a figure -----------------------------------------------------------------

def with_cjk(families):
    families = [families] if isinstance(families, str) else list(families)
    return families if CJK_FONT in families else [*families, CJK_FONT]


def is_text_to_translate(text):
    """Text with words in it, outside math, that are not all names from code."""
    text = re.sub(r"\$[^$]*\$", " ", text).strip()  # math is the same in every language
    if not text or NOT_WORDS.fullmatch(text):
        return False
    words = [w.strip("()[]{}") for w in re.findall(r"[^\s,;:]+", text)]
    return not all(len(w) <= 2 or IDENTIFIER.fullmatch(w) for w in words if w)


def figure_texts(fig):
    """Every visible text artist of a drawn figure (tick labels included)."""
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def tickers(fig):
    """The major and minor tickers of every axis of ``fig``."""
    for ax in fig.get_axes():
        for axis in (getattr(ax, name) for name in ("xaxis", "yaxis", "zaxis") if hasattr(ax, name)):
            yield axis.major
            yield axis.minor


def translating_formatter(inner, translate):
    """A tick formatter that formats like ``inner``, then translates the labels (numbers
    are not in the catalog, so they pass unchanged)."""
    from matplotlib.ticker import Formatter

    class Translating(Formatter):
        def __call__(self, x, pos=None):
            return translate(inner(x, pos))

        def format_ticks(self, values):
            return [translate(label) for label in inner.format_ticks(values)]

        def set_locs(self, locs):
            inner.set_locs(locs)

        def set_axis(self, axis):
            super().set_axis(axis)
            inner.set_axis(axis)

        def get_offset(self):
            return inner.get_offset()

        def format_data(self, value):
            return inner.format_data(value)

        def format_data_short(self, value):
            return inner.format_data_short(value)

    return Translating()


def figure_strings(fig):
    """The strings a reader sees in ``fig``, one per line of text, in drawing order.

    Call it after saving the figure: drawing it creates the tick labels."""
    found = []
    for text in figure_texts(fig):
        for line in text.get_text().split("\n"):
            if is_text_to_translate(line) and line.strip() not in found:
                found.append(line.strip())
    return found


def figure_alt(fig):
    """A short description of ``fig`` for its alt text: its titles."""
    titles = [fig._suptitle.get_text()] if getattr(fig, "_suptitle", None) else []
    titles = titles or [ax.get_title(loc) for ax in fig.get_axes() for loc in ("left", "center", "right")]
    # each title as its lines: the lines are the messages (see figure_strings)
    return [[line.strip() for line in t.split("\n") if line.strip()] for t in titles if t.strip()]


def translate_figure(fig, table):
    """Swap every string of ``fig`` for its translation in ``table`` (English -> target)."""
    def translate(text):
        return "\n".join(table.get(line.strip(), line) for line in text.split("\n"))

    import matplotlib

    for ticker in list(tickers(fig)):
        ticker.formatter = translating_formatter(ticker.formatter, translate)
    for ax in fig.get_axes():  # tick labels made at drawing time take their font from here
        ax.tick_params(which="both", labelfontfamily=with_cjk(matplotlib.rcParams["font.family"]))
    fig.draw_without_rendering()  # creates the tick labels
    for text in figure_texts(fig):
        text.set_text(translate(text.get_text()))
        if "$" in text.get_text() and HAN.search(text.get_text()):
            # mathtext draws the words around the math in the text's first font only
            text.set_fontfamily([CJK_FONT])
        else:
            text.set_fontfamily(with_cjk(text.get_fontfamily()))


# -- The scraper (runs when an example is executed) ---------------------------------------

def scraper(block, block_vars, gallery_conf, **kwargs):
    """Save each matplotlib figure (PNG + pickle) and describe it for translation."""
    import matplotlib
    import matplotlib.pyplot as plt

    rst = []
    image_paths = block_vars["image_path_iterator"]
    for number, image_path in zip(plt.get_fignums(), image_paths):
        fig = plt.figure(number)
        image_path = Path(image_path)
        options = {}
        for attr in ("facecolor", "edgecolor"):  # as sphinx-gallery's own scraper
            value = getattr(fig, f"get_{attr}")()
            if matplotlib.colors.to_rgba(value) != matplotlib.colors.to_rgba(matplotlib.rcParams[f"figure.{attr}"]):
                options[attr] = value
        try:
            with fonts_with_cjk_fallback():
                fig.savefig(image_path, **options)
                strings = figure_strings(fig)
            with image_path.with_suffix(".pickle").open("wb") as f:
                pickle.dump({"figure": fig, "savefig": options}, f)
        except Exception as err:
            plt.close("all")
            raise RuntimeError(f"figure {image_path.name}: {err}") from err
        titles = figure_alt(fig)
        rel = "/" + Path(os.path.relpath(image_path, gallery_conf["src_dir"])).as_posix()
        lines = [f".. translated-figure:: {rel}", "   :class: sphx-glr-single-img"]
        if titles:
            lines.append("   :alt-strings: " + json.dumps(titles, ensure_ascii=False))
        lines.append("")
        lines += [f"   {s}" for s in strings] or ["   "]
        rst.append("\n".join(lines))
    plt.close("all")
    return "\n\n" + "\n\n".join(rst) + "\n\n" if rst else ""


# -- The directive: an image, plus its strings for the catalog ----------------------------

class figure_strings_node(nodes.General, nodes.Element):
    """The strings of a figure: messages for the catalogs, never shown."""


def skip(self, node):
    raise nodes.SkipNode


class TranslatedFigure(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"class": directives.class_option, "alt-strings": json.loads}

    def run(self):
        source, line = self.get_source_info()
        image = nodes.image(uri=self.arguments[0], classes=self.options.get("class", []))
        image["alt_strings"] = self.options.get("alt-strings", [])
        self.set_source_info(image)
        holder = figure_strings_node()
        for text in (line.strip() for line in self.content):
            if text:
                paragraph = nodes.paragraph(text, text, figure_string=text)
                paragraph.source, paragraph.line = source, line
                holder += paragraph
        return [image, holder]


class AltTextFromTitles(SphinxTransform):
    """Set each translated figure's alt text from its titles, after translation."""

    default_priority = 21  # after sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs):
        if self.app.builder.name == "gettext":
            return  # the titles are messages already; the alt text is made of them
        table = {}
        for holder in self.document.findall(figure_strings_node):
            for paragraph in holder.findall(nodes.paragraph):
                table[paragraph["figure_string"]] = paragraph.astext()
        for image in self.document.findall(nodes.image):
            titles = image.get("alt_strings")
            if titles:
                separator = ui_text(self.env, "; ")
                image["alt"] = separator.join(
                    " ".join(table.get(line, line) for line in title).replace("$", "") for title in titles)


# -- Translated copies, drawn before a translated edition reads its pages -----------------

def catalog_table(po_path):
    if not po_path.is_file():
        return {}
    with po_path.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def page_of(pickle_path, srcdir):
    """``auto_examples/01_tensors/plot_x`` for ``.../01_tensors/images/sphx_glr_plot_x_001.pickle``."""
    stem = re.sub(r"_\d+$", "", pickle_path.stem)[len("sphx_glr_"):]
    return (pickle_path.parent.parent / stem).relative_to(srcdir).as_posix()


def translated_path(path, language):
    return path.with_name(f"{path.stem}.{language}.png")


def reread_pages_showing(env, docnames, paths):
    """Add the pages that show any of ``paths`` to the pages Sphinx reads (and so copies
    their images again): a redrawn image is not noticed otherwise."""
    srcdir = Path(env.srcdir)
    for path in paths:
        key = Path(path).relative_to(srcdir).as_posix()
        if key in env.images:
            docnames.extend(sorted(d for d in env.images[key][0] if d not in docnames))


def stale_figures(srcdir, gallery, locale_dir, language):
    """(page, pickle, target, key, table) of each figure whose translated copy is out of date."""
    for pickled in sorted(gallery.rglob("images/sphx_glr_*.pickle")):
        page = page_of(pickled, srcdir)
        table = catalog_table(locale_dir / language / "LC_MESSAGES" / f"{page}.po")
        data = pickled.read_bytes()
        target = translated_path(pickled, language)
        stamp = target.with_suffix(".key")
        key = hashlib.sha256(data + json.dumps(table, sort_keys=True).encode() + RENDERER_VERSION.encode()).hexdigest()
        if not (target.is_file() and stamp.is_file() and stamp.read_text() == key):
            yield page, pickled, target, key, table


def draw_translated(pickled, target, key, table):
    """Draw one pickled figure with its strings swapped through ``table``."""
    import matplotlib.pyplot as plt

    saved = pickle.loads(pickled.read_bytes())
    fig = saved["figure"]
    partial = target.with_name(f".{target.name}.partial")  # never a half-written image
    try:
        with fonts_with_cjk_fallback():  # raises on leaving if a glyph was missing
            translate_figure(fig, table)
            fig.savefig(partial, format="png", **saved["savefig"])
        os.replace(partial, target)
    finally:
        plt.close(fig)
        partial.unlink(missing_ok=True)
    target.with_suffix(".key").write_text(key)


def figure_paths(app):
    srcdir = Path(app.srcdir)
    return srcdir, srcdir / app.config.sphinx_gallery_conf["gallery_dirs"], srcdir / app.config.locale_dirs[0]


# Drawing the translated figures takes a while; the source-language build, which runs the
# examples, starts it in a second process for the other languages, and a translated
# build in the same process (``build_editions.py``) only waits for it and checks.
_early = {}


def draw_early(app, env, docnames):
    language = app.config.language or "en"
    srcdir, gallery, locale_dir = figure_paths(app)
    if language != "en" or not locale_dir.is_dir():
        return
    for other in sorted(d.name for d in locale_dir.iterdir() if d.is_dir()):
        if other not in _early:
            _early[other] = subprocess.Popen(
                [sys.executable, __file__, str(srcdir), str(gallery), str(locale_dir), other],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                env={**os.environ, "MPLBACKEND": "Agg"})


@atexit.register
def _finish_early():
    for process in _early.values():
        process.communicate()


def draw_translated_figures(app, env, docnames):
    language = app.config.language
    if not language or language == "en":
        return
    drawn = []
    if language in _early:  # drawn in the background: what it drew must be read again
        output, _ = _early.pop(language).communicate()
        drawn += [Path(line) for line in output.splitlines() if line]
    srcdir, gallery, locale_dir = figure_paths(app)
    for page, pickled, target, key, table in list(stale_figures(srcdir, gallery, locale_dir, language)):
        try:  # here, and not in the background, so that an error is reported
            draw_translated(pickled, target, key, table)
        except Exception as err:
            logger.warning("%s: figure %s cannot be drawn in %s: %s", page, pickled.stem, language, err,
                           type="translated_figures", location=page)
            continue
        drawn.append(target)
    reread_pages_showing(env, docnames, drawn)


def main(srcdir, gallery, locale_dir, language):
    """The background job: draw what is stale, print the paths drawn; errors are left
    for the translated build to report."""
    for _page, pickled, target, key, table in list(stale_figures(Path(srcdir), Path(gallery), Path(locale_dir), language)):
        try:
            draw_translated(pickled, target, key, table)
        except Exception:
            continue
        print(target, flush=True)


def setup(app):
    app.add_node(figure_strings_node, html=(skip, None), latex=(skip, None), text=(skip, None))
    app.add_directive("translated-figure", TranslatedFigure)
    app.add_transform(AltTextFromTitles)
    app.connect("env-before-read-docs", draw_early)
    app.connect("env-before-read-docs", draw_translated_figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    main(*sys.argv[1:])
