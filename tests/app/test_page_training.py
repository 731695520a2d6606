"""Bồi dưỡng nghiệp vụ (T7): the page on the sample data, and its named query."""

from __future__ import annotations

import duckdb

from core.numbers import vi_number, vi_percent
from database.db import cursor
from database.facts import refresh_all
from database.store import published_file
from database.units import load_units
from queries.cadres import TRAINING_PARTS, training_split
from queries.indicators import indicators_by_unit
from queries.kpi import kpi_table
from tests.support.apptest_pages import run_page, table

PAGE = "pages/training.py"
CODE = "T7_training"
SUMMARY = "Bồi dưỡng nghiệp vụ năm {year}"
DUC_PHO = "21439-2025"
PHO_HOA = "21469-2015"


def kpi_shown(year: int, unit: str | None = None) -> tuple[str, str, str]:
    """T7 as `python -m etl kpi` gives it, written as the page must write it."""
    kpi = kpi_table(cursor(), year=year, unit=unit).set_index("indicator").loc[CODE]
    return vi_number(kpi["numerator"]), vi_number(kpi["denominator"]), vi_percent(kpi["numerator"] / kpi["denominator"])


def figures(shown, row: int = 0) -> tuple[str, str, str]:
    return tuple(shown.loc[row, ["Tử số", "Mẫu số", "Tỷ lệ"]])


def predecessors(unit_id: str) -> list[str]:
    """The units counted in `unit_id` under the boundary `current`: merged into it, or sitting under it."""
    return [u.unit_id for u in load_units() if u.current_id == unit_id and u.unit_id != unit_id]


def test_2022_whole_town(sample_env):
    at = run_page(PAGE, year=2022)
    _, shown = table(at, SUMMARY.format(year=2022))
    assert figures(shown) == kpi_shown(2022)

    parts, _ = table(at, "Bồi dưỡng nghiệp vụ năm 2022 theo đối tượng")
    t7 = kpi_table(cursor(), year=2022).set_index("indicator").loc[CODE]
    assert list(parts["Đối tượng"]) == list(TRAINING_PARTS.values())
    assert parts["Được bồi dưỡng"].sum() == t7["numerator"]
    assert parts["Tổng số"].sum() == t7["denominator"]
    # the cell cadres counted are those of T4: 329 in 2022
    assert parts.set_index("Đối tượng").at["Cán bộ chi bộ thôn, tổ dân phố", "Tổng số"] == 329

    # T7 counts the grassroots committee members of the town's other organisations too (Đề án: «đối với tất
    # cả đội ngũ cấp ủy viên cơ sở, chi ủy viên, bí thư, phó bí thư chi bộ thôn, tổ dân phố»)
    _, by_unit = table(at, "Bồi dưỡng nghiệp vụ theo đơn vị")
    assert len(by_unit) == 1 + 15 + 5 and by_unit.loc[0, "Đơn vị"] == "Toàn thị xã"
    assert figures(by_unit) == kpi_shown(2022)
    _, trend = table(at, "Bồi dưỡng nghiệp vụ qua các năm")
    assert list(trend["Năm"]) == ["2020", "2021", "2022"]
    assert figures(trend, 2) == kpi_shown(2022)
    by_unit_years, _ = table(at, "Bồi dưỡng nghiệp vụ theo đơn vị và năm")
    assert len(by_unit_years) == 3 * 21


def test_one_unit(sample_env):
    at = run_page(PAGE, year=2022, units=[PHO_HOA])
    _, shown = table(at, SUMMARY.format(year=2022))
    assert figures(shown) == kpi_shown(2022, "21469")
    _, by_unit = table(at, "Bồi dưỡng nghiệp vụ theo đơn vị")
    assert list(by_unit["Đơn vị"]) == ["Phường Phổ Hòa"]
    parts, _ = table(at, "Bồi dưỡng nghiệp vụ theo đối tượng")
    assert set(parts["Đơn vị"]) == {"Phường Phổ Hòa"} and len(parts) == 2


def test_year_switch(sample_env):
    at = run_page(PAGE, year=2022)
    at.sidebar.selectbox(key="nam").set_value(2023).run()
    assert not at.exception
    _, shown = table(at, SUMMARY.format(year=2023))
    assert figures(shown) == kpi_shown(2023)
    assert shown.loc[0, "Năm"] == "2023"


def test_current_boundary_sums_the_merged_units(sample_env):
    at = run_page(PAGE, year=2024, boundary="current", units=[DUC_PHO])
    summary, _ = table(at, SUMMARY.format(year=2024))
    old = indicators_by_unit(cursor(), "reported", predecessors(DUC_PHO), 2024, 2024)
    old = old[old["indicator"] == CODE]
    assert len(old) == 5 + 3  # the wards merged into it, the organisations under it
    assert (summary.loc[0, "Tử số"], summary.loc[0, "Mẫu số"]) == (old["numerator"].sum(), old["denominator"].sum())
    parts, _ = table(at, "Bồi dưỡng nghiệp vụ theo đối tượng")
    separate = training_split(cursor(), "reported", predecessors(DUC_PHO), 2024)
    separate = separate[~separate["is_total"]].groupby("part")[["trained", "members"]].sum()
    assert parts[["Được bồi dưỡng", "Tổng số"]].values.tolist() == separate.values.tolist()


def test_a_year_with_nobody_to_train_stops_politely(sample_env):
    con = duckdb.connect(str(published_file(sample_env)))
    con.execute("DELETE FROM cadres WHERE year = 2023")
    con.execute("UPDATE submissions SET committee_members = NULL, committee_trained = NULL WHERE year = 2023")
    refresh_all(con)  # changed behind the loader's back: the stored indicator facts follow
    con.close()
    at = run_page(PAGE, year=2023)
    assert [i.value for i in at.info] == [
        "Chưa có số liệu bồi dưỡng năm 2023 cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác."]
