"""A line at the foot of every page saying what built it: torch version, device, date.

The outputs on a page depend on these (a CUDA machine prints ``cuda:0`` where a laptop
prints ``cpu``), so a reader should see them. The date honours ``SOURCE_DATE_EPOCH`` for
reproducible builds. The text is translated through ``ui.po``.
"""

import datetime
import os

import torch

from ui_strings import ui_text


def build_device():
    if torch.cuda.is_available():
        return f"CUDA ({torch.cuda.get_device_name(0)})"
    return "CPU"


def build_date():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)
    return when.date().isoformat()


def add_build_info(app, pagename, templatename, context, doctree):
    context["build_info"] = ui_text(app.env, "Built with PyTorch {version} on {device}, {date}.").format(
        version=torch.__version__, device=build_device(), date=build_date()
    )


def date_in_config(app, config):
    """Put the date into the HTML settings: when it changes, Sphinx writes every page
    again (an incremental build would otherwise leave older dates on unchanged pages)."""
    config.html_context = {**config.html_context, "build_date": build_date()}


def setup(app):
    app.connect("config-inited", date_in_config)
    app.connect("html-page-context", add_build_info)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
