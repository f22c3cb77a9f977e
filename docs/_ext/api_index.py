"""The ``api-index`` directive: every PyTorch API the examples use, and where.

sphinx-gallery records, for each example, the names its code uses and what they resolve
to (``<example>.codeobj.json`` next to the generated page). This extension matches those
names against the local PyTorch inventory (``pytorch_inventory``) and renders a table:
the API, linked to its official page, and the example pages that use it, linked with
their titles in the current edition. The table is filled when pages are written, so it
always reflects the examples of this build.
"""

import json
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from pytorch_inventory import BASE_URL, read_api_lists


class api_index_body(nodes.General, nodes.Element):
    """Placeholder for the table body, filled at write time."""


class ApiIndex(SphinxDirective):
    def run(self):
        self.env.api_index_pages = getattr(self.env, "api_index_pages", set()) | {self.env.docname}
        table = nodes.table(classes=["api-index", "colwidths-given"])
        group = nodes.tgroup(cols=2)
        table += group
        group += [nodes.colspec(colwidth=2), nodes.colspec(colwidth=5)]
        head = nodes.thead()
        row = nodes.row()
        for title in ("PyTorch API", "Used in"):
            para = nodes.paragraph(title, title)
            para.source, para.line = self.get_source_info()
            row += nodes.entry("", para)
        head += row
        group += head
        group += api_index_body()
        return [table]


def api_usage(srcdir, gallery_dirs):
    """``{api name: sorted example docnames}`` for every inventory name the examples use."""
    known = {name: page for name, _role, page in read_api_lists()}
    usage = {}
    for gallery_dir in gallery_dirs:
        for codeobj in Path(srcdir, gallery_dir).rglob("*.codeobj.json"):
            docname = codeobj.relative_to(srcdir).as_posix().removesuffix(".codeobj.json")
            for candidates in json.loads(codeobj.read_text(encoding="utf-8")).values():
                for candidate in candidates:
                    names = {f"{candidate[m]}.{candidate['name']}" for m in ("module", "module_short")}
                    for name in sorted(names & known.keys()):
                        usage.setdefault(name, set()).add(docname)
    return {name: sorted(docs) for name, docs in sorted(usage.items())}, known


def fill_api_index(app, doctree, docname):
    placeholders = list(doctree.findall(api_index_body))
    if not placeholders:
        return
    gallery_dirs = app.config.sphinx_gallery_conf["gallery_dirs"]
    gallery_dirs = [gallery_dirs] if isinstance(gallery_dirs, str) else gallery_dirs
    usage, pages = api_usage(app.srcdir, gallery_dirs)
    body = nodes.tbody()
    for name, docnames in usage.items():
        api = nodes.reference("", "", nodes.literal(name, name), refuri=BASE_URL + pages[name], internal=False)
        used = nodes.paragraph()
        for i, example in enumerate(d for d in docnames if d in app.env.titles):
            if i:
                used += nodes.Text(" · ")
            link = nodes.reference("", app.env.titles[example].astext(), internal=True,
                                   refuri=app.builder.get_relative_uri(docname, example))
            used += link
        body += nodes.row("", nodes.entry("", nodes.paragraph("", "", api)), nodes.entry("", used))
    for placeholder in placeholders:
        placeholder.replace_self(body)


def always_rewrite(app, env):
    """The index depends on every example: write its page on every build."""
    return sorted(getattr(env, "api_index_pages", set()))


def purge(app, env, docname):
    getattr(env, "api_index_pages", set()).discard(docname)


def merge(app, env, docnames, other):
    env.api_index_pages = getattr(env, "api_index_pages", set()) | getattr(other, "api_index_pages", set())


def setup(app):
    app.add_node(api_index_body)
    app.add_directive("api-index", ApiIndex)
    app.connect("doctree-resolved", fill_api_index)
    app.connect("env-get-updated", always_rewrite)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
