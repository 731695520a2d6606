"""Helpers for the page tests: the real app under AppTest, the tables it shows, and the sample
workbooks read straight from their cells (not through the loader) to sum figures independently."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
from streamlit.testing.v1 import AppTest

from core.incidents import unexpected_message
from database.units import units_by_id, units_in_year
from etl.checking import contract as c
from rendering.template import write_workbook
from settings import SAMPLES_DIR
from tests.support import ROOT
from tests.support.sample_cache import kept_value
from ui import url_state
from ui.navigation import page_file

TIMEOUT = 180
APP = ROOT / "router" / "main.py"  # the main script app.py serves


class DashboardTest(AppTest):
    """The real app under AppTest; `switch_page("pages/x.py")` names a page as the repository does
    (the main script sits in router/, away from pages/: see app.py)."""

    def switch_page(self, page_path: str) -> AppTest:
        return super().switch_page(str(page_file(page_path)))


def app_test(timeout: float = TIMEOUT) -> DashboardTest:
    """A fresh session of the real app, not run yet."""
    return DashboardTest(APP, default_timeout=timeout)
SAMPLE_NAME = re.compile(r"mau_(\d{4})_(\d{5})_")


def run_page(page: str, year: int | None = None, boundary: str | None = None,
             units: list[str] | None = None) -> AppTest:
    """The real app on `page` with the filters given as a shared link gives them (`?nam=2024&ranh_gioi=moi
    &don_vi=21469-2015`); the tests that move the widgets themselves do so after this."""
    at = app_test()
    at.query_params.update(url_filters(year, boundary, units))
    at.run()  # the first run registers the pages with st.navigation
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not unexpected_errors(at), unexpected_errors(at)
    filters = {url_state.YEAR: year, url_state.BOUNDARY: boundary, url_state.UNITS: units}  # the widgets' keys
    assert all(value is None or at.session_state[key] == value for key, value in filters.items()), (
        [e.value for e in at.error], filters)
    return at


# The start of what a page shows for an error it did not expect (ui.incidents.safely): not an exception element,
# so `at.exception` is empty while the page is cut short.
UNEXPECTED = unexpected_message("").partition("(")[0]


def unexpected_errors(at: AppTest) -> list[str]:
    """The messages of unexpected errors the run caught and showed (the log has their tracebacks)."""
    return [e.value for e in at.error if e.value.startswith(UNEXPECTED)]


def url_filters(year: int | None, boundary: str | None, units: list[str] | None) -> dict[str, object]:
    """The URL parameters that set these filters (ui.url_state)."""
    return {key: value for key, value in ((url_state.YEAR, None if year is None else str(year)),
                                          (url_state.BOUNDARY, url_state.BOUNDARY_IDS.get(boundary)),
                                          (url_state.UNITS, units or None)) if value is not None}


def shown_table(at: AppTest, name: str) -> pd.DataFrame:
    """The table of the block called `name` (the expander `Bảng số liệu: name`)."""
    labels = []
    for expander in at.expander:
        labels.append(expander.label)
        if expander.label == f"Bảng số liệu: {name}":
            if not expander.proto.expanded:  # a closed table is drawn once a user opens it
                open_table(at, expander)
                return shown_table(at, name)
            return expander.dataframe[0].value.reset_index(drop=True)
    raise AssertionError(f"no table {name!r}; tables: {labels}")


def open_table(at: AppTest, expander) -> None:
    """Open a table's expander as a click would, and rerun."""
    _open(at, [expander])


def open_tables(at: AppTest) -> AppTest:
    """Open every closed table of the page (they are drawn, with their downloads, once open)."""
    _open(at, [e for e in at.expander if e.label.startswith("Bảng số liệu: ") and not e.proto.expanded])
    return at


def _open(at: AppTest, expanders: list) -> None:
    for expander in expanders:
        at.session_state[expander.proto.id.split("-", 2)[2]] = True  # the key ends the id: $$ID-hash-key
    if expanders:
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert not unexpected_errors(at), unexpected_errors(at)


def has_table(at: AppTest, name: str) -> bool:
    return any(e.label == f"Bảng số liệu: {name}" for e in at.expander)


# ---- the sample workbooks, read cell by cell ------------------------------------------------

def _sheet_rows(wb: openpyxl.Workbook, sheet: str) -> list[dict]:
    rows = list(wb[sheet].iter_rows(values_only=True))
    header = [str(h) if h is not None else None for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(v is not None for v in row)]


@cache
def sample_rows() -> dict[str, pd.DataFrame]:
    """Every sample workbook's `Chi bộ` and `Đảng viên` rows, with the unit id and year: read once for every
    worker of a run, and kept for the next run while the workbooks and this module are unchanged
    (tests.support.sample_cache)."""
    return kept_value("sample-rows", _read_sample_rows)


def _read_sample_rows() -> dict[str, pd.DataFrame]:
    cells, members = [], []
    for path in sorted(Path(SAMPLES_DIR).glob("*.xlsx")):
        year_text, code = SAMPLE_NAME.match(path.name).groups()
        year = int(year_text)
        unit_id = next(u.unit_id for u in units_in_year(year) if u.code == code)
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for row in _sheet_rows(wb, c.SHEET_CELLS):
            cells.append({"unit_id": unit_id, "year": year, **row})
        for row in _sheet_rows(wb, c.SHEET_MEMBERS):
            members.append({"unit_id": unit_id, "year": year,
                            **{k: (v or 0) if k != "Mã chi bộ" else v for k, v in row.items()}})
        wb.close()
    return {"cells": pd.DataFrame(cells), "members": pd.DataFrame(members)}


def display_of(unit_id: str, boundary: str, as_of: int | None = None) -> str:
    """The display unit of a reporting unit under a boundary (reference data, as unit_scope), and as of
    a year: a unit that had ended by then counts in its successor (as lineage_units); under the boundary
    `current` an organisation of the town counts in the ward or commune it sits under."""
    unit = units_by_id()[unit_id]
    ended = as_of is not None and unit.valid_to is not None and unit.valid_to < as_of
    if boundary == "current":
        return unit.current_id
    return unit.successor_id or unit_id if ended else unit_id


def member_sums(year: int | None = None, units: list[str] | None = None, boundary: str = "reported") -> pd.Series:
    """Column sums of the `Đảng viên` rows of the sample workbooks for a filter."""
    rows = sample_rows()["members"]
    if year is not None:
        rows = rows[rows["year"] == year]
    if units:
        rows = rows[[display_of(u, boundary) in units for u in rows["unit_id"]]]
    return rows.drop(columns=["unit_id", "year", "Mã chi bộ"]).sum()


def idle_runs_from_workbooks(year: int, min_years: int, boundary: str, every_kind: bool = False,
                             ) -> dict[tuple[str, str], tuple[int, int | None]]:
    """(display unit, cell code) → (years in a row without admission up to `year`, last year admitted),
    for the village and residential cells of `year` (`every_kind`: every cell).

    Sample cell codes carry their unit's code, so they are unique across units and keep across
    the 2025 merger; a merged unit's cells count in the new unit, whatever the boundary.
    """
    admitted: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    rows = sample_rows()["members"]
    for unit_id, row_year, code, count in zip(rows["unit_id"], rows["year"], rows["Mã chi bộ"], rows["Kết nạp"],
                                              strict=True):
        if row_year <= year:
            key = (display_of(unit_id, boundary, as_of=year), code)
            admitted[key][row_year] = admitted[key].get(row_year, 0) + int(count)
    cells = sample_rows()["cells"]
    kinds = {code: kind for code, kind, row_year in zip(cells["Mã chi bộ"], cells["Loại chi bộ"], cells["year"],
                                                        strict=True) if row_year == year}
    found = {}
    for key, by_year in admitted.items():
        if not every_kind and kinds.get(key[1]) not in ("Thôn", "Tổ dân phố"):
            continue
        run, y = 0, year
        while by_year.get(y) == 0:
            run, y = run + 1, y - 1
        if run >= min_years:
            found[key] = (run, max((y for y, n in by_year.items() if n > 0), default=None))
    return found


# ---- workbooks written for a test -----------------------------------------------------------

def submission(con: duckdb.DuckDBPyConnection, unit_id: str, year: int) -> dict:
    """A loaded submission's format v1 fields, as the rows `rendering.template.write_workbook` takes."""
    def rows(sql: str) -> list[dict]:
        cursor = con.execute(sql, [unit_id, year])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    member_fields = ", ".join(col.field for col in c.columns_of(c.MEMBER_COLUMNS, c.FORMAT_V1))
    cadre_fields = ", ".join(col.field for col in c.columns_of(c.CADRE_COLUMNS, c.FORMAT_V1))
    info = rows("SELECT org_rating, committee_members, committee_trained, prepared_by, prepared_on "
                "FROM submissions WHERE unit_id = ? AND year = ?")[0]
    return {
        "info": info,
        "cells": rows("SELECT cell_code, cell_name, cell_type, rating, four_good FROM cells "
                      "WHERE unit_id = ? AND year = ? ORDER BY cell_code"),
        "members": rows(f"SELECT {member_fields} FROM member_figures WHERE unit_id = ? AND year = ? "
                        "ORDER BY cell_code"),
        "cadres": rows(f"SELECT {cadre_fields} FROM cadres WHERE unit_id = ? AND year = ? ORDER BY row_no"),
    }


def workbook_bytes(unit_id: str, year: int, content: dict) -> bytes:
    out = io.BytesIO()
    write_workbook(out, units_by_id()[unit_id], year, content["info"], content["cells"], content["members"],
                   content["cadres"])
    return out.getvalue()
