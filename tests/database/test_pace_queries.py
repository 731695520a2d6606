"""Tiến độ đến mục tiêu: the pace of T4_thpt on the sample data from the Đề án's 2022 baseline
(223/329), computed by hand from the KPI export, and the page in AppTest."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core.numbers import vi_number
from database.db import cursor
from queries.indicators import indicators_by_unit
from queries.kpi import kpi_table
from queries.progress import (
    NOT_YET,
    SERIES_OBSERVED,
    SERIES_PROJECTED,
    SERIES_TARGET,
    pace_by_indicator,
    pace_by_unit,
    pace_codes,
    pace_path,
)
from queries.rate_text import rate_text
from queries.scope import restricted_to
from queries.targets import selection_series, year_figures


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


def test_the_pace_table_of_2024_as_the_page_writes_it(sample_env):
    rows = pace_by_indicator(cursor(), "reported", None, 2024).set_index("label")
    row = rows.loc["Tốt nghiệp THPT"]
    assert (row["base_year"], vi_number(row["base_numerator"]), vi_number(row["base_denominator"]),
            rate_text(row["base_rate"])) == (2022, "223", "329", "67,78%")
    assert (row["latest_year"], vi_number(row["latest_numerator"]), rate_text(row["latest_rate"])) == (
        2024, "259", "78,72%")
    assert vi_number(row["observed_points"], 2) == vi_number(36 / 329 / 2 * 100, 2) == "5,47"
    assert row["reach_2025"] == "2028"
    assert row["status_2025"] == "Chậm tiến độ (mức 2025)"
    ratings = rows.loc["TCCSĐ hoàn thành tốt nhiệm vụ trở lên"]
    assert ratings["reach_2025"] == "—"  # every year: no arrival year
    assert ratings["status_2025"].startswith("đạt ") and "/5 năm" in ratings["status_2025"]
    path = pace_path(cursor(), "reported", None, 2024, "T4_thpt")
    assert list(path.loc[path["series"] == SERIES_OBSERVED, "year"]) == [2020, 2021, 2022, 2023, 2024]
    assert len(pace_by_unit(cursor(), "reported", None, 2024, ("T4_thpt",))) == 15


def test_2025_is_in_both_periods_of_t3_and_in_the_first_only_of_t1(sample_env):
    # the Đề án: T3 «hằng năm trong giai đoạn 2020-2025» and «… trong giai đoạn 2025-2030»; T1 «Đến năm 2030: Hằng năm …»
    rows = pace_by_indicator(cursor(), "reported", None, 2025).set_index("indicator")
    assert (rows.at["T3_admission_rate", "status_2025"], rows.at["T3_admission_rate", "status_2030"]) == (
        "đạt 5/6 năm (chưa đạt: 2021)", "đạt 1/1 năm")
    assert rows.at["T1_org_rating", "status_2030"] == NOT_YET
    units = pace_by_unit(cursor(), "current", None, 2025, ("T3_admission_rate",)).set_index("display_id")
    assert len(units) == 5
    for unit, status in units["status_2030"].items():  # each unit's 2025 alone, its verdict the KPI export's
        verdict = kpi_table(cursor(), 2025, unit, "current").set_index("indicator").at["T3_admission_rate", "status"]
        assert status == ("đạt 1/1 năm" if verdict in ("met", "exceeded") else "đạt 0/1 năm (chưa đạt: 2025)"), unit


def test_one_year_of_data_has_no_pace(sample_env):
    rows = pace_by_indicator(cursor(), "reported", ["21469-2015"], 2020)
    assert len(rows) > 0 and rows["observed_points"].isna().all()
    assert pace_by_indicator(cursor(), "reported", ["21439-2025"], 2020).empty  # Phường Đức Phổ reports from 2025


@pytest.mark.parametrize(("boundary", "year", "allowed"), [("reported", 2024, None), ("current", 2025, None),
                                                           ("reported", 2025, ("21469-2015", "21457-2015"))])
def test_the_series_read_once_gives_what_each_reads_for_itself(sample_env, boundary, year, allowed):
    """The meeting's data reads the selection's series of every indicator once (queries.report_data): the pace,
    its paths and the year's figures taken from it equal those each reads for its own indicators."""
    with restricted_to(allowed):
        series = selection_series(cursor(), boundary, None, year)
        pd.testing.assert_frame_equal(pace_by_indicator(cursor(), boundary, None, year, series=series),
                                      pace_by_indicator(cursor(), boundary, None, year))
        pd.testing.assert_frame_equal(year_figures(cursor(), boundary, None, year, series=series),
                                      year_figures(cursor(), boundary, None, year))
        for code in pace_codes():
            pd.testing.assert_frame_equal(pace_path(cursor(), boundary, None, year, code, series),
                                          pace_path(cursor(), boundary, None, year, code))


def test_before_the_baseline_year_there_is_no_pace_and_no_arrival_year(sample_env):
    # 2021: a pace from 2020 is no pace of the Đề án, whose figures are those of 2022 (footnote 1)
    before = "Trước năm gốc 2022 — chưa tính tiến độ"
    row = pace_by_indicator(cursor(), "reported", None, 2021).set_index("indicator").loc["T4_thpt"]
    assert pd.isna(row["base_year"]) and math.isnan(row["observed_per_year"])
    assert (row["latest_year"], row["latest_numerator"], row["latest_denominator"]) == (2021, *kpi(2021))
    assert (row["verdict"], row["status_2025"], row["status_2030"]) == (before, before, before)
    assert (row["reach_2025"], row["reach_2030"]) == ("—", "—")  # not "không đạt": there is no pace
    path = pace_path(cursor(), "reported", None, 2021, "T4_thpt")
    assert set(path["series"]) == {SERIES_OBSERVED, SERIES_TARGET} and "năm gốc" not in set(path["note"])
    units = pace_by_unit(cursor(), "reported", None, 2021, ("T4_thpt",))
    assert units["base_year"].isna().all() and set(units["status_2025"]) <= {before, "Đạt (mức 2025)"}
    # from the baseline year on, every pace is measured from it
    later = pace_by_unit(cursor(), "reported", None, 2023, ("T4_thpt",))
    assert set(later["base_year"]) == {2022}
