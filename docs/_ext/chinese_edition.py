"""What a Chinese edition needs beyond translated catalogs.

* Search: Sphinx segments Chinese text for its search index with jieba, and without
  jieba it silently indexes no Chinese words. This extension makes jieba a hard
  requirement of a ``zh*`` build and, when ``zh_search_dict`` names a file, loads it as
  jieba's user dictionary so that domain terms (张量, 反向传播, ...) are indexed as words.
* Search queries: the browser side splits a query only at spaces and punctuation, so an
  unspaced query such as 张量形状 is one unknown word and finds nothing. The search
  language registered here adds a query splitter that cuts runs of Chinese characters
  into the longest words the site's search index knows (张量 + 形状).

Inline markup next to Chinese characters needs ``\\ `` escapes in the translations; the
translate session adds them (``docs/_tools/tidy_catalogs.py``).
"""

import logging
from pathlib import Path

from sphinx.errors import ConfigError
from sphinx.search.zh import SearchChinese

# Replaces Sphinx's default splitQuery (searchtools.js only defines one if none exists).
SPLIT_QUERY_JS = """
function splitQuery(query) {
  const words = query
    .split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu)
    .filter((word) => word);
  const index = (typeof Search !== "undefined" && Search._index) || {};
  const known = (word) =>
    (index.terms && word.toLowerCase() in index.terms) ||
    (index.titleterms && word.toLowerCase() in index.titleterms);
  const han = /\\p{Script=Han}/u;
  const parts = [];
  for (const word of words) {
    if (!han.test(word) || known(word)) {
      parts.push(word);
      continue;
    }
    // greedy longest match against the index's own words
    for (let start = 0; start < word.length; ) {
      let end = word.length;
      while (end > start + 1 && !known(word.slice(start, end))) end--;
      const piece = word.slice(start, end);
      // an unknown single character (a particle such as 的) would make the query fail
      if (piece.length > 1 || known(piece) || !han.test(piece)) parts.push(piece);
      start = end;
    }
  }
  return parts;
}
"""


class ChineseSearch(SearchChinese):
    """Sphinx's Chinese search language, plus a query splitter for unspaced queries."""

    js_splitter_code = SPLIT_QUERY_JS
    # Sphinx 9.0.4 stems Latin words in Chinese text with the English stemmer, but names
    # the JS stemmer after ``language_name`` ("window.Stemmer = ChineseStemmer;"), which
    # does not exist: language_data.js stops with a ReferenceError and search finds
    # nothing. Naming the language after its stemmer fixes the generated line.
    language_name = "English"


def require_jieba(app, config):
    if not (config.language or "").startswith("zh"):
        return
    try:
        import jieba
    except ImportError as err:
        raise ConfigError(
            "the zh_CN edition needs jieba for its search index: pip install jieba"
        ) from err
    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict..." on every build
    config.html_search_language = "zh"
    if config.zh_search_dict:
        path = Path(app.confdir, config.zh_search_dict)
        if not path.is_file():
            raise ConfigError(f"zh_search_dict: no such file {path}")
        config.html_search_options = {**config.html_search_options, "dict": str(path)}


def setup(app):
    app.add_config_value("zh_search_dict", "", "html", types=[str])
    app.add_search_language(ChineseSearch)
    app.connect("config-inited", require_jieba)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
