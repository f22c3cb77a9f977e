"""A link on every page to the same page in the other edition.

The editions are built side by side (``_build/html/en/`` and ``_build/html/zh_CN/``), so
the link is a relative URL: up to the folder that holds both, then down into the other
edition. It works on a web server and from a local file tree alike. The template
``_templates/language-switch.html`` renders the ``language_links`` this adds.
"""

EDITIONS = {"en": "English", "zh_CN": "中文"}


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
        for code, label in EDITIONS.items()
    ]


def setup(app):
    app.connect("html-page-context", add_language_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
