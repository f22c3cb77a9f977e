"""Two builds of one commit give the same site: nothing on a page depends on the build.

A build cannot be compared with a second one in CI (too slow), so this checks that the
known sources of variation are gone: object addresses printed by examples (``<... at
0x7f...>``), progress bars with their speed, sphinx-gallery's running-time line, the build's clock in the footer and in
the zip files of the downloads (both come from ``SOURCE_DATE_EPOCH``, which
``build_editions.py`` takes from the last commit when it is not set).
"""

import datetime
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
HTML = ROOT / "docs" / "_build" / "html"
EDITIONS = ["en", "zh_CN"]
ADDRESS = re.compile(r"\b0x[0-9a-f]{6,}\b")
RUNNING_TIME = re.compile(r"Total running time|sphx-glr-timing|脚本总运行时间")
PROGRESS_BAR = re.compile(r"\d+(?:\.\d+)?(?:it/s|s/it)\]")  # tqdm: "1/1 [00:00<00:00, 439.19it/s]"

sys.path.insert(0, str(ROOT / "docs" / "_tools"))
from build_editions import last_commit_time  # noqa: E402


def pages(edition):
    root = HTML / edition
    return sorted(p for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts)


def footer_dates(edition):
    return {m for p in pages(edition) for m in re.findall(r'class="build-info">[^<]*?(\d{4}-\d\d-\d\d)', p.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_object_addresses_on_pages(edition):
    found = [f"{p.relative_to(HTML)}: {m}" for p in pages(edition) for m in ADDRESS.findall(p.read_text(encoding="utf-8"))]
    assert not found, "print names, not objects (their repr has a memory address):\n" + "\n".join(found)


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_running_time_line(edition):
    found = [str(p.relative_to(HTML)) for p in pages(edition) if RUNNING_TIME.search(p.read_text(encoding="utf-8"))]
    assert not found, f"pages with sphinx-gallery's running time: {found}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_progress_bars_on_pages(edition):
    found = [f"{p.relative_to(HTML)}: {m.group()}" for p in pages(edition)
             for m in PROGRESS_BAR.finditer(p.read_text(encoding="utf-8"))]
    assert not found, "progress bars print their speed; turn them off in the example:\n" + "\n".join(found)


def test_the_build_has_one_date_and_it_is_not_the_clock():
    """The footer's date comes from SOURCE_DATE_EPOCH (the last commit's time by default)."""
    dates = footer_dates("en") | footer_dates("zh_CN")
    assert len(dates) == 1, dates
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        commit_day = datetime.datetime.fromtimestamp(int(last_commit_time()), datetime.UTC).date()
        built_day = datetime.date.fromisoformat(dates.pop())
        assert built_day <= commit_day, "the footer shows the build's clock, not the commit's date"


@pytest.mark.parametrize("edition", EDITIONS)
def test_zip_entries_share_the_source_date(edition):
    archives = sorted((HTML / edition / "_downloads").rglob("*.zip"))
    assert archives, "no zip downloads"
    stamps = {i.date_time for a in archives for i in zipfile.ZipFile(a).infolist()}
    assert len(stamps) == 1, f"zip entries with different dates: {sorted(stamps)}"
    assert {datetime.date(*stamps.pop()[:3]).isoformat()} == footer_dates(edition)
