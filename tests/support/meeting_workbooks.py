"""Small, complete submission workbooks whose indicators are set by hand, for the scorecard,
warnings and pace tests: written with `rendering.template.write_workbook`, loaded through
`etl.loading.batch.load_files` into the test's own database (the `empty_env` fixture).

Every unit has one village cell `T01` (Thôn) with four cadres, 200 members on 1 January and 100
members rated, so each headline indicator is one lever:

- T1 `org`: the unit's own rating (HTTNV met, HTNV not); from 2025 T1 counts the cells (`cell_rating`);
- T2 `good` of 100 rated members are rated HTTNV or, `excellent` of them, HTXSNV (the rest HTNV);
- T3 `admitted` of 200 (3% = 6); extra village cells (`more_cells`: code → admitted) and cells of
  other kinds (`other_cells`: code → (kind, admitted)) have 10 members each;
- T4 `t4` of the 4 cadres have THPT and sơ cấp LLCT; T5 `t5` trung cấp chuyên môn;
  T6 `t6` trung cấp LLCT; T7 `t7` were trained (no grassroots committee, so T7 = t7 / 4).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from database.units import units_by_id
from etl.loading.batch import load_files
from rendering.template import write_workbook
from settings import Settings, settings
from tests.support import point_at
from tests.support.sample_cache import shared_folder

ROLES = ("Bí thư", "Phó Bí thư", "Chi ủy viên", "Chi ủy viên")
START = 200
RATED = 100


def cadres(t4: int, t5: int, t6: int, t7: int) -> list[dict]:
    rows = []
    for i, role in enumerate(ROLES):
        political = "Trung cấp" if i < t6 else ("Sơ cấp" if i < t4 else "")
        rows.append({
            "full_name": f"Cán bộ {i + 1}", "birth_year": 1980, "gender": "Nam", "cell_code": "T01", "role": role,
            "education": "12/12" if i < t4 else "9/12", "professional": "Trung cấp" if i < t5 else "",
            "political": political, "trained": i < t7,
        })
    return rows


def member_row(code: str, start: int, admitted: int, struck_off: int = 0, resigned: int = 0,
               good: int = 0, fulfilled: int = 0, excellent: int = 0) -> dict:
    end = start + admitted - struck_off - resigned
    return {
        "cell_code": code, "start_count": start, "admitted": admitted, "admitted_students": 0,
        "admitted_workers": 0, "admitted_owners": 0, "transferred_in": 0, "transferred_out": 0, "died": 0,
        "struck_off": struck_off, "expelled": 0, "resigned": resigned, "end_count": end, "exempted": 0,
        "working_away": 0, "rated_excellent": excellent, "rated_good": good - excellent, "rated_fulfilled": fulfilled,
        "rated_not_fulfilled": 0, "unrated": end - good - fulfilled,
    }


def workbook(unit_id: str, year: int, *, org: str = "HTTNV", good: int = 95, admitted: int = 6,
             t4: int = 4, t5: int = 2, t6: int = 1, t7: int = 4, struck_off: int = 0, resigned: int = 0,
             more_cells: dict[str, int] | None = None, other_cells: dict[str, tuple[str, int]] | None = None,
             excellent: int = 0, cell_rating: str = "HTTNV") -> tuple[str, bytes]:
    """(file name, bytes) of one unit's workbook for `year`; the defaults meet every target."""
    cells = [{"cell_code": "T01", "cell_name": "Chi bộ thôn Một", "cell_type": "Thôn", "rating": cell_rating,
              "four_good": False}]
    members = [member_row("T01", START, admitted, struck_off, resigned, good, RATED - good, excellent)]
    extra = {**{code: ("Thôn", n) for code, n in (more_cells or {}).items()}, **(other_cells or {})}
    for code, (kind, cell_admitted) in extra.items():
        cells.append({"cell_code": code, "cell_name": f"Chi bộ {kind.lower()} {code}", "cell_type": kind,
                      "rating": "HTTNV", "four_good": False})
        members.append(member_row(code, 10, cell_admitted))
    info = {"org_rating": org, "prepared_by": "Kiểm thử", "prepared_on": f"20/12/{year}"}
    out = io.BytesIO()
    write_workbook(out, units_by_id()[unit_id], year, info, cells, members, cadres(t4, t5, t6, t7))
    return f"{unit_id}_{year}.xlsx", out.getvalue()


def load(cfg: Settings, books: list[tuple[str, bytes]]) -> None:
    """Load the workbooks into the environment's database; every one must be accepted."""
    results = load_files(books, cfg, loaded_by="kiểm thử")
    rejected = [(r.file_name, r.problems) for r in results if not r.ok]
    assert not rejected, rejected


def built_var(request: pytest.FixtureRequest, books: Callable[[], list[tuple[str, bytes]]]) -> Path:
    """A var/ folder (database + archive) loaded with the workbooks `books()` makes, for the tests of the
    session fixture `request` names to copy: made once per run for every worker, and kept in pytest's cache
    for the next run with the same inputs (tests.support.sample_cache; `books` is written in the fixture's
    module, with this one's `workbook`)."""
    def build(var_dir: Path) -> None:
        with pytest.MonkeyPatch.context() as mp:
            point_at(mp, var_dir)
            load(settings(), books())

    return shared_folder(request.getfixturevalue("tmp_path_factory"), getattr(request.config, "cache", None),
                         request.fixturename, build, books)


def copy_into(cfg: Settings, var_dir: Path) -> Settings:
    """Give the test's empty environment (`empty_env`) its own copy of a built var/ folder."""
    shutil.copytree(var_dir, cfg.db_path.parent, symlinks=True)
    return cfg
