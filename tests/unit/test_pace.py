"""Pace arithmetic on hand-computed cases: observed and needed pace, the year of arrival (the one
computation that decides "đúng tiến độ"), the projection."""

import math

import pytest

from queries.judgement import arrival_years
from queries.pace import ALREADY, NEVER, UNPACED, needed_per_year, observed_per_year, projection, reach_text


def test_rising_indicator_reaches_the_2030_level_in_2037():
    # T5: 2022 46% → 2024 50%: +2 points a year; 2030 level 75%: 25/2 = 12.5 → 13 years → 2037
    pace = observed_per_year(2022, 0.46, 2024, 0.50)
    assert pace == pytest.approx(0.02)
    assert math.isnan(needed_per_year(0.50, 2024, 0.50, False, 2025))  # met
    assert reach_text(0.50, 2024, pace, 0.50, False) == ALREADY
    assert needed_per_year(0.50, 2024, 0.75, False, 2030) == pytest.approx(0.25 / 6)
    assert reach_text(0.50, 2024, pace, 0.75, False) == "2037"


def test_never_at_this_pace_when_falling_or_flat():
    pace = observed_per_year(2022, 0.30, 2024, 0.26)
    assert pace == pytest.approx(-0.02)
    assert reach_text(0.26, 2024, pace, 0.50, False) == NEVER
    assert reach_text(0.26, 2024, 0.0, 0.50, False) == NEVER
    assert reach_text(0.26, 2024, math.nan, 0.50, False) == UNPACED  # one year of figures: no pace, no "never"
    assert reach_text(0.50, 2024, math.nan, 0.50, False) == ALREADY
    assert math.isnan(arrival_years(0.26, 2024, 0.0001, 0.50, False))  # after 2100: no forecast


def test_strict_level_must_be_exceeded():
    # > 90%: from 86% at +2/yr, 90% exactly in 2 years is not enough: 3 years.
    assert reach_text(0.86, 2023, 0.02, 0.90, True) == "2026"
    assert reach_text(0.86, 2023, 0.02, 0.90, False) == "2025"


def test_t4_baseline_pace_exact():
    # 223/329 in 2022, 250/329 in 2024: (250-223)/329/2 per year; needs (1-250/329)/1 by 2025.
    pace = observed_per_year(2022, 223 / 329, 2024, 250 / 329)
    assert pace == pytest.approx(27 / 329 / 2)
    assert needed_per_year(250 / 329, 2024, 1.0, False, 2025) == pytest.approx(1 - 250 / 329)
    # gap 79/329 at 13.5/329 a year = 5.85 → 6 years → 2030
    assert reach_text(250 / 329, 2024, pace, 1.0, False) == "2030"


def test_no_base_year_before_the_year_gives_no_pace_and_a_past_deadline_needs_nothing():
    assert math.isnan(observed_per_year(2026, 0.2, 2026, 0.2))
    assert math.isnan(needed_per_year(0.2, 2026, 0.25, False, 2025))  # the 2025 deadline is behind
    assert needed_per_year(0.2, 2026, 0.5, False, 2030) == pytest.approx(0.3 / 4)


def test_projection_is_clipped_to_100_percent():
    path = projection(2024, 0.96, observed_per_year(2022, 0.8, 2024, 0.96), until=2027)
    assert list(path["year"]) == [2024, 2025, 2026, 2027]
    assert list(path["rate"]) == pytest.approx([0.96, 1.0, 1.0, 1.0])
