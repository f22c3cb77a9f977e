"""Fail a translated edition that would show untranslated text.

Sphinx quietly leaves a message in English when its catalog lacks it (a page added or
edited after ``nox -s translate``), when its translation is empty, or when it is marked
fuzzy. In a non-English build this transform, running just before Sphinx's own
``Locale`` transform, looks every translatable message up in the same catalogs and logs
a warning naming the page, the line and the message. ``-W`` turns that into an error.
"""

from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

logger = logging.getLogger(__name__)


class CheckTranslations(SphinxTransform):
    default_priority = 19  # sphinx.transforms.i18n.Locale is 20

    def apply(self, **kwargs):
        language = self.config.language
        if not language or language == "en":
            return
        docname = self.env.current_document.docname
        domain = docname_to_domain(docname, self.config.gettext_compact)
        po_file = f"{self.config.locale_dirs[0].rstrip('/')}/{language}/LC_MESSAGES/{domain}.po"
        dirs = [self.env.srcdir / d for d in self.config.locale_dirs]
        catalog, has_catalog = init_locale(dirs, language, domain)
        translations = {}
        while catalog is not None:  # the page's catalog, then its fallbacks
            translations = {**getattr(catalog, "_catalog", {}), **translations}
            catalog = getattr(catalog, "_fallback", None)

        for node, message in extract_messages(self.document):
            if not has_catalog:
                logger.warning(
                    "no %s catalog for this page: run `nox -s translate` (%s)",
                    language, po_file, location=node, type="i18n", subtype="untranslated",
                )
                return
            if not translations.get(message, "").strip():
                logger.warning(
                    "untranslated or fuzzy message in %s: %r", po_file, message,
                    location=node, type="i18n", subtype="untranslated",
                )


def setup(app):
    app.add_transform(CheckTranslations)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
