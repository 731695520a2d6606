"""Bồi dưỡng nghiệp vụ (T7): the page on the sample data, and its named query."""

from __future__ import annotations

import pytest

from database.db import cursor
from queries.cadres import training_split
from queries.indicators import indicators_by_unit, indicators_by_year

CODE = "T7_training"


# The named query, called directly.

@pytest.mark.parametrize("boundary", ["reported", "current"])
def test_training_parts_sum_to_t7(sample_env, boundary):
    con = cursor()
    for year in range(2020, 2026):
        facts = indicators_by_unit(con, boundary, None, year, year)
        facts = facts[facts["indicator"] == CODE].set_index("display_id")
        split = training_split(con, boundary, None, year)
        per_unit = split[~split["is_total"]].groupby("display_id")[["trained", "members"]].sum()
        assert per_unit["trained"].to_dict() == facts["numerator"].to_dict()
        assert per_unit["members"].to_dict() == facts["denominator"].to_dict()
        total = indicators_by_year(con, boundary, None, year, year).set_index("indicator").loc[CODE]
        town = split[split["is_total"]]
        assert (town["trained"].sum(), town["members"].sum()) == (total["numerator"], total["denominator"])
        assert town["rate"].tolist() == pytest.approx((town["trained"] / town["members"]).tolist())


def test_training_split_of_a_year_without_data_is_empty(sample_env):
    assert training_split(cursor(), "current", None, 2019).empty
