"""Trình độ cán bộ chi bộ (T4–T6): the page on the sample data, and its named queries."""

from __future__ import annotations

import pytest

from database.db import cursor
from queries.cadres import BASELINE_CODES, LADDERS, cadre_levels
from queries.indicators import indicators_by_unit, indicators_by_year
from queries.targets import indicator_trend, indicator_units

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
