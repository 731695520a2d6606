"""Trình độ cán bộ chi bộ (T4–T6): the page on the sample data, and its named queries."""

from __future__ import annotations

import pytest

from database.db import cursor
from queries.cadres import BASELINE_CODES, LADDERS, ROLE_CODES, cadre_levels
from queries.indicators import indicators_by_unit, indicators_by_year
from queries.kpi import kpi_table
from queries.targets import indicator_trend, indicator_units
from tests.support.indicator_figures import frame_figures, kpi_figures, merged_into, written

DUC_PHO = "21439-2025"


# The named queries, called directly.

@pytest.mark.parametrize("boundary", ["reported", "current"])
def test_level_distributions_agree_with_the_indicators(sample_env, boundary):
    con = cursor()
    for year in (2020, 2022, 2024, 2025):
        facts = indicators_by_year(con, boundary, None, year, year).set_index("indicator")
        levels = {ladder: cadre_levels(con, boundary, None, year, ladder) for ladder in LADDERS}
        town = {ladder: frame[frame["is_total"]].set_index("rank")["cadres"] for ladder, frame in levels.items()}
        assert town["education"][1] == facts.at["T4_thpt", "numerator"]
        assert town["political"][1:].sum() == facts.at["T4_so_cap_llct", "numerator"]
        assert town["political"][2:].sum() == facts.at["T6_trung_cap_llct", "numerator"]
        assert town["professional"][2:].sum() == facts.at["T5_trung_cap_chuyen_mon", "numerator"]
        for ladder, frame in levels.items():
            assert town[ladder].sum() == facts.at["T4_thpt", "denominator"]
            assert list(town[ladder].index) == list(range(len(LADDERS[ladder])))
            units = frame[~frame["is_total"]]
            assert units.groupby("rank")["cadres"].sum().tolist() == town[ladder].tolist()
            assert units.groupby("unit")["share"].sum().round(9).eq(1).all()


def test_indicator_units_match_indicators_by_unit(sample_env):
    con = cursor()
    frame = indicator_units(con, "current", None, 2022, 2024, BASELINE_CODES)
    plain = indicators_by_unit(con, "current", None, 2022, 2024)
    units = frame[~frame["is_total"]].set_index(["display_id", "year", "indicator"])
    plain = plain[plain["indicator"].isin(BASELINE_CODES)].set_index(["display_id", "year", "indicator"])
    assert len(units) == len(plain) == 5 * 3 * len(BASELINE_CODES)
    assert (units["numerator"] == plain.loc[units.index, "numerator"]).all()
    assert (units["denominator"] == plain.loc[units.index, "denominator"]).all()
    totals = frame[frame["is_total"]].set_index(["year", "indicator"])
    trend = indicator_trend(con, "current", None, 2022, 2024, BASELINE_CODES).set_index(["year", "indicator"])
    assert (totals["numerator"] == trend.loc[totals.index, "numerator"]).all()
    assert set(totals["unit"]) == {"Toàn thị xã"}
    assert list(frame["indicator"].drop_duplicates()) == list(BASELINE_CODES)


def test_units_in_official_order(sample_env):
    frame = indicator_units(cursor(), "reported", None, 2022, 2022, ("T4_thpt",))
    assert list(frame["unit"])[:4] == ["Toàn thị xã", "Phường Nguyễn Nghiêm", "Phường Phổ Văn", "Phường Phổ Quang"]
    assert list(frame["unit"])[-1] == "Xã Phổ Châu"


def test_queries_for_a_year_without_data_are_empty(sample_env):
    con = cursor()
    assert indicator_units(con, "reported", None, 2019, 2019, BASELINE_CODES).empty
    assert indicator_trend(con, "reported", None, 2019, 2019, BASELINE_CODES).empty
    for ladder in LADDERS:
        assert cadre_levels(con, "current", [DUC_PHO], 2019, ladder).empty


# ---- the page's named queries on the samples: the Đề án's baseline, the KPI export, merged units ----

# Footnote 1 of the Đề án: cadres of village / residential-group cells, 2022, the whole town.
BASELINE = {
    "Tốt nghiệp THPT": ("223", "329", "67,78%"),
    "Tốt nghiệp THPT — chi ủy viên": ("128", "165", "77,58%"),
    "Tốt nghiệp THPT — bí thư, phó bí thư": ("95", "164", "57,93%"),
    "Sơ cấp LLCT trở lên": ("274", "329", "83,28%"),
    "Trung cấp LLCT trở lên": ("62", "329", "18,84%"),
    "Trung cấp chuyên môn trở lên": ("154", "329", "46,81%"),
}
PHO_HOA = "21469-2015"


def test_2022_whole_town_is_the_de_an_baseline_and_the_kpi_export(sample_env):
    summary = indicator_trend(cursor(), "reported", None, 2022, 2022, BASELINE_CODES)
    figures = frame_figures(summary)
    for label, expected in BASELINE.items():
        assert figures[label] == expected
    assert figures == kpi_figures(BASELINE_CODES, 2022)
    thpt = summary.set_index("indicator").loc["T4_thpt"]
    assert thpt["rate"] == pytest.approx(223 / 329)
    # 2022 is the baseline year: no pace yet toward the 2025 level, and the verdict says so
    assert (thpt["target_text"], thpt["verdict"]) == ("100% (mức 2025)", "Năm gốc — chưa tính tiến độ")

    roles = indicator_units(cursor(), "reported", None, 2022, 2022, tuple(ROLE_CODES))
    town = roles[roles["unit"] == "Toàn thị xã"].set_index("indicator")
    assert written(*town.loc["T4_thpt_bi_thu_pho_bi_thu", ["numerator", "denominator"]]) == ("95", "164", "57,93%")
    assert written(*town.loc["T4_thpt_chi_uy_vien", ["numerator", "denominator"]]) == ("128", "165", "77,58%")

    by_unit = indicator_units(cursor(), "reported", None, 2022, 2022, ("T4_thpt",))
    assert len(by_unit) == 16  # the town, then its 15 units of 2022
    assert (by_unit.loc[0, "unit"], *written(*by_unit.loc[0, ["numerator", "denominator"]])) == (
        "Toàn thị xã", "223", "329", "67,78%")


def test_2022_middle_political_level_by_unit_and_over_the_years(sample_env):
    by_unit = indicator_units(cursor(), "reported", None, 2022, 2022, ("T6_trung_cap_llct",))
    assert (by_unit.loc[0, "unit"], *written(*by_unit.loc[0, ["numerator", "denominator"]]),
            by_unit.loc[0, "target_text"]) == ("Toàn thị xã", "62", "329", "18,84%", "≥ 25% (mức 2025)")
    trend = indicator_trend(cursor(), "reported", None, 2020, 2022, ("T6_trung_cap_llct",)).set_index("year")
    assert written(*trend.loc[2022, ["numerator", "denominator"]]) == ("62", "329", "18,84%")


def test_one_unit_and_another_year_are_the_kpi_export(sample_env):
    assert frame_figures(indicator_trend(cursor(), "reported", [PHO_HOA], 2022, 2022, BASELINE_CODES)) == kpi_figures(
        BASELINE_CODES, 2022, "21469")
    by_unit = indicator_units(cursor(), "reported", [PHO_HOA], 2022, 2022, ("T4_thpt",))
    assert list(by_unit["unit"]) == ["Phường Phổ Hòa"]  # no town row beside a single unit
    of_2024 = indicator_trend(cursor(), "reported", None, 2024, 2024, BASELINE_CODES)
    assert frame_figures(of_2024) == kpi_figures(BASELINE_CODES, 2024)
    assert set(of_2024["year"]) == {2024}


def test_current_boundary_sums_the_merged_units(sample_env):
    summary = indicator_trend(cursor(), "current", [DUC_PHO], 2024, 2024, BASELINE_CODES).set_index("indicator")
    old = indicators_by_unit(cursor(), "reported", merged_into(DUC_PHO), 2024, 2024)
    assert old["display_id"].nunique() == 5
    summed = old.groupby("indicator")[["numerator", "denominator"]].sum()
    for code in BASELINE_CODES:
        assert tuple(summary.loc[code, ["numerator", "denominator"]]) == tuple(summed.loc[code])
    levels = cadre_levels(cursor(), "current", [DUC_PHO], 2024, "education")
    assert list(levels["unit"].unique()) == ["Phường Đức Phổ"]
    assert levels["cadres"].sum() == summed.loc["T4_thpt", "denominator"]


# ---- before the Đề án's baseline year (2022, footnote 1): a figure, no pace --------------------------

BEFORE = "Trước năm gốc 2022 — chưa tính tiến độ"


def test_no_pace_verdict_before_the_baseline_year_and_pace_from_it(sample_env):
    # QA: Phổ Hòa's 2020 "Năm gốc", 2021 "Chậm tiến độ" measured from 2020, 2022 "Năm gốc" again
    trend = indicator_trend(cursor(), "reported", [PHO_HOA], 2020, 2023, ("T4_thpt",))
    assert list(zip(trend["year"], trend["status"], trend["verdict"], strict=True)) == [
        (2020, "no_pace", BEFORE), (2021, "no_pace", BEFORE), (2022, "no_pace", "Năm gốc — chưa tính tiến độ"),
        (2023, "met", "Đạt (mức 2025)")]
    # QA: the whole town in 2021, Xã Phổ Khánh at 55,56% was "Đúng tiến độ" (a pace from 2020)
    units = indicator_units(cursor(), "reported", None, 2021, 2021, ("T4_thpt",)).set_index("unit")
    assert written(*units.loc["Xã Phổ Khánh", ["numerator", "denominator"]])[2] == "55,56%"
    assert set(units["status"]) <= {"no_pace", "met"} and (units["status"] == "no_pace").any()
    assert set(units.loc[units["status"] == "no_pace", "verdict"]) == {BEFORE}


@pytest.mark.parametrize(("year", "unit"), [(2020, "21469"), (2021, "21475"), (2021, None), (2022, None)])
def test_the_kpi_export_gives_the_page_s_verdict_beside_a_real_figure(sample_env, year, unit):
    # QA: `python -m etl kpi --year 2020 --unit 21469` gave T4_thpt 19/25 "no_data"
    kpi = kpi_table(cursor(), year=year, unit=unit).set_index("indicator")
    units = [f"{unit}-2015"] if unit else None
    page = indicator_trend(cursor(), "reported", units, year, year, BASELINE_CODES).set_index("indicator")
    for code in BASELINE_CODES:
        assert kpi.at[code, "status"] == page.at[code, "status"], code
        assert kpi.at[code, "status"] != "no_data" and kpi.at[code, "denominator"] > 0, code
    if year < 2022:
        assert set(page["verdict"]) <= {BEFORE, "Đạt (mức 2025)"}
    if (year, unit) == (2020, "21469"):
        assert tuple(kpi.loc["T4_thpt", ["numerator", "denominator", "status"]]) == (19, 25, "no_pace")
