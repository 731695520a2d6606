"""Kết nạp đảng viên (T3): the figures shown equal the named queries, `python -m etl kpi` and the
sums of the workbook rows; the no-admission list is right on the samples and on hand-made cells."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from database.db import cursor
from database.store import create_schema
from queries.admissions import (
    NEVER_ADMITTED,
    QUOTA_CODE,
    admission_groups_by_unit,
    admission_groups_by_year,
    admission_rate_by_unit,
    admission_rate_by_year,
    cells_without_admission,
)
from queries.kpi import kpi_table
from queries.targets import indicator_trend, indicator_units
from tests.support.page_support import idle_runs_from_workbooks, member_sums

PHO_HOA = "21469-2015"
GROUP_COLUMNS = {"Học sinh, sinh viên": "Kết nạp học sinh", "Công nhân": "Kết nạp công nhân",
                 "Chủ doanh nghiệp": "Kết nạp chủ doanh nghiệp"}
CURRENT_IDS = {"Phường Đức Phổ": "21439-2025", "Phường Trà Câu": "21451-2025", "Phường Sa Huỳnh": "21478-2025",
               "Xã Nguyễn Nghiêm": "21457-2025", "Xã Khánh Cường": "21472-2025"}


# ---- the page's named queries on the samples, against the workbooks' rows and the KPI export ----

def test_town_rate_2022_equals_kpi_export_and_workbooks(sample_env):
    rates = admission_rate_by_year(cursor(), "reported", None, 2020, 2022)
    assert list(rates["year"]) == [2020, 2021, 2022]
    row = rates.iloc[-1]
    sums = member_sums(2022)
    assert (row["admitted"], row["start_count"]) == (sums["Kết nạp"], sums["Đầu năm"])
    assert row["rate"] == pytest.approx(sums["Kết nạp"] / sums["Đầu năm"])
    kpi = kpi_table(cursor(), year=2022).set_index("indicator").loc["T3_admission_rate"]
    assert (kpi["numerator"], kpi["denominator"]) == (row["admitted"], row["start_count"])
    assert kpi["rate"] == pytest.approx(row["rate"], abs=1e-6)
    words = ["Chưa đạt" if r < 0.03 else "Vượt khung" if r > 0.04 else "Đạt" for r in rates["rate"]]  # by hand
    assert list(rates["verdict"]) == words
    assert list(rates["admitted"]) == [member_sums(y)["Kết nạp"] for y in (2020, 2021, 2022)]


def test_one_unit_by_year_and_against_its_quota(sample_env):
    for year in (2022, 2024):
        by_unit = admission_rate_by_unit(cursor(), "reported", [PHO_HOA], year)
        assert list(by_unit["unit"]) == ["Phường Phổ Hòa"]
        sums = member_sums(year, [PHO_HOA])
        assert tuple(by_unit.loc[0, ["year", "admitted", "start_count"]]) == (year, sums["Kết nạp"], sums["Đầu năm"])
    trend = admission_rate_by_year(cursor(), "reported", [PHO_HOA], 2020, 2024)
    assert list(trend["admitted"]) == [member_sums(y, [PHO_HOA])["Kết nạp"] for y in range(2020, 2025)]
    # beside T3, admissions against the quota given (from the v2 workbooks of 2023): the KPI export's figures
    quota = kpi_table(cursor(), year=2024, unit="21469").set_index("indicator").loc[QUOTA_CODE]
    by_unit = indicator_units(cursor(), "reported", [PHO_HOA], 2024, 2024, (QUOTA_CODE,))
    assert tuple(by_unit.loc[0, ["unit", "numerator", "denominator", "not_reported"]]) == (
        "Phường Phổ Hòa", quota["numerator"], quota["denominator"], 0)
    years = indicator_trend(cursor(), "reported", [PHO_HOA], 2020, 2024, (QUOTA_CODE,)).set_index("year")
    assert years.at[2022, "denominator"] == 0
    assert years.at[2022, "not_reported"] == 1 and pd.isna(years.at[2022, "rate"])  # v1: not 0%


def test_the_new_boundary_sums_merged_units(sample_env):
    by_unit = admission_rate_by_unit(cursor(), "current", ["21439-2025"], 2022)
    assert list(by_unit["unit"]) == ["Phường Đức Phổ"]
    sums = member_sums(2022, ["21439-2025"], boundary="current")
    assert sums["Kết nạp"] == sum(member_sums(2022, [u])["Kết nạp"] for u in
                                  ("21439-2015", "21460-2015", "21463-2015", "21466-2015", "21469-2015",
                                   "53401-2015", "53403-2015", "53404-2015"))  # and the organisations under it
    assert (by_unit.at[0, "admitted"], by_unit.at[0, "start_count"]) == (sums["Kết nạp"], sums["Đầu năm"])
    every_unit = admission_rate_by_unit(cursor(), "current", None, 2022)
    assert len(every_unit) == 5
    assert every_unit["admitted"].sum() == member_sums(2022)["Kết nạp"]


def test_admissions_of_students_workers_owners(sample_env):
    per_year = admission_groups_by_year(cursor(), "current", None, 2020, 2023)
    for row in per_year.itertuples(index=False):
        sums = member_sums(row.year)
        assert row.admitted == sums[GROUP_COLUMNS[row.admission_group]]
        assert row.all_admitted == sums["Kết nạp"]
        assert row.share == pytest.approx(sums[GROUP_COLUMNS[row.admission_group]] / sums["Kết nạp"])
    assert sorted(set(per_year["year"])) == [2020, 2021, 2022, 2023]
    per_unit = admission_groups_by_unit(cursor(), "current", None, 2023)
    assert len(per_unit) == 5 * 3
    for row in per_unit.itertuples(index=False):
        assert row.admitted == member_sums(2023, [CURRENT_IDS[row.unit]], "current")[GROUP_COLUMNS[row.admission_group]]


def _expected_idle(year: int, min_years: int, boundary: str, every_kind: bool = False) -> dict:
    return {code: (run, NEVER_ADMITTED if last is None else str(last)) for (_unit, code), (run, last)
            in idle_runs_from_workbooks(year, min_years, boundary, every_kind).items()}


def _idle(year: int, min_years: int, boundary: str, every_kind: bool = False) -> dict:
    frame = cells_without_admission(cursor(), boundary, None, year, min_years, every_kind)
    return {code: (run, last) for code, run, last in
            zip(frame["cell_code"], frame["run_years"], frame["last_admission"], strict=True)}


def test_cells_without_admission_on_the_samples(sample_env):
    expected = _expected_idle(2025, 3, "current")
    assert expected, "the samples should hold cells that admitted nobody for years"
    assert _idle(2025, 3, "current") == expected
    assert _idle(2025, 5, "current") == _expected_idle(2025, 5, "current")
    # a merged unit's cells keep their runs
    assert _expected_idle(2025, 5, "reported") == _expected_idle(2025, 5, "current")
    assert _idle(2025, 5, "reported") == _expected_idle(2025, 5, "reported")
    # military, police, agency cells too
    assert _idle(2025, 2, "reported", every_kind=True) == _expected_idle(2025, 2, "reported", every_kind=True)
    assert len(_expected_idle(2025, 2, "reported", every_kind=True)) > len(_expected_idle(2025, 2, "reported"))
    assert _idle(2024, 5, "reported") == _expected_idle(2024, 5, "reported")

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
