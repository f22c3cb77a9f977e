"""The two editions: a link on every page to the same page in the other one, and titles.

The editions are built side by side (``_build/html/en/`` and ``_build/html/zh_CN/``), so
the link is a relative URL: up to the folder that holds both, then down into the other
edition. It works on a web server and from a local file tree alike. The template
``_templates/language-switch.html`` renders the ``language_links`` this adds.
"""

from ui_strings import ui_text_for

# language code -> (name of the language in itself, title of the site in that edition)
EDITIONS = {"en": ("English", "PyTorch Notes"), "zh_CN": ("中文", "PyTorch 笔记")}


def set_edition_title(app, config):
    config.html_title = EDITIONS[config.language or "en"][1]
    # the theme's search field shows a theme option, the same in every edition otherwise
    config.html_theme_options = {
        **config.html_theme_options, "search_bar_text": ui_text_for(app.srcdir, config, "Search…"),
    }


def add_language_links(app, pagename, templatename, context, doctree):
    current = app.config.language or "en"
    up = "../" * (pagename.count("/") + 1)  # from this page to the editions' parent
    suffix = app.builder.out_suffix if hasattr(app.builder, "out_suffix") else ".html"
    context["language_links"] = [
        {
            "code": code,
            "label": label,
            "url": f"{up}{code}/{pagename}{suffix}",
            "current": code == current,
        }
        for code, (label, _title) in EDITIONS.items()
    ]


def setup(app):
    app.connect("config-inited", set_edition_title)
    app.connect("html-page-context", add_language_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
