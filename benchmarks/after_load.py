"""The first visitor after a load: every page's first run once a workbook has been loaded.

On a copy of the scale's database (benchmarks.server.scratch_copy) a process does what a server
does: its first run, every page once (as visitors had them open), then the load of one workbook
of the latest year through `etl.loading.batch.load_files` (what the upload button calls), the overview's
run right after it (the new figure: the server's part of an upload), the app's own thread writing
the new version's frames and asking again what visitors asked (ui/warm.py, waited for here), and
then the first run of every page for the new version, the new version's file just opened.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.testing.v1 import AppTest

from benchmarks.fill import write_workbooks
from benchmarks.pages import APP, TIMEOUT_S, _run, registered_pages
from benchmarks.server import scratch_copy
from benchmarks.synthetic import YEARS, Scale
from etl.loading.batch import load_files
from settings import settings
from ui import warm

OVERVIEW = "tong-quan"
WARM_TIMEOUT_S = 3600


@dataclass
class AfterLoadFigures:
    load_s: float  # load_files of one workbook: copy, check, one transaction, checkpoint, publish
    overview_s: float  # the overview's run right after it: the new figure, frames not written yet
    frames_s: float  # the new version's frames written and the pages' queries asked again (ui.warm)
    outcome: str
    pages: dict[str, float] = field(default_factory=dict)  # title → first run after the frames
    errors: dict[str, str] = field(default_factory=dict)


def _switch(at: AppTest, url_path: str) -> bool:
    page = next(p for p in registered_pages() if p.url_path == url_path)
    try:
        at.switch_page(page.path)
    except ValueError:  # not registered for this visitor (the admin page)
        return False
    return True


def bench_after_load(scale: Scale, only: list[str] | None = None) -> AfterLoadFigures:
    latest = write_workbooks(scale, len(YEARS))[-1]  # the first unit's workbook of the last year
    with tempfile.TemporaryDirectory(prefix="bench-after-load-", dir=Path(settings().db_path).parent.parent) as scratch:
        var = scratch_copy(Path(scratch))
        os.environ["DP_VAR_DIR"] = str(var)  # this process only: the app and the load read the copy
        cfg = settings()
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
        _run(at)
        for page in registered_pages():
            if (not only or page.url_path in only) and _switch(at, page.url_path):
                _run(at)
        started = time.perf_counter()
        (result,) = load_files([(latest.name, latest.read_bytes())], cfg, loaded_by="benchmarks")
        load_s = time.perf_counter() - started
        warm.wake()  # as ui.upload does once the load is shown
        _switch(at, OVERVIEW)
        overview_s, _ = _run(at)
        if not warm.wait_warm(WARM_TIMEOUT_S):
            raise RuntimeError("the frames and caches of the new version were not ready in time")
        frames_s = time.perf_counter() - started - load_s
        figures = AfterLoadFigures(round(load_s, 2), round(overview_s, 2), round(frames_s, 2), result.outcome)
        for page in registered_pages():
            if only and page.url_path not in only or not _switch(at, page.url_path):
                continue
            elapsed, error = _run(at)
            figures.pages[page.title] = round(elapsed, 3)
            if error:
                figures.errors[page.title] = error
    return figures
