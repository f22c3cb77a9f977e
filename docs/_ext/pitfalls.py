"""Pitfall notes and the page that lists them all (in the spirit of sphinx.ext.todo).

Write, in an example's text block::

    .. pitfall:: ``torch.rand`` never returns 1.0

       The notes say the interval is (0, 1); it is [0, 1) ...

It renders as a warning box headed "Common pitfall: <title>". ``.. pitfall-list::``
(used by ``reference/pitfalls.md``) becomes a list of every pitfall on the site, grouped
by page, each linking to the box. Adding a pitfall to a page is the only step.
"""


from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.admonitions import BaseAdmonition
from sphinx.util.docutils import SphinxDirective

from ui_strings import ui_text


class pitfall_list(nodes.General, nodes.Element):
    """Placeholder replaced by the list of pitfalls when pages are written."""


class Pitfall(BaseAdmonition, SphinxDirective):
    node_class = nodes.admonition
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"class": directives.class_option, "name": directives.unchanged}

    def run(self):
        self.options.setdefault("class", [])
        self.options["class"] += ["pitfall", "warning"]
        target_id = f"pitfall-{self.env.new_serialno('pitfall')}"
        (admonition, *messages) = super().run()
        admonition["ids"].append(target_id)
        return [admonition, *messages]


class PitfallList(SphinxDirective):
    def run(self):
        if not hasattr(self.env, "pitfall_list_pages"):
            self.env.pitfall_list_pages = set()
        self.env.pitfall_list_pages.add(self.env.docname)
        return [pitfall_list("")]


def is_pitfall(node):
    return isinstance(node, nodes.admonition) and "pitfall" in node["classes"]


def collect_pitfalls(app, doctree):
    """Remember each pitfall's (translated) title and anchor, and label the box."""
    env = app.env
    if not hasattr(env, "pitfalls"):
        env.pitfalls = {}
    found = []
    label = ui_text(env, "Common pitfall")
    for node in doctree.findall(is_pitfall):
        title = node.next_node(nodes.title)
        found.append({"id": node["ids"][0], "title": [child.deepcopy() for child in title.children], "line": node.line})
        # added after translation, so that the label is not part of the title's message
        separator = ui_text(env, "{label}: ").format(label=label)  # "常见误区：" in Chinese
        title.insert(0, nodes.inline("", separator, classes=["pitfall-label"]))
    env.pitfalls[env.docname] = found


def purge_pitfalls(app, env, docname):
    getattr(env, "pitfalls", {}).pop(docname, None)
    getattr(env, "pitfall_list_pages", set()).discard(docname)


def rewrite_lists(app, env):
    """A list page is rewritten whenever any page was re-read (its pitfalls may differ)."""
    return sorted(getattr(env, "pitfall_list_pages", set()))


def merge_pitfalls(app, env, docnames, other):
    env.pitfalls = getattr(env, "pitfalls", {})
    env.pitfall_list_pages = getattr(env, "pitfall_list_pages", set()) | getattr(other, "pitfall_list_pages", set())
    for docname in docnames:
        if docname in getattr(other, "pitfalls", {}):
            env.pitfalls[docname] = other.pitfalls[docname]


def fill_pitfall_lists(app, doctree, docname):
    """Replace each ``pitfall-list`` placeholder with links to every pitfall."""
    env = app.env
    for placeholder in list(doctree.findall(pitfall_list)):
        pages = nodes.bullet_list(classes=["pitfall-list"])
        for page in _pages_in_reading_order(env):
            entries = env.pitfalls.get(page, [])
            if not entries:
                continue
            page_item = nodes.list_item()
            page_ref = nodes.reference(
                "", "", internal=True, refuri=app.builder.get_relative_uri(docname, page)
            )
            page_ref += nodes.Text(env.titles[page].astext())
            page_item += nodes.paragraph("", "", page_ref)
            sub = nodes.bullet_list()
            for entry in entries:
                ref = nodes.reference(
                    "", "", internal=True,
                    refuri=app.builder.get_relative_uri(docname, page) + "#" + entry["id"],
                )
                ref += [child.deepcopy() for child in entry["title"]]
                sub += nodes.list_item("", nodes.paragraph("", "", ref))
            page_item += sub
            pages += page_item
        placeholder.replace_self(pages)


def _pages_in_reading_order(env):
    """Pages in the order a reader meets them in the table of contents."""
    order = []
    def walk(docname):
        if docname in order:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child)
    walk(env.config.root_doc)
    return order + sorted(set(env.pitfalls) - set(order))


def setup(app):
    app.add_node(pitfall_list)
    app.add_directive("pitfall", Pitfall)
    app.add_directive("pitfall-list", PitfallList)
    app.connect("doctree-read", collect_pitfalls)
    app.connect("env-purge-doc", purge_pitfalls)
    app.connect("env-merge-info", merge_pitfalls)
    app.connect("env-get-updated", rewrite_lists)
    app.connect("doctree-resolved", fill_pitfall_lists)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
