"""Every page of the app run once, for the checks that read what a page draws (its banner, its colours, its
Vietnamese widgets, what its run leaves behind) rather than act on it: one session of the real app on a copy
of the sample database, access control off (no account), the year 2024, the whole town, the reported units.

`tests/app/conftest.py` makes it once per worker (`every_page_run`); a test that needs other conditions (an
account, another programme, filters) runs its pages itself, with `run_pages` when it only reads them.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import ElementTree

from settings import Settings, settings
from tests.support import point_at
from tests.support.page_support import run_page
from ui.navigation import SECTIONS, all_specs

YEAR = 2024
PAGES = [f"pages/{spec.file}" for spec in all_specs(SECTIONS)]  # every page but the administration's


@dataclass(frozen=True)
class EveryPageRun:
    cfg: Settings  # the database and account file the session used
    session: AppTest  # the session that visited every page, still open
    drawn: dict[str, ElementTree]  # page file → what its run drew


def run_pages(pages: list[str], year: int | None = None, units: list[str] | None = None) -> tuple[AppTest, dict]:
    """One session of the real app visiting `pages` in turn under the filters a shared link gives, and what
    each page's run drew (a run draws a new tree: the earlier pages' stay as they were)."""
    at = run_page(pages[0], year=year, units=units)
    drawn = {pages[0]: at.main.root}
    for page in pages[1:]:
        at.switch_page(page).run()
        drawn[page] = at.main.root
    return at, drawn


def run_every_page(sample_var: Path, var_dir: Path) -> EveryPageRun:
    """Every page under the conditions above, on a copy of `sample_var` made at `var_dir`."""
    shutil.copytree(sample_var, var_dir, symlinks=True)
    with pytest.MonkeyPatch.context() as mp:
        point_at(mp, var_dir)
        session, drawn = run_pages(PAGES, year=YEAR)
        return EveryPageRun(settings(), session, drawn)
