"""Per-unit scope is applied in the query layer: every named query, bound as `$allowed`."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from queries.catalog import QUERIES
from queries.db import cursor
from queries.kpi import kpi_table
from queries.scope import restricted_to

PHO_HOA = "21469-2015"
UNITS = None
ARGS = {
    "admission_rate_by_year": ("reported", UNITS, 2020, 2025),
    "admission_rate_by_unit": ("reported", UNITS, 2024),
    "admission_groups_by_year": ("reported", UNITS, 2020, 2025),
    "admission_groups_by_unit": ("reported", UNITS, 2024),
    "cells_without_admission": ("current", UNITS, 2025, 3, True),
    "cadre_levels": ("reported", UNITS, 2024, "education"),
    "training_split": ("reported", UNITS, 2024),
    "extract": ("cadres", "reported", UNITS, 2024),
    "extract_rows": ("cadres", "reported", UNITS, 2024),
    "load_history": (),
    "indicators_by_year": ("reported", UNITS, 2020, 2025),
    "indicators_by_unit": ("reported", UNITS, 2020, 2025),
    "membership_flow": ("reported", UNITS, 2024),
    "membership_exits_by_year": ("reported", UNITS, 2020, 2025),
    "membership_away_by_unit": ("reported", UNITS, 2024),
    "pace_by_indicator": ("current", UNITS, 2025),
    "pace_by_unit": ("current", UNITS, 2025),
    "pace_path": ("current", UNITS, 2025, "T4_thpt"),
    "member_ratings_by_year": ("reported", UNITS, 2020, 2025),
    "org_ratings_by_year": ("reported", UNITS, 2020, 2025),
    "org_ratings_list": ("reported", UNITS, 2024),
    "cell_ratings": ("reported", UNITS, 2024),
    "four_good_cells": ("reported", UNITS, 2024),
    "meeting_data": ("current", UNITS, 2025, "Toàn địa bàn thị xã Đức Phổ (cũ)"),
    "year_figures": ("reported", UNITS, 2025),
    "ranking_and_scorecard": ("reported", UNITS, 2024),
    "years_loaded": (),
    "display_units": ("reported", None),
    "data_status": (),
    "indicator_units": ("reported", UNITS, 2024, 2024, ("T4_thpt",)),
    "indicator_trend": ("reported", UNITS, 2020, 2025, ("T4_thpt",)),
    "warning_idle_cells": ("current", UNITS, 2025),
    "warning_below_target": ("reported", UNITS, 2024),
    "warning_rising_exits": ("reported", UNITS, 2024),
    "warning_training_gaps": ("reported", UNITS, 2024),
    "warning_weak_secretaries": ("reported", UNITS, 2024),
    "warning_excellent_share": ("reported", UNITS, 2024),
    "all_warnings": ("reported", UNITS, 2024),
}
NOT_UNIT_DATA = {"prefill_sources"}  # takes one unit explicitly; the page offers only allowed units


def frames(result) -> list[pd.DataFrame]:
    """Every frame inside a query result (frames, lists, dataclasses of frames)."""
    if isinstance(result, pd.DataFrame):
        return [result]
    if dataclasses.is_dataclass(result):
        return [f for field in dataclasses.fields(result) for f in frames(getattr(result, field.name))]
    if isinstance(result, tuple) and result and all(isinstance(part, pd.DataFrame) for part in result):
        return list(result)  # several frames from one query
    if isinstance(result, list | tuple):
        return [pd.DataFrame({"value": list(result)})]
    return []


def shows_nothing(result) -> bool:
    if isinstance(result, int):  # a row count
        return result == 0
    if dataclasses.is_dataclass(result) and hasattr(result, "submissions") and not frames(result):
        return result.submissions == 0
    parts = frames(result)
    if not parts and hasattr(result, "submissions"):
        return result.submissions == 0
    return all(len(f) == 0 or (_figures(f).fillna(0) == 0).all().all() for f in parts)


def _figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Numeric columns that carry figures (not years, ordering, ranks of levels, or the programme's goals)."""
    numbers = frame.select_dtypes("number")
    return numbers[[c for c in numbers.columns
                    if not any(w in c for w in ("year", "order", "rank", "step", "goal", "level"))]]


def test_every_named_query_is_covered_here():
    assert set(QUERIES) - NOT_UNIT_DATA == set(ARGS)


@pytest.mark.parametrize("name", sorted(ARGS))
def test_no_units_allowed_shows_nothing(sample_env, name):
    with restricted_to(()):
        result = QUERIES[name](cursor(), *ARGS[name])
    assert shows_nothing(result), f"{name} leaked data to a user with no units"


def test_officer_sees_only_own_unit_even_summed_into_the_new_ward(sample_env):
    with restricted_to((PHO_HOA,)):
        cadres = QUERIES["extract"](cursor(), "cadres", "reported", None, 2024)
        merged = QUERIES["indicators_by_unit"](cursor(), "current", None, 2024, 2024)
        units = QUERIES["display_units"](cursor(), "reported", None)
    assert len(cadres) > 0
    assert set(units["display_id"]) == {PHO_HOA}
    # under the 5-new-unit boundary the officer sees Phường Đức Phổ, but only Phổ Hòa's part of it
    assert set(merged["display_id"]) == {"21439-2025"}
    own = kpi_table(cursor(), 2024, "21469").set_index("indicator")
    shown = merged.set_index("indicator")
    for code in ("T4_thpt", "T3_admission_rate", "T2_member_rating"):
        assert (shown.at[code, "numerator"], shown.at[code, "denominator"]) == (
            own.at[code, "numerator"], own.at[code, "denominator"])


def test_whole_town_outside_any_restriction(sample_env):
    units = QUERIES["display_units"](cursor(), "reported", None)
    assert len(units) == 20


def test_ward_officer_cannot_load_another_units_workbook(empty_env, tmp_path):
    from etl.batch import load_files
    from tests.workbooks import default_spec, write

    folder = tmp_path / "in"
    folder.mkdir()
    path, _ = write(default_spec(), folder)  # Phường Phổ Hòa, 2024
    [refused] = load_files([(path.name, path.read_bytes())], empty_env, allowed_units=("21466-2015",))
    assert refused.outcome == "bị từ chối"
    assert refused.problems[0].column == "Đơn vị" and "đơn vị mình phụ trách" in refused.problems[0].expected
    [loaded] = load_files([(path.name, path.read_bytes())], empty_env, allowed_units=(PHO_HOA,))
    assert loaded.ok


def test_template_for_another_unit_is_refused(sample_env):
    from ui.template_download import template_workbook

    with pytest.raises(PermissionError):
        template_workbook("21466-2015", 2024, True, (PHO_HOA,))
    assert template_workbook(PHO_HOA, 2024, True, (PHO_HOA,))[:2] == b"PK"
