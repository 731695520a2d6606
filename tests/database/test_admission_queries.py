"""Kết nạp đảng viên (T3): the figures shown equal the named queries, `python -m etl kpi` and the
sums of the workbook rows; the no-admission list is right on the samples and on hand-made cells."""

from __future__ import annotations

import duckdb
import pytest

from database.store import create_schema
from queries.admissions import (
    NEVER_ADMITTED,
    cells_without_admission,
)

# ---- the gaps-and-islands SQL on hand-made cells --------------------------------------------

def _add(con: duckdb.DuckDBPyConnection, unit_id: str, year: int, admitted: dict[str, int]) -> None:
    con.execute("INSERT INTO submissions (unit_id, year, file_name, file_hash, loaded_at, is_sample) "
                "VALUES (?, ?, 'x.xlsx', ?, now(), false)", [unit_id, year, f"{unit_id}{year}"])
    for code, count in admitted.items():
        con.execute("INSERT INTO cells VALUES (?, ?, ?, ?, 'Thôn', NULL, false)", [unit_id, year, code, f"Chi bộ {code}"])
        con.execute("INSERT INTO member_figures VALUES (?, ?, ?, 20, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?, 0, 0, 0, 0, 0, 0, ?)",
                    [unit_id, year, code, count, 20 + count, 20 + count])


@pytest.fixture
def tiny() -> duckdb.DuckDBPyConnection:
    """Phổ Hòa 2019–2024: A admits only in 2024, B never, C misses 2022, D admitted last in 2019."""
    con = duckdb.connect()
    create_schema(con)
    for year in range(2019, 2025):
        cells = {"A": 1 if year == 2024 else 0, "B": 0, "C": 0, "D": 2 if year == 2019 else 0}
        if year == 2019:
            del cells["A"], cells["B"], cells["C"]
        if year == 2022:
            del cells["C"]
        _add(con, "21469-2015", year, cells)
    return con


def _runs(con, year: int, min_years: int, boundary: str = "reported", units=None) -> dict:
    frame = cells_without_admission(con, boundary, units, year, min_years)
    return {code: (run, start, last) for code, run, start, last in
            zip(frame["cell_code"], frame["run_years"], frame["run_from"], frame["last_admission"], strict=True)}


def test_no_admission_runs_reset_when_a_cell_admits(tiny):
    assert _runs(tiny, 2023, 3) == {"A": (4, 2020, NEVER_ADMITTED), "B": (4, 2020, NEVER_ADMITTED),
                                    "D": (4, 2020, "2019")}
    assert _runs(tiny, 2024, 3) == {"B": (5, 2020, NEVER_ADMITTED), "D": (5, 2020, "2019")}  # A admitted in 2024
    assert _runs(tiny, 2024, 2) == {"B": (5, 2020, NEVER_ADMITTED), "C": (2, 2023, NEVER_ADMITTED),
                                    "D": (5, 2020, "2019")}  # C's missing 2022 breaks its run
    assert _runs(tiny, 2024, 6) == {}
    assert _runs(tiny, 2021, 3) == {}
    assert _runs(tiny, 2024, 3, units=["21463-2015"]) == {}
    last = cells_without_admission(tiny, "reported", None, 2024, 3)
    assert last["last_admitted_year"].isna().tolist() == [True, False]
    assert list(last["unit"]) == ["Phường Phổ Hòa"] * 2


def test_no_admission_runs_follow_cells_across_the_merger(tiny):
    # Phổ Minh (21463) also had a cell "B"; it comes first by unit code, so in the merged Đức Phổ
    # it keeps "B" and Phổ Hòa's becomes "21469-B", as the prefilled template names them.
    for year in range(2022, 2025):
        _add(tiny, "21463-2015", year, {"B": 0})
    _add(tiny, "21439-2025", 2025, {"B": 0, "21469-B": 0, "D": 1})
    assert _runs(tiny, 2025, 3, "current") == {"21469-B": (6, 2020, NEVER_ADMITTED), "B": (4, 2022, NEVER_ADMITTED)}
    # whatever the boundary, a cell of a merged unit keeps its run in the new unit
    assert _runs(tiny, 2025, 1, "reported") == _runs(tiny, 2025, 1, "current") == {
        "21469-B": (6, 2020, NEVER_ADMITTED), "B": (4, 2022, NEVER_ADMITTED)}
    assert _runs(tiny, 2024, 3, "current", ["21439-2025"]) == {
        "21469-B": (5, 2020, NEVER_ADMITTED), "D": (5, 2020, "2019"), "B": (3, 2022, NEVER_ADMITTED)}
    assert _runs(tiny, 2024, 3, "reported", ["21469-2015"]) == {"B": (5, 2020, NEVER_ADMITTED),
                                                                 "D": (5, 2020, "2019")}
    assert _runs(tiny, 2024, 3, "reported", ["21463-2015"]) == {"B": (3, 2022, NEVER_ADMITTED)}
    assert cells_without_admission(tiny, "current", None, 2024, 3)["cell_name"].notna().all()
