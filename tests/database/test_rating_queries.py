"""Đánh giá, xếp loại (T1, T2): the page on the sample data, and its named queries."""

from __future__ import annotations

import pytest

from database.db import cursor
from queries.indicators import indicators_by_year
from queries.ratings import (
    RATING_LEVELS,
    cell_ratings,
    four_good_cells,
    member_ratings_by_year,
    org_ratings_by_year,
    org_ratings_list,
)

DUC_PHO = "21439-2025"


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
