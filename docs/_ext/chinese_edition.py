"""What a Chinese edition needs beyond translated catalogs.

* Search: Sphinx segments Chinese text for its search index with jieba, and without
  jieba it silently indexes no Chinese words. This extension makes jieba a hard
  requirement of a ``zh*`` build and, when ``zh_search_dict`` names a file, loads it as
  jieba's user dictionary so that domain terms (张量, 反向传播, ...) are indexed as words.
* Inline markup: reStructuredText only recognises ``*emphasis*`` and ````code````
  next to spaces or certain punctuation, so ``张量``（tensor） would not parse. Chinese
  has no spaces between words; the docutils setting ``character_level_inline_markup``
  lets markup touch any character, and is switched on for the Chinese edition only.
"""

from pathlib import Path

from sphinx.errors import ConfigError


def require_jieba(app, config):
    if not (config.language or "").startswith("zh"):
        return
    try:
        import jieba  # noqa: F401
    except ImportError as err:
        raise ConfigError(
            "the zh_CN edition needs jieba for its search index: pip install jieba"
        ) from err
    config.html_search_language = "zh"
    if config.zh_search_dict:
        path = Path(app.confdir, config.zh_search_dict)
        if not path.is_file():
            raise ConfigError(f"zh_search_dict: no such file {path}")
        config.html_search_options = {**config.html_search_options, "dict": str(path)}


def allow_markup_between_characters(app):
    if (app.config.language or "").startswith("zh"):
        app.env.settings["character_level_inline_markup"] = True


def setup(app):
    app.add_config_value("zh_search_dict", "", "html", types=[str])
    app.connect("config-inited", require_jieba)
    app.connect("builder-inited", allow_markup_between_characters)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
