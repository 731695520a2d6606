"""A reader who may see only part of a new unit (the officer of Phổ Hòa, one of the five wards merged into
Phường Đức Phổ on 1 July 2025) is never shown that part under the new unit's name: their old ward's figures
stay under its own name under both boundaries, and the new unit has only what it reported itself. A reader
who sees every unit still gets the new unit summed over the units merged into it."""

from __future__ import annotations

import pandas as pd
import pytest

from database.db import cursor
from queries.programme import programme
from queries.scope import restricted_to
from queries.status import display_units
from queries.targets import indicator_trend, year_figures
from tests.support.scope_cases import DUC_PHO, OFFICER, PHO_HOA

FIGURES = ["indicator", "numerator", "denominator"]


def _figures(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[FIGURES].sort_values("indicator").reset_index(drop=True)


@pytest.fixture
def con(sample_env):
    return cursor(sample_env)


def test_the_new_unit_is_summed_for_a_reader_who_sees_every_unit(con):
    summed = year_figures(con, "current", (DUC_PHO,), 2024)
    pho_hoa = year_figures(con, "reported", (PHO_HOA,), 2024)
    assert summed["denominator"].sum() > pho_hoa["denominator"].sum() > 0


@pytest.mark.parametrize("boundary", ["current", "reported"])
def test_an_officer_of_one_merged_ward_sees_it_under_its_own_name(con, boundary):
    with restricted_to(OFFICER):
        merged = year_figures(con, boundary, (DUC_PHO,), 2024)  # not Phổ Hòa's figures under Đức Phổ's name
        own = year_figures(con, boundary, (PHO_HOA,), 2024)
        options = display_units(con, boundary, 2024)
        trend = indicator_trend(con, boundary, (DUC_PHO,), 2020, 2025, programme().codes)
    assert merged["denominator"].sum() == 0
    assert_frame = pd.testing.assert_frame_equal
    assert_frame(_figures(own), _figures(year_figures(con, "reported", (PHO_HOA,), 2024)))
    assert options["display_label"].tolist() == ["Phường Phổ Hòa"]
    assert sorted(set(trend["year"])) == [2025]  # the series does not run on from Phổ Hòa's history
    reported_2025 = year_figures(con, "reported", (DUC_PHO,), 2025)
    assert_frame(_figures(trend[trend["year"] == 2025]), _figures(reported_2025))
