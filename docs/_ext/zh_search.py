"""Chinese search needs jieba: without it Sphinx silently indexes no Chinese words.

For a Chinese edition this extension makes jieba a hard requirement and, when
``zh_search_dict`` names a file, loads it as jieba's user dictionary so that domain terms
(张量, 反向传播, ...) are indexed as words.
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


def setup(app):
    app.add_config_value("zh_search_dict", "", "html", types=[str])
    app.connect("config-inited", require_jieba)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
