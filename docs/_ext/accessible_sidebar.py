"""Give the sidebar's expand/collapse buttons an accessible name.

pydata-sphinx-theme draws each expandable chapter in the sidebar as a ``<summary>`` that
holds only a chevron icon, so a screen reader announces an unnamed button (axe:
``summary-name``). This wraps the theme's ``generate_toctree_html`` to label each such
``<summary>`` with the (translated) "Show or hide the pages of “<chapter>”".
"""

from ui_strings import ui_text


def label_toggles(app, pagename, templatename, context, doctree):
    generate = context.get("generate_toctree_html")
    if generate is None:
        return
    template = ui_text(app.env, "Show or hide the pages of “{title}”")

    def generate_labelled(*args, **kwargs):
        soup = generate(*args, **kwargs)
        for summary in getattr(soup, "select", lambda _: [])("li > details > summary"):
            if not summary.get_text(strip=True):
                link = summary.find_parent("li").find("a", recursive=False)
                summary["aria-label"] = template.format(title=link.get_text(strip=True) if link else "")
        return soup

    context["generate_toctree_html"] = generate_labelled


def setup(app):
    # after pydata-sphinx-theme puts generate_toctree_html into the context (priority 500)
    app.connect("html-page-context", label_toggles, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
