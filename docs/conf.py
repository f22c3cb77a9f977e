"""Sphinx configuration for PyTorch Notes / PyTorch 笔记.

One source, two editions: ``nox -s docs`` builds it with ``-D language=en`` and with
``-D language=zh_CN``. The local extensions in ``_ext/`` each do one job; see their
docstrings.
"""

import sys
from pathlib import Path

DOCS = Path(__file__).parent
sys.path.insert(0, str(DOCS / "_ext"))

# -- Project -------------------------------------------------------------------------
project = "PyTorch Notes"
author = "PyTorch Notes contributors"
copyright = "2026, PyTorch Notes contributors"
language = "en"  # the source language; the Chinese edition passes -D language=zh_CN

extensions = [
    "myst_nb",  # MyST Markdown pages (.md)
    "sphinx.ext.intersphinx",  # links from code to the official PyTorch API pages
    "sphinx.ext.mathjax",
    "sphinx_copybutton",  # a copy button on every code block (prompts and outputs left out)
    "no_network",  # any connection beyond this machine fails the build
    "gallery_cache",  # forget executed examples when torch or a helper changes
    "sphinx_gallery.gen_gallery",  # executes examples/ into auto_examples/
    # local extensions (docs/_ext)
    "pytorch_inventory",  # a local intersphinx inventory for docs.pytorch.org
    "offline_mathjax",  # MathJax served from _static, no CDN
    "gallery_i18n",  # sphinx-gallery's own strings and thumbnails, translated
    "i18n_check",  # a message missing from a catalog is a build warning (= error)
    "language_switch",  # "中文 / English" link to the same page in the other edition
    "chinese_edition",  # jieba search index, CJK-friendly inline markup
    "dtype_table",  # the dtype reference table, generated from torch at build time
    "pitfalls",  # ".. pitfall::" boxes and the page that lists them all
    "build_info",  # "Built with PyTorch 2.13.0 on CPU, <date>" at the foot of every page
    "glossary_terms",  # the bilingual glossary from reference/glossary.csv, jieba dictionary
    "api_index",  # which examples use which PyTorch API, with links to both
    "translated_downloads",  # zh_CN scripts and notebooks carry the Chinese prose
    "accessible_sidebar",  # names for the theme's expand/collapse buttons
    "sidebar_freshness",  # a changed title rewrites every sidebar
    "home_cards",  # the chapters as cards on the home page
    "translated_figures",  # every word in a figure in the edition's language
    "gallery_thumbnails",  # a card for pages without a figure; thumbnails in each language
]

exclude_patterns = [
    "_build",
    "_root",  # the language-picking page, copied to _build/html/ by nox
    "Thumbs.db",
    ".DS_Store",
    # sphinx-gallery writes a notebook next to each generated page; myst-nb would
    # otherwise parse (and execute) it as a second copy of the page.
    "auto_examples/**.ipynb",
    "**/*.codeobj.json",
]
templates_path = ["_templates"]
suppress_warnings = []

# -- MyST / myst-nb ------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "dollarmath", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = "off"  # code is executed by sphinx-gallery, never by a kernel
nb_execution_excludepatterns = ["auto_examples/**"]

# -- sphinx-gallery --------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",  # every example is executed
    "within_subsection_order": "FileNameSortKey",  # plot_01_..., plot_02_...
    # Global torch state is reset before and after every example (see _ext/torch_state).
    "reset_modules": ("matplotlib", "torch_state.reset_torch_state",
                      "build_progress.report_example",  # prints one line per example
                      "fast_gc.freeze_survivors"),  # cheap gc.collect() between examples
    "reset_modules_order": "both",
    # Saves each figure and a pickle of it, so that each edition draws it in its language.
    "image_scrapers": ("translated_figures.scraper",),
    "remove_config_comments": True,
    "capture_repr": (),  # show what examples print, not the repr of a cell's last line
    "show_signature": False,
    "show_memory": False,
    "write_computation_times": False,  # its page pulls scripts from a CDN
    "download_all_examples": False,
    # No "Total running time" line: it would make every page differ between builds.
    "min_reported_time": float("inf"),
    "line_numbers": False,
    "thumbnail_size": (400, 280),
    "default_thumb_file": str(DOCS / "_static" / "thumb-default.png"),
}

# -- Copy buttons ----------------------------------------------------------------------
# Code cells are copied whole; from a doctest only the input lines, without ">>> "/"... ".
copybutton_prompt_text = r">>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_selector = "div:not(.sphx-glr-script-out) > div.highlight pre"  # not outputs
copybutton_exclude = ".linenos"

# -- Internationalisation --------------------------------------------------------------
locale_dirs = ["locale/"]
gettext_compact = False  # one catalog per page
gettext_uuid = False
gettext_location = False  # keeps catalogs stable when lines move

# -- Cross-references ------------------------------------------------------------------
# The PyTorch entries are filled in by _ext/pytorch_inventory from a local file: nothing
# is fetched at build time.
intersphinx_mapping = {}

# -- HTML ------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "PyTorch Notes"
html_static_path = ["_static"]
html_css_files = ["notes.css"]
html_js_files = ["copybutton-messages.js"]  # full-width punctuation in the Chinese tooltips
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_context = {"default_mode": "auto"}  # light/dark follows the reader's system
html_theme_options = {
    "repository_url": "",
    "use_download_button": False,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "show_navbar_depth": 1,  # chapters in the sidebar, each expandable
    "article_header_end": ["language-switch.html", "article-header-buttons.html"],
    "footer_content_items": ["copyright.html", "build-info.html"],
}
