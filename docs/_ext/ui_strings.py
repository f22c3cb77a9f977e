"""Interface strings of the local extensions, translated through one hand-kept catalog.

Strings that no page contains (sphinx-gallery's "Go to the end", the "Common pitfall"
label, ...) are not extracted by ``sphinx-build -b gettext``, so they cannot live in the
page catalogs, and ``sphinx.po`` belongs to sphinx-intl (it regenerates it from the
templates). They live in ``docs/locale/<lang>/LC_MESSAGES/ui.po`` instead, read here
with babel. A string missing from it is a build warning (an error under ``-W``).
"""

from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po
from sphinx.util import logging

logger = logging.getLogger(__name__)
CATALOG = "ui.po"


@lru_cache
def _translations(srcdir, locale_dirs, language):
    table = {}
    for locale_dir in locale_dirs:
        path = Path(srcdir, locale_dir, language, "LC_MESSAGES", CATALOG)
        if path.is_file():
            with path.open("rb") as po:
                table.update({m.id: m.string for m in read_po(po) if m.id and m.string and not m.fuzzy})
    return table


def ui_text_for(srcdir, config, message):
    """``message`` in the language of ``config``, before the environment exists."""
    language = config.language or "en"
    if language == "en":
        return message
    table = _translations(str(srcdir), tuple(config.locale_dirs), language)
    if message not in table:
        logger.warning("untranslated interface string (add it to %s/LC_MESSAGES/%s): %r",
                       language, CATALOG, message, type="i18n", subtype="untranslated")
    return table.get(message, message)


def ui_text(env, message):
    """``message`` in the language of this build (English text is the key)."""
    language = env.config.language or "en"
    if language == "en":
        return message
    for locale_dir in env.config.locale_dirs:
        catalog = Path(env.srcdir, locale_dir, language, "LC_MESSAGES", CATALOG)
        if env.current_document.docname and catalog.is_file():
            env.note_dependency(catalog)  # re-read the page when the catalog changes
    table = _translations(str(env.srcdir), tuple(env.config.locale_dirs), language)
    if message not in table:
        logger.warning(
            "untranslated interface string (add it to %s/LC_MESSAGES/%s): %r",
            language, CATALOG, message, type="i18n", subtype="untranslated", once=True,
        )
        return message
    return table[message]
