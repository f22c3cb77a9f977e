"""Translate what sphinx-gallery writes by itself.

sphinx-gallery puts fixed English strings into every generated page ("Go to the end",
"Download Jupyter notebook: x.ipynb", "Total running time of the script: (0 minutes
0.03 seconds)") and writes gallery thumbnails as raw HTML, which gettext cannot reach.

* The fixed strings are taken out of the page catalogs (they would repeat on every page,
  and the running time changes on every build) and translated here through ``ui.po``
  (see ``ui_strings``).
* The "Out:" label above each output is CSS generated content; a small stylesheet
  written into each build gives it the translated text.
* Each thumbnail's title and tooltip are replaced, when pages are written, by the title
  and first paragraph of the example page it links to, as translated in this edition
  (the first paragraph is remembered when the page is read).
"""

import html
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from ui_strings import ui_text

# Elements that sphinx-gallery generates around an example; their text is boilerplate.
BOILERPLATE_CLASSES = {"sphx-glr-download-link-note", "sphx-glr-timing", "sphx-glr-footer"}

# Fixed phrases, as they appear in the generated reST; each is a message of ui.po.
PHRASES = [
    "Go to the end",
    "to download the full example code.",
    "Total running time of the script:",
    "Download Jupyter notebook:",
    "Download Python source code:",
    "Download zipped:",
]
RUNNING_TIME = re.compile(r"\((\d+) minutes ([\d.]+) seconds\)")
THUMB_OPEN = re.compile(r'(class="sphx-glr-thumbcontainer" tooltip=")([^"]*)(")')
THUMB_TITLE = re.compile(r'(<div class="sphx-glr-thumbnail-title">)(.*?)(</div>)', re.S)
TOOLTIP_LENGTH = 120
OUTPUT_LABEL_CSS = "gallery-i18n.css"


def translate_phrase(env, text):
    """Translate the fixed phrases (and the running time) that occur in ``text``."""
    for phrase in PHRASES:
        if phrase in text:
            text = text.replace(phrase, ui_text(env, phrase))
    return RUNNING_TIME.sub(
        lambda m: ui_text(env, "({minutes} minutes {seconds} seconds)").format(
            minutes=m.group(1), seconds=m.group(2)
        ),
        text,
    )


def is_boilerplate(node):
    return isinstance(node, nodes.Element) and not BOILERPLATE_CLASSES.isdisjoint(node["classes"])


class TranslateGalleryBoilerplate(SphinxTransform):
    """Translate sphinx-gallery's fixed strings and keep them out of page catalogs."""

    default_priority = 10  # before i18n_check (19) and Sphinx's Locale transform (20)

    def apply(self, **kwargs):
        for container in list(self.document.findall(is_boilerplate)):
            for element in container.findall(nodes.TextElement):
                element["translatable"] = False
            for text in list(container.findall(nodes.Text)):
                translated = translate_phrase(self.env, str(text))
                if translated != str(text):
                    if re.match(r"\s+[\u3400-\u9fff]", translated):
                        translated = translated.lstrip()  # no space between Chinese words
                    text.parent.replace(text, nodes.Text(translated))
        self.mark_thumbnails()

    def mark_thumbnails(self):
        """Remember which example each thumbnail's raw HTML belongs to."""
        pending = []
        for node in self.document.findall(lambda n: isinstance(n, (nodes.raw, addnodes.pending_xref))):
            if isinstance(node, nodes.raw) and "sphx-glr-thumbcontainer" in node.astext():
                pending = [node]
            elif isinstance(node, addnodes.pending_xref) and len(pending) == 1:
                node.parent["translatable"] = False  # the hidden link text of the thumbnail
                pending.append(node["reftarget"].lstrip("/"))  # an absolute :doc: target
            elif isinstance(node, nodes.raw) and "sphx-glr-thumbnail-title" in node.astext() and len(pending) == 2:
                opening, docname = pending
                opening["thumbnail_of"] = node["thumbnail_of"] = docname
                pending = []


BREAKS = ("。", "；", "，", "、", ". ", "; ", ", ", " ")  # best place to cut first


def shorten(text, limit):
    """``text`` cut to at most ``limit`` characters at a sentence, clause or word break,
    never inside parentheses (a gloss cut in half reads as a typo)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    for mark in BREAKS:
        cut = head.rfind(mark)
        while cut > 0 and head.count("（", 0, cut) + head.count("(", 0, cut) > head.count("）", 0, cut) + head.count(")", 0, cut):
            cut = head.rfind(mark, 0, cut)
        if cut >= limit // 2:
            return head[:cut].rstrip() + "…"
    return head + "…"


def summary_of(doctree):
    """The first paragraph of a page's top section, as plain text."""
    for section in doctree.findall(nodes.section):
        for child in section.children:
            if isinstance(child, nodes.paragraph):
                return shorten(" ".join(child.astext().split()), TOOLTIP_LENGTH)
        break
    return ""


def remember_summary(app, doctree):
    """Keep each page's (translated) first paragraph for the thumbnails that link to it."""
    app.env.page_summaries = getattr(app.env, "page_summaries", {})
    app.env.page_summaries[app.env.docname] = summary_of(doctree)


def forget_summary(app, env, docname):
    getattr(env, "page_summaries", {}).pop(docname, None)


def merge_summaries(app, env, docnames, other):
    env.page_summaries = {**getattr(env, "page_summaries", {}), **getattr(other, "page_summaries", {})}


def translate_thumbnails(app, doctree, docname):
    """Fill thumbnails with the title and summary of the page they link to."""
    env = app.env
    for raw in doctree.findall(nodes.raw):
        target = raw.get("thumbnail_of")
        if not target or target not in env.titles:
            continue
        text = raw.astext()
        if THUMB_OPEN.search(text):
            summary = html.escape(getattr(env, "page_summaries", {}).get(target, ""), quote=True)
            text = THUMB_OPEN.sub(lambda m: m.group(1) + summary + m.group(3), text)
        if THUMB_TITLE.search(text):
            title = html.escape(env.titles[target].astext())
            text = THUMB_TITLE.sub(lambda m: m.group(1) + title + m.group(3), text)
        raw.replace_self(nodes.raw("", text, format="html", thumbnail_of=target))


def write_output_label_css(app, exception):
    """Translate the "Out:" label that sphinx-gallery's stylesheet puts before outputs."""
    if exception or app.builder.format != "html":
        return
    label = ui_text(app.env, "Out:").replace("\\", "\\\\").replace('"', '\\"')
    css = f'html .sphx-glr-script-out::before {{ content: "{label}"; }}\n'
    (Path(app.outdir) / "_static" / OUTPUT_LABEL_CSS).write_text(css, encoding="utf-8")


def setup(app):
    app.add_css_file(OUTPUT_LABEL_CSS, priority=900)  # after sphinx-gallery's stylesheet
    app.connect("build-finished", write_output_label_css)
    app.add_transform(TranslateGalleryBoilerplate)
    app.connect("doctree-read", remember_summary)
    app.connect("env-purge-doc", forget_summary)
    app.connect("env-merge-info", merge_summaries)
    app.connect("doctree-resolved", translate_thumbnails)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
