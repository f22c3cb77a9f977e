"""The chapters as cards on the home page, made from the gallery itself.

``.. chapter-cards::`` becomes one card per chapter folder of the gallery: a picture (the
thumbnail of the chapter's first page with a figure, else of its first page), the
chapter's title and the first sentences of its introduction, in the edition's language,
and how many pages it has, or that it is not written yet. Nothing is typed twice: a new
page or chapter shows up on the next build.

The picture is an ordinary image node, so each edition gets its own thumbnail (Sphinx's
``figure_language_filename``). Titles, summaries and counts are filled in when the home
page is written, from what every page's reading left in the environment; the home page
is read and written again whenever an example page is added, changed or removed.
"""

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ui_strings import ui_text


class chapter_card(nodes.General, nodes.Element):
    """Placeholder for one chapter's card; ``docname`` is the chapter's index page."""


class ChapterCards(SphinxDirective):
    def run(self):
        conf = self.config.sphinx_gallery_conf
        examples = (Path(self.env.srcdir) / conf["examples_dirs"]).resolve()
        gallery = conf["gallery_dirs"]
        grid = nodes.container(classes=["notes-cards"])
        for folder in sorted(p for p in examples.iterdir() if p.is_dir() and (p / "GALLERY_HEADER.rst").is_file()):
            docname = f"{gallery}/{folder.name}/index"
            card = chapter_card(docname=docname)
            thumb = card_thumbnail(folder, Path(self.env.srcdir) / gallery / folder.name)
            if thumb:
                image = nodes.image(uri="/" + thumb.relative_to(self.env.srcdir).as_posix(), alt="")
                self.set_source_info(image)
                card += image
            grid += card
        return [grid]


def card_thumbnail(folder, out):
    """The thumbnail of the first page with a figure (or of the first page)."""
    pages = sorted(folder.glob("plot_*.py"))
    with_figure = [p for p in pages if (out / "images" / f"sphx_glr_{p.stem}_001.png").is_file()]
    for page in with_figure or pages:
        thumb = out / "images" / "thumb" / f"sphx_glr_{page.stem}_thumb.png"
        if thumb.is_file():
            return thumb
    return None


def fill_cards(app, doctree, docname):
    env = app.env
    summaries = getattr(env, "page_summaries", {})
    for card in list(doctree.findall(chapter_card)):
        chapter = card["docname"]
        prefix = chapter.rsplit("/", 1)[0] + "/"
        count = sum(1 for d in env.found_docs if d.startswith(prefix) and d != chapter)
        uri = app.builder.get_relative_uri(docname, chapter)
        body = nodes.container(classes=["notes-card"])
        title = env.titles[chapter].astext() if chapter in env.titles else chapter
        for image in card.findall(nodes.image):  # a link may hold an image and nothing else
            picture = nodes.reference("", "", internal=True, refuri=uri, classes=["notes-card__picture"])
            picture += image.deepcopy()
            picture[0]["alt"] = title  # the link's name
            body += nodes.paragraph("", "", picture, classes=["notes-card__picture-row"])
        body += nodes.paragraph("", "", nodes.reference("", title, internal=True, refuri=uri),
                                classes=["notes-card__title"])
        body += nodes.paragraph("", summaries.get(chapter, ""), classes=["notes-card__summary"])
        status = (ui_text(env, "{count} pages").format(count=count) if count
                  else ui_text(env, "Not written yet"))
        body += nodes.paragraph("", status, classes=["notes-card__status"])
        card.replace_self(body)


def reread_home(app, env, added, changed, removed):
    """A card depends on every page of its chapter: read the pages holding cards again."""
    gallery = app.config.sphinx_gallery_conf["gallery_dirs"]
    if any(d.startswith(gallery + "/") for d in (*added, *changed, *removed)):
        return sorted(getattr(env, "card_pages", set()))
    return []


def note_card_page(app, doctree):
    if any(True for _ in doctree.findall(chapter_card)):
        app.env.card_pages = getattr(app.env, "card_pages", set()) | {app.env.docname}


def merge(app, env, docnames, other):
    env.card_pages = getattr(env, "card_pages", set()) | getattr(other, "card_pages", set())


def setup(app):
    app.add_node(chapter_card)
    app.add_directive("chapter-cards", ChapterCards)
    app.connect("doctree-read", note_card_page)
    app.connect("env-get-outdated", reread_home)
    app.connect("env-merge-info", merge)
    app.connect("doctree-resolved", fill_cards)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
