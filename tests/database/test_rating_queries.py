"""Đánh giá, xếp loại (T1, T2): the page on the sample data, and its named queries."""

from __future__ import annotations

import pytest

from database.db import cursor
from database.units import load_units
from queries.indicators import indicators_by_unit, indicators_by_year
from queries.programme import programme
from queries.ratings import (
    RATED_CODES,
    RATING_LEVELS,
    cell_ratings,
    four_good_cells,
    member_ratings_by_year,
    org_ratings_by_year,
    org_ratings_list,
)
from queries.targets import indicator_trend, indicator_units
from tests.support.indicator_figures import counted_in, frame_figures, kpi_figures, written

DUC_PHO = "21439-2025"
PHO_HOA = "21469-2015"


# The named queries, called directly.

@pytest.mark.parametrize("boundary", ["reported", "current"])
def test_rating_counts_agree_with_t1_and_t2(sample_env, boundary):
    con = cursor()
    facts = indicators_by_year(con, boundary, None, 2020, 2025).set_index(["year", "indicator"])
    members = member_ratings_by_year(con, boundary, None, 2020, 2025)
    orgs = org_ratings_by_year(con, boundary, None, 2020, 2025)
    for year in range(2020, 2026):
        m = members[members["year"] == year].set_index("rating")["members"]
        o = orgs[orgs["year"] == year].set_index("rating")["organisations"]
        assert list(m.index) == list(o.index) == list(RATING_LEVELS)
        assert m["HTXSNV"] + m["HTTNV"] == facts.at[(year, "T2_member_rating"), "numerator"]
        assert m.drop("Chưa xếp loại").sum() == facts.at[(year, "T2_member_rating"), "denominator"]
        assert o["HTXSNV"] + o["HTTNV"] == facts.at[(year, "T1_org_rating"), "numerator"]
        assert o.drop("Chưa xếp loại").sum() == facts.at[(year, "T1_org_rating"), "denominator"]
        assert o.sum() == len(org_ratings_list(con, boundary, None, year))
    assert members.groupby("year")["share"].sum().round(9).eq(1).all()


def test_cell_queries_count_every_cell_once(sample_env):
    con = cursor()
    (cells,) = con.execute("SELECT count(*) FROM cells WHERE year = 2023").fetchone()
    (good,) = con.execute("SELECT count(*) FROM cells WHERE year = 2023 AND four_good").fetchone()
    for boundary in ("reported", "current"):
        ratings = cell_ratings(con, boundary, None, 2023)
        assert ratings[ratings["is_total"]]["cells"].sum() == ratings[~ratings["is_total"]]["cells"].sum() == cells
        four = four_good_cells(con, boundary, None, 2023)
        total = four[four["is_total"]].iloc[0]
        assert (total["four_good"], total["cells"]) == (good, cells)
        assert total["rate"] == pytest.approx(good / cells)
        assert four[~four["is_total"]][["four_good", "cells"]].sum().tolist() == [good, cells]


def test_queries_for_a_year_without_data_are_empty(sample_env):
    con = cursor()
    assert member_ratings_by_year(con, "reported", None, 2010, 2019).empty
    assert org_ratings_by_year(con, "reported", None, 2010, 2019).empty
    assert org_ratings_list(con, "reported", None, 2019).empty
    assert cell_ratings(con, "current", [DUC_PHO], 2019).empty
    assert four_good_cells(con, "current", [DUC_PHO], 2019).empty


# ---- the page's named queries on the samples: the KPI export, T1 and T2 against the counts, merged units ----

def test_2022_whole_town(sample_env):
    con = cursor()
    assert frame_figures(indicator_trend(con, "reported", None, 2022, 2022, RATED_CODES)) == kpi_figures(RATED_CODES, 2022)
    members = member_ratings_by_year(con, "reported", None, 2020, 2022)
    assert list(members["rating"].unique()) == list(RATING_LEVELS)
    assert sorted(members["year"].unique()) == list(range(2020, 2023))
    of_2022 = members[members["year"] == 2022].set_index("rating")["members"]
    t2 = indicators_by_year(con, "reported", None, 2022, 2022).set_index("indicator").loc["T2_member_rating"]
    assert of_2022["HTXSNV"] + of_2022["HTTNV"] == t2["numerator"]
    assert of_2022.drop("Chưa xếp loại").sum() == t2["denominator"]

    by_unit = indicator_units(con, "reported", None, 2022, 2022, ("T2_member_rating",))
    assert len(by_unit) == 21  # the whole town, 15 wards and communes, the town's 5 other organisations
    t2_written = kpi_figures(["T2_member_rating"], 2022)[programme().indicator("T2_member_rating").label]
    assert (by_unit.loc[0, "unit"], *written(*by_unit.loc[0, ["numerator", "denominator"]])) == (
        "Toàn thị xã", *t2_written)
    orgs = org_ratings_list(con, "reported", None, 2022)
    assert len(orgs) == 20 and orgs["organisation"].isna().all()
    cells = cell_ratings(con, "reported", None, 2022)
    four_good = four_good_cells(con, "reported", None, 2022)
    assert cells[cells["unit"] == "Toàn thị xã"]["cells"].sum() == four_good.loc[0, "cells"]


def test_one_unit(sample_env):
    con = cursor()
    assert frame_figures(indicator_trend(con, "reported", [PHO_HOA], 2022, 2022, RATED_CODES)) == kpi_figures(
        RATED_CODES, 2022, "21469")
    assert list(indicator_units(con, "reported", [PHO_HOA], 2022, 2022, ("T2_member_rating",))["unit"]) == [
        "Phường Phổ Hòa"]
    assert list(org_ratings_list(con, "reported", [PHO_HOA], 2022)["unit"]) == ["Phường Phổ Hòa"]


def test_2025_counts_the_party_cells(sample_env):
    con = cursor()
    assert frame_figures(indicator_trend(con, "reported", None, 2025, 2025, RATED_CODES)) == kpi_figures(RATED_CODES, 2025)
    orgs = org_ratings_list(con, "reported", None, 2025)
    # from 2025 the party cells under the five new units are the TCCSĐ T1 counts, with the town's 5 other
    # organisations, each one of them
    assert len(orgs) == 134 + 5
    assert orgs["organisation"].notna().all() and list(orgs["unit"])[0] == "Phường Đức Phổ"


def test_current_boundary_sums_the_merged_units(sample_env):
    con = cursor()
    summary = indicator_trend(con, "current", [DUC_PHO], 2024, 2024, RATED_CODES).set_index("indicator")
    old = indicators_by_unit(con, "reported", counted_in(DUC_PHO), 2024, 2024)
    summed = old.groupby("indicator")[["numerator", "denominator"]].sum()
    for code in RATED_CODES:
        assert tuple(summary.loc[code, ["numerator", "denominator"]]) == tuple(summed.loc[code])
    orgs = org_ratings_list(con, "current", [DUC_PHO], 2024)
    assert sorted(orgs["reporting_unit"]) == sorted(
        u.full_name for u in load_units() if u.unit_id in counted_in(DUC_PHO))
    assert set(orgs["unit"]) == {"Phường Đức Phổ"}
    four_good = four_good_cells(con, "current", [DUC_PHO], 2024)
    separate = four_good_cells(con, "reported", counted_in(DUC_PHO), 2024)
    separate = separate[~separate["is_total"]]
    assert len(separate) == 5 + 3  # five wards merged, three organisations under it
    assert four_good.loc[0, "four_good"] == separate["four_good"].sum()
    assert four_good.loc[0, "cells"] == separate["cells"].sum()
