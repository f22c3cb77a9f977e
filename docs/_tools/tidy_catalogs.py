"""Tidy translated catalogs after ``sphinx-intl update``. Run by ``nox -s translate``.

* Add the ``\\ `` escapes that reST inline markup needs next to Chinese characters
  (not in the catalogs of Markdown pages, where a backslash would show).
* Clear the ``#, fuzzy`` flag that sphinx-intl puts on the header of a new catalog (it
  marks the header metadata as unreviewed; messages keep their own fuzzy flags).
* Drop obsolete (``#~``) entries: messages no page has any more. (sphinx-intl has
  already used them to suggest fuzzy translations of changed messages.)

reStructuredText only recognises ``*emphasis*``, ````literal```` and roles when they
are next to whitespace or certain punctuation. Chinese has no spaces between words, so
in ``张量``dtype`` or ``类``torch.Size``（`` the markup would not parse. The standard
remedy is an escaped space, ``\\ ``, which separates without showing. This script adds
(and only adds) such escapes to every translation in the given catalogs. Idempotent.

    python docs/_tools/tidy_catalogs.py docs/locale/zh_CN/LC_MESSAGES/**/*.po
"""

import re
import sys
from pathlib import Path
import unicodedata

from babel.messages.pofile import read_po, write_po

MARKUP = re.compile(r"``.+?``|:[\w:.-]+:`[^`]+`|`[^`]+`_{1,2}|\*\*[^*\s][^*]*?\*\*|\*[^*\s][^*]*?\*")


def fine_before(char):
    return char.isspace() or char in "-:/'\"<([{\\" or unicodedata.category(char) in ("Ps", "Pi", "Pf", "Pd", "Po")


def fine_after(char):
    return char.isspace() or char in "-.,:;!?\\/'\")]}>" or unicodedata.category(char) in ("Pe", "Pi", "Pf", "Pd", "Po")


def escape(text):
    out, position = [], 0
    for match in MARKUP.finditer(text):
        start, end = match.span()
        out.append(text[position:start])
        token = match.group(0)
        if start > 0 and not fine_before(text[start - 1]):
            token = "\\ " + token
        if end < len(text) and not fine_after(text[end]):
            token += "\\ "
        out.append(token)
        position = end
    out.append(text[position:])
    return "".join(out)


def is_markdown_catalog(path):
    """Catalogs of MyST pages: Markdown needs no escapes (it would show the backslash)."""
    path = Path(path).resolve()
    locale = next(p for p in path.parents if p.name == "LC_MESSAGES")
    page = path.relative_to(locale).with_suffix(".md")
    return (locale.parents[2] / page).is_file()  # docs/locale/<lang>/LC_MESSAGES -> docs


def main(paths):
    for path in paths:
        with open(path, "rb") as f:
            catalog = read_po(f)
        markdown = is_markdown_catalog(path)
        changed = int(catalog.fuzzy) + len(catalog.obsolete)
        catalog.fuzzy = False
        catalog.obsolete.clear()
        for message in catalog:
            if message.id and message.string and not markdown:
                escaped = escape(message.string)
                if escaped != message.string:
                    message.string, changed = escaped, changed + 1
        if changed:
            with open(path, "wb") as f:
                write_po(f, catalog, width=0)
            print(f"{path}: tidied {changed} entries")


if __name__ == "__main__":
    main(sys.argv[1:])
