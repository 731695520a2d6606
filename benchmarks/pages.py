"""Every registered page, run by AppTest: cold (st.cache_data cleared) and warm.

The script run time is the wall time of `AppTest.run()` for the main script with the page switched to:
the shared sidebar, the page's queries, charts and tables, and AppTest's own handling of the
elements (a few ms). The first run of a fresh process is reported apart: imports, opening the
database and the default page, what the first visitor after a start waits for.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.machine import median
from settings import ROOT
from ui.navigation import ADMIN_SECTIONS, SECTIONS, all_specs, page_file

APP = ROOT / "router" / "main.py"  # the main script app.py serves
TIMEOUT_S = 900


@dataclass(frozen=True)
class RegisteredPage:
    path: str
    title: str
    url_path: str


def registered_pages() -> list[RegisteredPage]:
    """The pages of the app's navigation, in its order (the admin page only exists for an admin)."""
    return [RegisteredPage(str(page_file(s.file)), s.title, s.url_path) for s in all_specs(SECTIONS | ADMIN_SECTIONS)]


@dataclass
class PageFigures:
    title: str
    path: str
    cold_s: float | None = None
    warm_s: float | None = None  # median of the warm runs
    warm_cpu_s: float | None = None  # median CPU seconds of this process during the warm runs
    warm_runs: list[float] = field(default_factory=list)
    error: str | None = None  # an exception element or a failed run: the figure is not comparable


@dataclass
class PagesFigures:
    first_run_s: float  # the first run of a fresh process: imports, database, the default page
    first_error: str | None
    pages: list[PageFigures]


def _run(at: AppTest, cpu: list[float] | None = None) -> tuple[float, str | None]:
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        at.run(timeout=TIMEOUT_S)
    except Exception as error:  # a benchmark reports a failing page and goes on
        return time.perf_counter() - started, f"{type(error).__name__}: {error}"[:300]
    elapsed = time.perf_counter() - started
    if cpu is not None:
        cpu.append(time.process_time() - cpu_started)
    errors = [str(e.value) for e in at.exception]
    return elapsed, (errors[0][:300] if errors else None)


def bench_pages(repeat: int, only: list[str] | None = None) -> PagesFigures:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    first, first_error = _run(at)
    figures = []
    for page in registered_pages():
        if only and page.url_path not in only:
            continue
        result = PageFigures(page.title, page.path)
        try:
            at.switch_page(page.path)
        except ValueError:  # not in this run's navigation: the admin page needs an administrator's login
            result.error = "not registered for this visitor (needs a login)"
            figures.append(result)
            continue
        st.cache_data.clear()
        result.cold_s, result.error = _run(at)
        cpu: list[float] = []
        for _ in range(repeat):
            elapsed, error = _run(at, cpu)
            result.warm_runs.append(round(elapsed, 4))
            result.error = result.error or error
        result.warm_s = median(result.warm_runs)
        result.warm_cpu_s = median(cpu)
        figures.append(result)
    return PagesFigures(first, first_error, figures)
