"""Gallery thumbnails that say something, in each edition's language.

sphinx-gallery makes a page's thumbnail from one of its figures (the first, or the one
``# sphinx_gallery_thumbnail_number = N`` names) and gives every page without a figure
the same placeholder. Before an edition reads its pages, this extension

* draws a card for each page without a figure: the heading of the section that holds
  the page's first ``>>>`` example, and that example with its output, in the colours of
  the page's chapter (the heading translated in the Chinese edition);
* in a translated edition, makes the thumbnail of each page with figures from the
  translated figure (``translated_figures``).

Files are named as Sphinx's ``figure_language_filename`` expects (``<name>.zh_CN.png``),
so every ``.. image::`` of a thumbnail (chapter pages, the home page) shows the
edition's own. A card is redrawn only when its text changes; the pages that show a
redrawn thumbnail are then read and written again, so that the new file is copied.
"""

import hashlib
import re
import unicodedata
from pathlib import Path

from sphinx.util import logging

from translated_figures import catalog_table, fonts_with_cjk_fallback, reread_pages_showing, translated_path

logger = logging.getLogger(__name__)

CARD_VERSION = "4"  # change to redraw every card
THUMB_NUMBER = re.compile(r"^#\s*sphinx_gallery_thumbnail_number\s*=\s*(-?\d+)", re.M)
HEADING_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
# Chapter colours: (background, accent), by chapter number.
PALETTE = [
    ("#eef3fb", "#2f5d9c"), ("#fdf1e7", "#b4541a"), ("#edf7ee", "#2e7d45"),
    ("#f3eefb", "#6a3fa0"), ("#fff7dc", "#8a6d00"), ("#e8f6f7", "#1f7480"),
    ("#fbecef", "#a23352"),
]
MAX_LINES = 5
MAX_COLUMNS = 30


def plain(rst):
    """Inline reST as the plain text a reader sees."""
    rst = re.sub(r":[\w:.-]+:`([^`<]*?)\s*<[^`]*>`", r"\1", rst)  # :term:`text <target>`
    rst = re.sub(r":[\w:.-]+:`~?([^`]*)`", r"\1", rst)
    rst = re.sub(r"``(.+?)``", r"\1", rst)
    rst = re.sub(r"\*\*?([^*]+)\*\*?", r"\1", rst)
    return rst.replace("\\ ", "")


def key_example(source):
    """(heading, lines) of the first ``>>>`` example of an example script, or None."""
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    _, blocks = split_code_and_text_blocks(str(source))
    heading = None
    for block in blocks:
        if block.type != "text":
            continue
        lines = block.content.splitlines()
        for i, line in enumerate(lines):
            if i + 1 < len(lines) and line.strip() and HEADING_UNDERLINE.match(lines[i + 1]) \
                    and len(lines[i + 1].strip()) >= len(line.strip()):
                heading = line.strip()
            if line.lstrip().startswith(">>> "):
                indent = len(line) - len(line.lstrip())
                example = []
                for follow in lines[i:]:
                    if not follow.strip() or len(example) == MAX_LINES:
                        break
                    example.append(follow[indent:])
                return heading, example
    return None


def shorten(line):
    return line if len(line) <= MAX_COLUMNS else line[: MAX_COLUMNS - 1] + "…"


def width(char):
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def wrap(text, columns=28, rows=2):
    """Break ``text`` into at most ``rows`` lines of ``columns`` (a Chinese character
    is two columns wide); English breaks between words, Chinese between characters."""
    lines, line = [], ""
    for word in re.findall(r"[\u3000-\u9fff\uff00-\uffef]|\S+\s*", text):
        if line and sum(map(width, line + word.rstrip())) > columns:
            lines.append(line.rstrip())
            line = ""
        line += word
    lines.append(line.rstrip())
    if len(lines) > rows:
        lines = lines[:rows]
        lines[-1] += "…"
    return lines


def draw_card(path, heading, lines, chapter):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    background, accent = PALETTE[chapter % len(PALETTE)]
    fig = plt.figure(figsize=(4.0, 2.8), dpi=100)
    fig.patch.set_facecolor(background)
    top = 0.93
    for row in heading:
        fig.text(0.06, top, row, fontsize=17, color=accent, va="top")
        top -= 0.11
    panel_top = top - 0.03
    fig.patches.append(FancyBboxPatch(
        (0.05, 0.06), 0.90, panel_top - 0.06, boxstyle="round,pad=0,rounding_size=0.03",
        transform=fig.transFigure, facecolor="white", edgecolor=accent, linewidth=0.8))
    y = panel_top - 0.045
    step = min(0.125, (panel_top - 0.12) / max(len(lines), 1))
    for line in lines:
        is_input = line.startswith((">>> ", "... "))
        fig.text(0.08, y, shorten(line), family="monospace", fontsize=13,
                 color="#1d2433" if is_input else "#5b6270", va="top")
        y -= step
    fig.savefig(path, facecolor=background)
    plt.close(fig)


def refresh_thumbnails(app, env, docnames):
    language = app.config.language or "en"
    srcdir = Path(app.srcdir)
    gallery_conf = app.config.sphinx_gallery_conf
    examples = (srcdir / gallery_conf["examples_dirs"]).resolve()
    gallery = srcdir / gallery_conf["gallery_dirs"]
    drawn = []
    for source in sorted(examples.rglob("plot_*.py")):
        folder = source.parent.relative_to(examples)
        images = gallery / folder / "images"
        thumb = images / "thumb" / f"sphx_glr_{source.stem}_thumb.png"
        if not thumb.parent.is_dir():
            continue  # not generated (yet): sphinx-gallery reports that
        target = thumb if language == "en" else translated_path(thumb, language)
        first_figure = images / f"sphx_glr_{source.stem}_001.png"
        try:
            if first_figure.is_file():
                if language != "en":
                    number = THUMB_NUMBER.search(source.read_text(encoding="utf-8"))
                    number = int(number.group(1)) if number else 1
                    figures = sorted(images.glob(f"sphx_glr_{source.stem}_[0-9][0-9][0-9].png"))
                    figure = translated_path(figures[number - 1 if number > 0 else number], language)
                    if thumb_from_figure(figure, target, gallery_conf["thumbnail_size"]):
                        drawn.append(target)
            elif card(source, folder, target, language, srcdir, app):
                drawn.append(target)
        except Exception as err:
            logger.warning("%s: no thumbnail in %s: %s", source.name, language, err, type="gallery_thumbnails")
    reread_pages_showing(env, docnames, drawn)


def thumb_from_figure(figure, target, size):
    from sphinx_gallery.gen_rst import scale_image

    if figure.is_file() and (not target.is_file() or target.stat().st_mtime < figure.stat().st_mtime):
        scale_image(str(figure), str(target), *size)
        return True
    return False


def card(source, folder, target, language, srcdir, app):
    found = key_example(source)
    if found is None:
        raise ValueError("a page without a figure needs a >>> example for its thumbnail")
    heading, lines = found
    chapter = int(re.match(r"\d*", folder.parts[0]).group() or 0) if folder.parts else 0
    if heading and language != "en":
        po = srcdir / app.config.locale_dirs[0] / language / "LC_MESSAGES" / app.config.sphinx_gallery_conf["gallery_dirs"] / folder / f"{source.stem}.po"
        heading = catalog_table(po).get(heading, heading)
    rows = wrap(plain(heading or ""))
    key = hashlib.sha256(repr((CARD_VERSION, rows, lines, chapter)).encode()).hexdigest()
    stamp = target.with_suffix(".key")
    if target.is_file() and stamp.is_file() and stamp.read_text() == key:
        return False
    with fonts_with_cjk_fallback():
        draw_card(target, rows, lines, chapter)
    stamp.write_text(key)
    return True


def setup(app):
    # after translated_figures has drawn the figures the thumbnails are made from
    app.connect("env-before-read-docs", refresh_thumbnails, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
