"""Bồi dưỡng nghiệp vụ (T7): the page on the sample data, and its named query."""

from __future__ import annotations

import pytest

from database.db import cursor
from queries.cadres import TRAINING_PARTS, training_split
from queries.indicators import indicators_by_unit, indicators_by_year
from queries.kpi import kpi_table
from queries.programme import programme
from queries.targets import indicator_trend, indicator_units
from tests.support.indicator_figures import counted_in, kpi_figures, written

CODE = "T7_training"
DUC_PHO = "21439-2025"
PHO_HOA = "21469-2015"


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


# ---- the page's named queries on the samples: the KPI export, the parts trained, merged units ----

def _written(frame, row: int = 0) -> tuple[str, str, str]:
    return written(*frame.loc[row, ["numerator", "denominator"]])


def test_2022_whole_town(sample_env):
    con = cursor()
    t7 = kpi_figures([CODE], 2022)[programme().indicator(CODE).label]
    assert _written(indicator_trend(con, "reported", None, 2022, 2022, (CODE,))) == t7
    parts = training_split(con, "reported", None, 2022)
    parts = parts[parts["is_total"]]
    kpi = kpi_table(con, year=2022).set_index("indicator").loc[CODE]
    assert list(parts["group"]) == list(TRAINING_PARTS.values())
    assert parts["trained"].sum() == kpi["numerator"]
    assert parts["members"].sum() == kpi["denominator"]
    # the cell cadres counted are those of T4: 329 in 2022
    assert parts.set_index("group").at["Cán bộ chi bộ thôn, tổ dân phố", "members"] == 329

    # T7 counts the grassroots committee members of the town's other organisations too (Đề án: «đối với tất
    # cả đội ngũ cấp ủy viên cơ sở, chi ủy viên, bí thư, phó bí thư chi bộ thôn, tổ dân phố»)
    by_unit = indicator_units(con, "reported", None, 2022, 2022, (CODE,))
    assert len(by_unit) == 1 + 15 + 5 and by_unit.loc[0, "unit"] == "Toàn thị xã"
    assert _written(by_unit) == t7
    trend = indicator_trend(con, "reported", None, 2020, 2022, (CODE,))
    assert list(trend["year"]) == [2020, 2021, 2022]
    assert _written(trend, 2) == t7
    assert len(indicator_units(con, "reported", None, 2020, 2022, (CODE,))) == 3 * 21


def test_one_unit_and_another_year(sample_env):
    con = cursor()
    assert _written(indicator_trend(con, "reported", [PHO_HOA], 2022, 2022, (CODE,))) == kpi_figures(
        [CODE], 2022, "21469")[programme().indicator(CODE).label]
    assert list(indicator_units(con, "reported", [PHO_HOA], 2022, 2022, (CODE,))["unit"]) == ["Phường Phổ Hòa"]
    parts = training_split(con, "reported", [PHO_HOA], 2022)
    assert set(parts["unit"]) == {"Phường Phổ Hòa"} and len(parts) == 2
    of_2023 = indicator_trend(con, "reported", None, 2023, 2023, (CODE,))
    assert _written(of_2023) == kpi_figures([CODE], 2023)[programme().indicator(CODE).label]
    assert of_2023.loc[0, "year"] == 2023


def test_current_boundary_sums_the_merged_units(sample_env):
    con = cursor()
    summary = indicator_trend(con, "current", [DUC_PHO], 2024, 2024, (CODE,))
    old = indicators_by_unit(con, "reported", counted_in(DUC_PHO), 2024, 2024)
    old = old[old["indicator"] == CODE]
    assert len(old) == 5 + 3  # the wards merged into it, the organisations under it
    assert (summary.loc[0, "numerator"], summary.loc[0, "denominator"]) == (old["numerator"].sum(),
                                                                            old["denominator"].sum())
    parts = training_split(con, "current", [DUC_PHO], 2024)
    separate = training_split(con, "reported", counted_in(DUC_PHO), 2024)
    separate = separate[~separate["is_total"]].groupby("part")[["trained", "members"]].sum()
    assert parts[["trained", "members"]].values.tolist() == separate.values.tolist()
