"""Rewrite every page when the sidebar changes, not only the pages that were re-read.

The sidebar of each page lists the title of every page. An incremental build writes only
the documents it re-read, so after a title is edited (or a page is added or removed) the
other pages would keep the old sidebar until a clean build. This notes the titles of the
documents about to be re-read and, if one of them changed, asks Sphinx to write them all.
"""


def note_old_titles(app, env, added, changed, removed):
    env.sidebar_changed = bool(added or removed)
    env.titles_before = {doc: env.titles[doc].astext() for doc in changed if doc in env.titles}
    return []


def everything_if_titles_changed(app, env):
    before = getattr(env, "titles_before", {})
    changed = getattr(env, "sidebar_changed", False) or any(
        doc in env.titles and env.titles[doc].astext() != title for doc, title in before.items()
    )
    env.titles_before, env.sidebar_changed = {}, False
    return sorted(env.found_docs) if changed else []


def setup(app):
    app.connect("env-get-outdated", note_old_titles)
    app.connect("env-get-updated", everything_if_titles_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
