"""Đánh giá, xếp loại (T1, T2): the page on the sample data, and its named queries."""

from __future__ import annotations

import duckdb

from core.numbers import vi_number, vi_percent
from database.db import cursor
from database.facts import refresh_all
from database.store import published_file
from database.units import load_units
from queries.indicators import indicators_by_unit, indicators_by_year
from queries.kpi import kpi_table
from queries.programme import programme
from queries.ratings import (
    RATING_LEVELS,
    four_good_cells,
)
from tests.support.apptest_pages import run_page, table, texts

PAGE = "pages/ratings.py"
SUMMARY = "Chỉ tiêu xếp loại"
RATED = ("T1_org_rating", "T2_member_rating")
DUC_PHO = "21439-2025"
PHO_HOA = "21469-2015"


def shown_figures(shown) -> dict[str, tuple[str, str, str]]:
    return {row["Chỉ tiêu"]: (row["Tử số"], row["Mẫu số"], row["Tỷ lệ"]) for _, row in shown.iterrows()}


def expected_from_kpi(year: int, unit: str | None = None) -> dict[str, tuple[str, str, str]]:
    kpi = kpi_table(cursor(), year=year, unit=unit).set_index("indicator")
    return {programme().indicator(code).label: (vi_number(kpi.at[code, "numerator"]), vi_number(kpi.at[code, "denominator"]),
                                  vi_percent(kpi.at[code, "numerator"] / kpi.at[code, "denominator"]))
            for code in RATED}


def predecessors(unit_id: str) -> list[str]:
    """The units counted in `unit_id` under the boundary `current`: merged into it, or sitting under it."""
    return [u.unit_id for u in load_units() if u.current_id == unit_id and u.unit_id != unit_id]


def test_2022_whole_town(sample_env):
    at = run_page(PAGE, year=2022)
    _, shown = table(at, SUMMARY)
    assert shown_figures(shown) == expected_from_kpi(2022)

    members, members_shown = table(at, "Cơ cấu xếp loại đảng viên")
    assert list(members["Xếp loại"].unique()) == list(RATING_LEVELS)
    assert sorted(members["Năm"].unique()) == list(range(2020, 2023))
    of_2022 = members[members["Năm"] == 2022].set_index("Xếp loại")["Số đảng viên"]
    t2 = indicators_by_year(cursor(), "reported", None, 2022, 2022).set_index("indicator").loc["T2_member_rating"]
    assert of_2022["HTXSNV"] + of_2022["HTTNV"] == t2["numerator"]
    assert of_2022.drop("Chưa xếp loại").sum() == t2["denominator"]
    assert members_shown["Số đảng viên"].str.fullmatch(r"\d{1,3}(\.\d{3})*").all()  # 1.812, not 1812 or 1,812

    _, by_unit = table(at, "Đảng viên HTTNV trở lên theo đơn vị")
    assert len(by_unit) == 21  # the whole town, 15 wards and communes, the town's 5 other organisations
    t2_shown = expected_from_kpi(2022)[programme().indicator("T2_member_rating").label]
    assert tuple(by_unit.loc[0, ["Đơn vị", "Tử số", "Mẫu số", "Tỷ lệ"]]) == ("Toàn thị xã", *t2_shown)
    orgs, _ = table(at, "Xếp loại từng TCCSĐ năm 2022")
    assert len(orgs) == 20 and "Đơn vị báo cáo" not in orgs.columns
    cells, _ = table(at, "Xếp loại chi bộ")
    four_good, _ = table(at, "Chi bộ bốn tốt")
    assert cells[cells["Đơn vị"] == "Toàn thị xã"]["Số chi bộ"].sum() == four_good.loc[0, "Tổng số chi bộ"]


def test_one_unit(sample_env):
    at = run_page(PAGE, year=2022, units=[PHO_HOA])
    _, shown = table(at, SUMMARY)
    assert shown_figures(shown) == expected_from_kpi(2022, "21469")
    _, by_unit = table(at, "Đảng viên HTTNV trở lên theo đơn vị")
    assert list(by_unit["Đơn vị"]) == ["Phường Phổ Hòa"]
    orgs, _ = table(at, "Xếp loại từng TCCSĐ năm 2022")
    assert list(orgs["Đơn vị"]) == ["Phường Phổ Hòa"]


def test_year_switch(sample_env):
    at = run_page(PAGE, year=2022)
    at.sidebar.selectbox(key="nam").set_value(2025).run()
    assert not at.exception
    _, shown = table(at, SUMMARY)
    assert shown_figures(shown) == expected_from_kpi(2025)
    orgs, _ = table(at, "Xếp loại từng TCCSĐ năm 2025")
    # from 2025 the party cells under the five new units are the TCCSĐ T1 counts, with the town's 5 other
    # organisations, each one of them
    assert len(orgs) == 134 + 5
    assert orgs["Chi bộ"].notna().all() and list(orgs["Đơn vị"])[0] == "Phường Đức Phổ"
    assert "Từ 2025: tính theo chi bộ cơ sở" in texts(at)


def test_current_boundary_sums_the_merged_units(sample_env):
    at = run_page(PAGE, year=2024, boundary="current", units=[DUC_PHO])
    summary, _ = table(at, SUMMARY)
    old = indicators_by_unit(cursor(), "reported", predecessors(DUC_PHO), 2024, 2024)
    summed = old.groupby("indicator")[["numerator", "denominator"]].sum()
    for code in RATED:
        row = summary.set_index("Chỉ tiêu").loc[programme().indicator(code).label]
        assert (row["Tử số"], row["Mẫu số"]) == tuple(summed.loc[code])
    orgs, _ = table(at, "Xếp loại từng TCCSĐ năm 2024")
    assert sorted(orgs["Đơn vị báo cáo"]) == sorted(
        u.full_name for u in load_units() if u.unit_id in predecessors(DUC_PHO))
    assert set(orgs["Đơn vị"]) == {"Phường Đức Phổ"}
    four_good, _ = table(at, "Chi bộ bốn tốt")
    separate = four_good_cells(cursor(), "reported", predecessors(DUC_PHO), 2024)
    separate = separate[~separate["is_total"]]
    assert len(separate) == 5 + 3  # five wards merged, three organisations under it
    assert four_good.loc[0, "Chi bộ bốn tốt"] == separate["four_good"].sum()
    assert four_good.loc[0, "Tổng số chi bộ"] == separate["cells"].sum()


def test_a_year_without_member_figures_is_no_traceback(sample_env):
    con = duckdb.connect(str(published_file(sample_env)))
    con.execute("DELETE FROM member_figures")
    con.execute("DELETE FROM cells WHERE year = 2024")
    refresh_all(con)  # changed behind the loader's back: the stored indicator facts follow
    con.close()
    at = run_page(PAGE, year=2024)
    infos = [i.value for i in at.info]
    assert "Chưa có số liệu xếp loại đảng viên đến năm 2024 cho các đơn vị đã chọn." in infos
    assert "Chưa có số liệu chi bộ năm 2024." in infos
