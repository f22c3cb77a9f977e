"""Downloads in the reader's language, readable in Jupyter and the same in every build.

sphinx-gallery writes one ``plot_x.py``, ``plot_x.ipynb`` and ``plot_x.zip`` per example,
from the English source, and both editions link to them. In a translated build this
extension rewrites the copies in that edition's ``_downloads/`` after the build: every
text block (titles, paragraphs, list items, pitfall titles) is looked up in the page's
own catalog, the same one that translated the page, and code, doctests and outputs are
left exactly as they are. Anything without a translation stays in English.

In every edition the notebooks are written again so that their markdown reads well in
Jupyter (no reST escapes or roles; pitfalls as warnings; doctests as code), and the zip
files get entries dated from ``SOURCE_DATE_EPOCH`` instead of the build's clock.
"""

import datetime
import os
import re
import textwrap
import unicodedata
import zipfile
from pathlib import Path

from sphinx.locale import init as init_locale
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx_gallery.notebook import jupyter_notebook, save_notebook
from sphinx_gallery.py_source_parser import Block, split_code_and_text_blocks

from ui_strings import ui_text

logger = logging.getLogger(__name__)

UNDERLINE = re.compile(r"^([=\-~^\"'`#*+<>])\1+\s*$")
BULLET = re.compile(r"^(\s*)([*+-]|\d+\.|#\.)(\s+)(.*)$")
DIRECTIVE = re.compile(r"^(\s*)\.\. ([\w:-]+)::(\s*)(.*)$")
TITLED_DIRECTIVES = {"pitfall", "admonition"}  # their argument is a translatable title
LITERAL_DIRECTIVES = {"code-block", "code", "math", "literalinclude", "highlight"}


def width(text):
    """Display width: a Chinese character takes two columns, as the title underline must."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def indent_of(line):
    return len(line) - len(line.lstrip())


def translate_rst(text, gettext):
    """Translate the messages of a reST text block, keeping its structure and code."""
    leading = text[: len(text) - len(text.lstrip("\n"))]
    blocks, current = [], []
    for line in text.split("\n") + [""]:
        if line.strip():
            current.append(line)
        elif current:
            blocks.extend(_split_title(current))
            current = []
    out, literal_below = [], None  # indentation under which text is literal
    for block in blocks:
        indent = indent_of(block[0])
        if literal_below is not None and indent > literal_below:
            out.append(block)
            continue
        literal_below = None
        out.append(_translate_block(block, gettext))
        last = block[-1].rstrip()
        directive = DIRECTIVE.match(block[0])
        if last.endswith("::") or (directive and directive.group(2) in LITERAL_DIRECTIVES):
            literal_below = indent
    return leading + "\n\n".join("\n".join(b) for b in out) + ("\n" if text.endswith("\n") else "")


def _split_title(block):
    """A section title may be followed by text without a blank line: separate them."""
    if len(block) > 2 and UNDERLINE.match(block[1].strip()) and not UNDERLINE.match(block[0].strip()):
        return [block[:2], block[2:]]
    return [block]


def _translate_block(block, gettext):
    first, pad = block[0].strip(), " " * indent_of(block[0])
    if first.startswith(">>>"):
        return block
    if len(block) == 2 and UNDERLINE.match(block[1].strip()) and len(block[1].strip()) >= len(first):
        title = gettext(first)
        return [pad + title, pad + block[1].strip()[0] * width(title)]
    directive = DIRECTIVE.match(block[0])
    if directive:
        lead, name, space, argument = directive.groups()
        if name in TITLED_DIRECTIVES and argument:
            block = [f"{lead}.. {name}::{space}{gettext(argument)}", *block[1:]]
        return block
    if first.startswith(".."):
        return block
    if BULLET.match(block[0]):
        return _translate_list(block, gettext)
    message = " ".join(line.strip() for line in block)
    translated = gettext(message)
    return block if translated == message else [pad + translated]


def _translate_list(block, gettext):
    items = []
    for line in block:
        bullet = BULLET.match(line)
        if bullet and (not items or indent_of(line) == items[0][0]):
            items.append((len(bullet.group(1)), bullet.group(2) + bullet.group(3), [bullet.group(4)]))
        elif items:
            items[-1][2].append(line.strip())
    out = []
    for indent, marker, parts in items:
        message = " ".join(parts)
        out.append(" " * indent + marker + gettext(message))
    return out


def translated_blocks(source, gettext):
    _, blocks = split_code_and_text_blocks(source)
    return [Block(b.type, translate_rst(b.content, gettext), b.lineno) if b.type == "text" else b for b in blocks]


def translated_script(source, blocks):
    """The example script with its text blocks (and docstring) replaced by ``blocks``."""
    lines = Path(source).read_text(encoding="utf-8").split("\n")
    original = split_code_and_text_blocks(source)[1]
    for old, new in reversed(list(zip(original, blocks))):
        if old.type != "text":
            continue
        old_lines = old.content.rstrip("\n").split("\n")
        new_lines = new.content.rstrip("\n").split("\n")
        start = old.lineno - 1
        if old is original[0]:  # the docstring: line 1 is the opening quotes
            if lines[0].strip() not in ('"""', "'''", 'r"""'):
                logger.warning("%s: docstring does not start on its own line; not translated", source)
                continue
            lines[start + 1:start + len(old_lines)] = new_lines[1:]
            if "\\" in new.content and not lines[0].startswith("r"):
                lines[0] = "r" + lines[0].strip()  # keep reST's "\ " escapes literal
        else:
            lines[start:start + len(old_lines)] = ["# " + line if line else "#" for line in new_lines]
    return "\n".join(lines)


def translate_downloads(app, exception):
    if exception or app.builder.format != "html":
        return
    language = app.config.language or "en"
    gallery_conf = app.config.sphinx_gallery_conf
    downloads = Path(app.outdir) / "_downloads"
    label = ui_text(app.env, "{label}: ").format(label=ui_text(app.env, "Common pitfall"))
    for filename, (_docnames, destination) in app.env.dlfiles.items():
        path = Path(app.srcdir, filename)
        if path.suffix != ".py" or not path.name.startswith("plot_"):
            continue
        target = downloads / destination
        if language == "en":
            blocks = split_code_and_text_blocks(path)[1]
        else:
            docname = Path(filename).with_suffix("").as_posix()
            dirs = [app.srcdir / d for d in app.config.locale_dirs]
            catalog, found = init_locale(dirs, language, docname_to_domain(docname, app.config.gettext_compact))
            if not found:
                continue
            blocks = translated_blocks(path, catalog.gettext)
            target.write_text(translated_script(path, blocks), encoding="utf-8")
        notebook_target = _download_of(app, path.with_suffix(".ipynb"))
        if notebook_target:
            cells = [Block(b.type, for_notebook(b.content, label), b.lineno) if b.type == "text" else b for b in blocks]
            save_notebook(jupyter_notebook(cells, gallery_conf, path.parent), notebook_target)
        zip_target = _download_of(app, path.with_suffix(".zip"))
        if zip_target:
            write_zip(zip_target, [(path.name, target), *([(notebook_target.name, notebook_target)] if notebook_target else [])])


TERM = re.compile(r":term:`([^`<]*?)\s*(?:<[^`]*>)?`")
ROLE = re.compile(r":(?!math:)[\w:.-]+:`~?([^`<]*?)\s*(?:<[^`]*>)?`")
PITFALL = re.compile(r"^\.\. pitfall:: (.*)$", re.M)


def for_notebook(text, pitfall_label):
    """reST that sphinx-gallery's markdown conversion renders well in Jupyter: no ``\\ ``
    escapes, glossary links as plain words, other roles as code, pitfall boxes as
    quotations headed by the translated label, doctests as code blocks."""
    text = text.replace("\\ ", "")
    text = TERM.sub(r"\1", text)
    text = ROLE.sub(r"``\1``", text)
    out, lines = [], text.split("\n")
    i = 0
    while i < len(lines):
        pitfall = PITFALL.match(lines[i])
        if not pitfall:
            out.append(lines[i])
            i += 1
            continue
        body = []
        i += 1
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" ")):
            body.append(lines[i])
            i += 1
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        quoted = [f"**{pitfall_label}{pitfall.group(1)}**", "", *fence_doctests(textwrap.dedent("\n".join(body)).split("\n"))]
        out += ["> " + line if line else ">" for line in quoted] + [""]
    return "\n".join(fence_doctests(out))


def fence_doctests(lines):
    """Put each run of ``>>>`` lines (and their output) in a fenced code block."""
    out, inside = [], False
    for line in lines:
        if line.startswith(">>> ") and not inside:
            out.append("```pycon")
            inside = True
        elif inside and not line.strip():
            out.append("```")
            inside = False
        out.append(line)
    if inside:
        out.append("```")
    return out


def zip_date():
    """Entries dated from SOURCE_DATE_EPOCH (set by build_editions.py), so that two
    builds of one commit give the same bytes."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # default: 1980-01-01
    return datetime.datetime.fromtimestamp(max(epoch, 315532800), datetime.UTC).timetuple()[:6]


def write_zip(target, members):
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in members:
            info = zipfile.ZipInfo(name, date_time=zip_date())
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, Path(path).read_bytes())


def _download_of(app, path):
    relative = Path(path).relative_to(app.srcdir)
    entry = app.env.dlfiles.get(relative) or app.env.dlfiles.get(relative.as_posix())
    return Path(app.outdir) / "_downloads" / entry[1] if entry else None


def setup(app):
    app.connect("build-finished", translate_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
