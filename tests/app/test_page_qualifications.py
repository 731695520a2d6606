"""Trình độ cán bộ chi bộ (T4–T6): the page on the sample data, and its named queries."""

from __future__ import annotations

import duckdb
import pytest

from core.numbers import vi_number, vi_percent
from database.db import cursor
from database.facts import refresh_all
from database.store import published_file
from database.units import load_units
from queries.cadres import BASELINE_CODES
from queries.indicators import indicators_by_unit
from queries.kpi import kpi_table
from queries.programme import programme
from tests.support.apptest_pages import run_page, table, texts
from ui.blocks import export_frame
from ui.exports import csv_bytes

PAGE = "pages/qualifications.py"
SUMMARY = "Trình độ cán bộ chi bộ"
DUC_PHO = "21439-2025"
PHO_HOA = "21469-2015"

# Footnote 1 of the Đề án: cadres of village / residential-group cells, 2022, the whole town.
BASELINE = {
    "Tốt nghiệp THPT": ("223", "329", "67,78%"),
    "Tốt nghiệp THPT — chi ủy viên": ("128", "165", "77,58%"),
    "Tốt nghiệp THPT — bí thư, phó bí thư": ("95", "164", "57,93%"),
    "Sơ cấp LLCT trở lên": ("274", "329", "83,28%"),
    "Trung cấp LLCT trở lên": ("62", "329", "18,84%"),
    "Trung cấp chuyên môn trở lên": ("154", "329", "46,81%"),
}


def shown_figures(shown, key: str = "Chỉ tiêu") -> dict[str, tuple[str, str, str]]:
    return {row[key]: (row["Tử số"], row["Mẫu số"], row["Tỷ lệ"]) for _, row in shown.iterrows()}


def expected_from_kpi(year: int, unit: str | None = None) -> dict[str, tuple[str, str, str]]:
    """What `python -m etl kpi` says, as the page must write it."""
    kpi = kpi_table(cursor(), year=year, unit=unit).set_index("indicator")
    return {programme().indicator(code).label: (vi_number(kpi.at[code, "numerator"]), vi_number(kpi.at[code, "denominator"]),
                                  vi_percent(kpi.at[code, "numerator"] / kpi.at[code, "denominator"]))
            for code in BASELINE_CODES}


def predecessors(unit_id: str) -> list[str]:
    return [u.unit_id for u in load_units() if u.successor_id == unit_id and u.unit_id != unit_id]


def test_2022_whole_town_shows_the_de_an_baseline(sample_env):
    at = run_page(PAGE, year=2022)
    figures, shown = table(at, SUMMARY)
    on_screen = shown_figures(shown)
    for label, expected in BASELINE.items():
        assert on_screen[label] == expected
    assert on_screen == expected_from_kpi(2022)  # the page and `python -m etl kpi` agree
    assert figures.set_index("Chỉ tiêu").at["Tốt nghiệp THPT", "Tỷ lệ"] == pytest.approx(223 / 329)
    csv = csv_bytes(export_frame(figures)).decode("utf-8-sig").splitlines()  # what "Tải CSV" gives
    assert csv[0] == "Chỉ tiêu,Đối tượng,Năm,Tử số,Mẫu số,Tỷ lệ (%),Mục tiêu,Đánh giá,Ghi chú"
    # 2022 is the baseline year: no pace yet toward the 2025 level, and the verdict says so
    assert csv[1] == ('Tốt nghiệp THPT,"cán bộ chi bộ thôn, tổ dân phố",2022,223,329,67.78,100% (mức 2025),'
                      'Năm gốc — chưa tính tiến độ,')
    assert "số liệu nền của Đề án" in texts(at)

    _, roles = table(at, "Tốt nghiệp THPT theo chức vụ")
    town = roles[roles["Đơn vị"] == "Toàn thị xã"].set_index("Chức vụ")
    assert tuple(town.loc["Bí thư, phó bí thư", ["Tốt nghiệp THPT", "Tổng số", "Tỷ lệ"]]) == ("95", "164", "57,93%")
    assert tuple(town.loc["Chi ủy viên", ["Tốt nghiệp THPT", "Tổng số", "Tỷ lệ"]]) == ("128", "165", "77,58%")

    _, by_unit = table(at, "Tốt nghiệp THPT theo đơn vị")
    assert len(by_unit) == 16  # the town, then its 15 units of 2022
    assert tuple(by_unit.loc[0, ["Đơn vị", "Tử số", "Mẫu số", "Tỷ lệ"]]) == ("Toàn thị xã", "223", "329", "67,78%")


def test_the_indicator_picked_drives_units_and_trend(sample_env):
    at = run_page(PAGE, year=2022)
    at.radio(key="trinh_do_chi_tieu").set_value("T6_trung_cap_llct").run()
    assert not at.exception
    _, by_unit = table(at, "Trung cấp LLCT trở lên theo đơn vị")
    assert tuple(by_unit.loc[0, ["Đơn vị", "Tử số", "Mẫu số", "Tỷ lệ", "Mục tiêu"]]) == (
        "Toàn thị xã", "62", "329", "18,84%", "≥ 25% (mức 2025)")
    _, trend = table(at, "Trung cấp LLCT trở lên qua các năm")
    assert tuple(trend.set_index("Năm").loc["2022", ["Tử số", "Mẫu số", "Tỷ lệ"]]) == ("62", "329", "18,84%")


def test_one_unit(sample_env):
    at = run_page(PAGE, year=2022, units=[PHO_HOA])
    _, shown = table(at, SUMMARY)
    assert shown_figures(shown) == expected_from_kpi(2022, "21469")
    _, by_unit = table(at, "Tốt nghiệp THPT theo đơn vị")
    assert list(by_unit["Đơn vị"]) == ["Phường Phổ Hòa"]  # no town row beside a single unit
    assert "Phường Phổ Hòa" in texts(at)


def test_year_switch(sample_env):
    at = run_page(PAGE, year=2022)
    at.sidebar.selectbox(key="nam").set_value(2024).run()
    assert not at.exception
    _, shown = table(at, SUMMARY)
    assert shown_figures(shown) == expected_from_kpi(2024)
    assert set(shown["Năm"]) == {"2024"}
    assert "số liệu nền của Đề án" not in texts(at)


def test_current_boundary_sums_the_merged_units(sample_env):
    at = run_page(PAGE, year=2024, boundary="current", units=[DUC_PHO])
    figures, _ = table(at, SUMMARY)
    old = indicators_by_unit(cursor(), "reported", predecessors(DUC_PHO), 2024, 2024)
    assert old["display_id"].nunique() == 5
    summed = old.groupby("indicator")[["numerator", "denominator"]].sum()
    for code in BASELINE_CODES:
        row = figures.set_index("Chỉ tiêu").loc[programme().indicator(code).label]
        assert (row["Tử số"], row["Mẫu số"]) == tuple(summed.loc[code])
    levels, _ = table(at, "Học vấn của cán bộ chi bộ")
    assert list(levels["Đơn vị"].unique()) == ["Phường Đức Phổ"]
    assert levels["Số cán bộ"].sum() == summed.loc["T4_thpt", "denominator"]


def test_a_year_without_cell_cadres_stops_politely(sample_env):
    con = duckdb.connect(str(published_file(sample_env)))
    con.execute("DELETE FROM cadres WHERE year = 2024")
    refresh_all(con)  # changed behind the loader's back: the stored indicator facts follow
    con.close()
    at = run_page(PAGE, year=2024)
    assert [i.value for i in at.info] == [
        "Chưa có số liệu cán bộ chi bộ năm 2024 cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác."]
