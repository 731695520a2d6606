"""Unit scorecard: exact ranks and rank changes on a hand-made dataset (workbooks written by the
test, loaded by the real loader), the page in AppTest, and a click on the heat map in Chromium."""

from __future__ import annotations

import pandas as pd
import pytest

from core.numbers import vi_number
from database.db import cursor
from queries.rate_text import rate_text
from queries.scorecard import (
    ranking_and_scorecard,
    scorecard_order,
)
from tests.support.scorecard_data import EXPECTED_2024, NAMES, A, B, C, D, E, F


def test_ranks_and_rank_changes_are_exact(scorecard_env):
    ranking = ranking_and_scorecard(cursor(), "reported", None, 2024)[0]
    got = list(zip(ranking["display_id"], ranking["targets_met"], ranking["mean_distance_points"],
                   ranking["rank"], ranking["previous_rank"], ranking["rank_change_text"], strict=True))
    assert [(u, met, rank, change) for u, met, _, rank, _, change in got] == [
        (u, met, rank, change) for u, met, _, rank, _, change in EXPECTED_2024]
    for (_, _, mean, _, previous, _), (_, _, expected_mean, _, expected_previous, _) in zip(
            got, EXPECTED_2024, strict=True):
        assert mean == pytest.approx(expected_mean)
        assert (None if pd.isna(previous) else int(previous)) == expected_previous
    assert vi_number(ranking.at[0, "mean_distance_points"], 2) == "9,29"
    assert list(ranking["targets_met"]) == [7, 6, 5, 5, 0, 0]
    assert len(ranking_and_scorecard(cursor(), "reported", None, 2024)[1]) == 6 * 7
    assert list(ranking["unit"]) == [NAMES[u] for u, *_ in EXPECTED_2024]

    first_year = ranking_and_scorecard(cursor(), "reported", None, 2023)[0]
    assert list(zip(first_year["display_id"], first_year["rank"], strict=True)) == [
        (B, 1), (D, 2), (A, 3), (C, 4), (F, 5)]
    assert set(first_year["rank_change_text"]) == {"—"}  # nothing loaded for 2022


def test_ranking_among_selected_units_and_cells(scorecard_env):
    ranking = ranking_and_scorecard(cursor(), "reported", [B, C], 2024)[0]
    assert list(zip(ranking["display_id"], ranking["rank"], ranking["previous_rank"], ranking["rank_change_text"],
                    strict=True)) == [(C, 1, 2, "▲1"), (B, 2, 1, "▼1")]
    cells = ranking_and_scorecard(cursor(), "reported", None, 2024)[1].set_index(["display_id", "indicator"])
    cell = cells.loc[(C, "T3_admission_rate")]
    assert (cell["numerator"], cell["denominator"], cell["status"], cell["role"]) == (10, 200, "exceeded", "neutral")
    assert cell["distance_points"] == 0  # above the band: no penalty
    assert (rate_text(cell["rate"]), cell["verdict"]) == ("5,00%", "Vượt khung")
    assert cells.loc[(C, "T5_trung_cap_chuyen_mon"), "verdict"] == "Chậm tiến độ (mức 2025)"
    assert cells.loc[(E, "T5_trung_cap_chuyen_mon"), "status"] == "no_pace"  # one year: a figure, no pace yet
    assert cells.loc[(A, "T5_trung_cap_chuyen_mon"), "distance_points"] == pytest.approx(25.0)
    assert cells.loc[(E, "T1_org_rating"), "rank"] == 6


def test_sorting_by_an_indicator(scorecard_env):
    ranking, cells = ranking_and_scorecard(cursor(), "reported", None, 2024)
    assert scorecard_order(ranking, cells) == [A, C, B, D, F, E]
    # T5: A +25; B and D on target (ties by rank); C, F, E −25 (ties by rank)
    assert scorecard_order(ranking, cells, "T5_trung_cap_chuyen_mon") == [A, B, D, C, F, E]
    # T3: everyone in or above the band (0; C's 5% the highest rate) but E, F (2%, −1)
    assert scorecard_order(ranking, cells, "T3_admission_rate") == [C, A, B, D, F, E]
    with pytest.raises(ValueError):
        scorecard_order(ranking, cells, "T9")
