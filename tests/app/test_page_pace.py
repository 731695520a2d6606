"""Tiến độ đến mục tiêu: the pace of T4_thpt on the sample data from the Đề án's 2022 baseline
(223/329), computed by hand from the KPI export, and the page in AppTest."""

from __future__ import annotations

import math

import pytest

from core.numbers import vi_number
from database.db import cursor
from queries.indicators import indicators_by_unit
from queries.kpi import kpi_table
from queries.progress import (
    SERIES_OBSERVED,
    SERIES_PROJECTED,
    SERIES_TARGET,
    pace_by_indicator,
    pace_by_unit,
    pace_codes,
    pace_path,
)
from tests.support.apptest_pages import table, texts
from tests.support.page_support import run_page

PAGE = "pages/pace.py"


def kpi(year: int, code: str = "T4_thpt") -> tuple[int, int]:
    row = kpi_table(cursor(), year=year).set_index("indicator").loc[code]
    return int(row["numerator"]), int(row["denominator"])


@pytest.mark.parametrize("latest", [2024, 2025])
def test_t4_thpt_pace_from_the_2022_baseline_equals_the_kpi_figures(sample_env, latest):
    assert kpi(2022) == (223, 329)  # footnote 1 of the Đề án
    numerator, denominator = kpi(latest)
    rate = numerator / denominator
    observed = (rate - 223 / 329) / (latest - 2022)  # by hand, from the KPI export

    row = pace_by_indicator(cursor(), "reported", None, latest).set_index("indicator").loc["T4_thpt"]
    assert (row["base_year"], row["base_numerator"], row["base_denominator"]) == (2022, 223, 329)
    assert (row["latest_year"], row["latest_numerator"], row["latest_denominator"]) == (latest, numerator, denominator)
    assert row["observed_per_year"] == pytest.approx(observed)
    assert row["observed_points"] == pytest.approx(observed * 100)
    assert row["needed_2030"] == pytest.approx((1 - rate) / (2030 - latest))
    assert row["reach_2030"] == str(latest + math.ceil((1 - rate) / observed))
    if latest == 2024:
        assert row["needed_2025"] == pytest.approx(1 - rate)
        assert row["status_2025"] == "Chậm tiến độ (mức 2025)"  # 100% would come in 2028
        assert row["verdict"] == "Chậm tiến độ (mức 2025)"  # the cards' verdict: the same judgement
    else:
        assert math.isnan(row["needed_2025"])  # the deadline has come
        assert row["status_2025"] == "Chưa đạt (mức 2025)"
        assert row["status_2030"] == "Đúng tiến độ (mức 2030)"  # 100% in 2029 at this pace


def test_the_sample_figures_by_hand(sample_env):
    # 2022: 223/329, 2024: 259/329 → +36/329 in two years; 70/329 short of 100%
    assert kpi(2024) == (259, 329)
    row = pace_by_indicator(cursor(), "reported", None, 2024).set_index("indicator").loc["T4_thpt"]
    assert row["observed_per_year"] == pytest.approx(36 / 329 / 2)
    assert row["needed_2025"] == pytest.approx(70 / 329)
    assert row["reach_2025"] == "2028"  # 70 / 18 = 3.9 → 4 years after 2024


def test_every_level_indicator_and_the_path(sample_env):
    con = cursor()
    frame = pace_by_indicator(con, "reported", None, 2025)
    assert tuple(frame["indicator"]) == pace_codes()
    path = pace_path(con, "reported", None, 2025, "T4_thpt")
    observed = path[path["series"] == SERIES_OBSERVED]
    assert list(observed["year"]) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert tuple(observed.loc[observed["year"] == 2022, ["numerator", "denominator"]].iloc[0]) == (223, 329)
    assert list(path.loc[path["series"] == SERIES_PROJECTED, "year"]) == [2026, 2027, 2028, 2029, 2030]
    assert list(path.loc[path["series"] == SERIES_TARGET, "note"]) == ["Mục tiêu 2025: 100%", "Mục tiêu 2030: 100%"]
    assert pace_path(con, "reported", ["21469-2015"], 2019, "T4_thpt").empty


def test_per_unit_pace_uses_each_units_own_series(sample_env):
    con = cursor()
    rows = pace_by_unit(con, "current", None, 2025, ("T6_trung_cap_llct",))
    assert len(rows) == 5
    series = indicators_by_unit(con, "current", None, 2015, 2025).set_index(["display_id", "indicator", "year"])
    series = series.sort_index()
    for row in rows.to_dict("records"):
        assert (row["base_year"], row["latest_year"]) == (2022, 2025)  # the baseline, and the latest year
        own = series.loc[(row["display_id"], "T6_trung_cap_llct")]
        by_hand = (own.at[2025, "rate"] - own.at[2022, "rate"]) / 3
        assert row["observed_per_year"] == pytest.approx(by_hand)


def test_page_shows_the_pace_and_how_it_is_computed(sample_env):
    at = run_page(PAGE, year=2024)
    assert "Cách tính: tốc độ đã đạt" in texts(at)
    _, shown = table(at, "Tiến độ các chỉ tiêu")
    row = shown.set_index("Chỉ tiêu").loc["Tốt nghiệp THPT"]
    assert (row["Năm gốc"], row["Tử số năm gốc"], row["Mẫu số năm gốc"], row["Tỷ lệ năm gốc"]) == (
        "2022", "223", "329", "67,78%")
    assert (row["Năm gần nhất"], row["Tử số năm gần nhất"], row["Tỷ lệ năm gần nhất"]) == ("2024", "259", "78,72%")
    assert row["Tốc độ đã đạt (điểm %/năm)"] == vi_number(36 / 329 / 2 * 100, 2) == "5,47"
    assert row["Năm đạt mức 2025 theo tốc độ hiện nay"] == "2028"
    assert row["Đánh giá 2025"] == "Chậm tiến độ (mức 2025)"
    ratings = shown.set_index("Chỉ tiêu").loc["TCCSĐ hoàn thành tốt nhiệm vụ trở lên"]
    assert ratings["Năm đạt mức 2025 theo tốc độ hiện nay"] == "—"  # every year: no arrival year
    assert ratings["Đánh giá 2025"].startswith("đạt ") and "/5 năm" in ratings["Đánh giá 2025"]

    at.multiselect(key="tien_do_chi_tieu").set_value(["T4_thpt"]).run()
    assert not at.exception
    path, _ = table(at, "Tiến độ Tốt nghiệp THPT")
    assert list(path.loc[path["Đường"] == SERIES_OBSERVED, "Năm"]) == [2020, 2021, 2022, 2023, 2024]
    _, by_unit = table(at, "Tiến độ Tốt nghiệp THPT theo đơn vị")
    assert len(by_unit) == 15
    assert "Năm gốc 2022: **67,78%** (223/329)" in texts(at)

    at.multiselect(key="tien_do_chi_tieu").set_value([]).run()
    assert "Chọn ít nhất một chỉ tiêu để xem biểu đồ tiến độ." in [i.value for i in at.info]


def test_one_year_of_data_has_no_pace(sample_env):
    at = run_page(PAGE, year=2020, units=["21469-2015"])
    _, shown = table(at, "Tiến độ các chỉ tiêu")
    assert set(shown["Tốc độ đã đạt (điểm %/năm)"]) == {"—"}
    assert "chưa tính được tốc độ" in texts(at)


def test_a_unit_without_figures_up_to_the_year_stops_politely(sample_env):
    at = run_page(PAGE, year=2020, units=["21439-2025"])  # Phường Đức Phổ reports from 2025
    assert [i.value for i in at.info] == [
        "Chưa có số liệu đến năm 2020 cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác."]
