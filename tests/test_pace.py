"""Pace arithmetic on hand-computed cases."""

import pandas as pd
import pytest

from queries.pace import NEVER, pace_for, projection


def series(points: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame({"year": list(points), "rate": list(points.values())})


def test_rising_indicator_reaches_2030_but_not_2025():
    # T5: 2022 46% → 2024 50%: +2 points a year; 2025 target 50% already met in 2024.
    pace = pace_for(series({2021: 0.40, 2022: 0.46, 2023: 0.48, 2024: 0.50}), "T5_trung_cap_chuyen_mon")
    assert pace.base_year == 2022 and pace.latest_year == 2024
    assert pace.observed_per_year == pytest.approx(0.02)
    assert pace.needed_2025 is None  # met
    assert pace.reach_2025 == "đã đạt"
    # 2030 target 75%: needs (0.75 - 0.50) / 6 a year; at +2/yr: 25/2 = 12.5 → 13 years → 2037
    assert pace.needed_2030 == pytest.approx(0.25 / 6)
    assert pace.reach_2030 == 2037


def test_never_at_this_pace_when_falling():
    pace = pace_for(series({2022: 0.30, 2024: 0.26}), "T6_trung_cap_llct")
    assert pace.observed_per_year == pytest.approx(-0.02)
    assert pace.reach_2030 == NEVER
    assert pace.needed_2030 == pytest.approx((0.50 - 0.26) / 6)


def test_already_met_and_flat():
    pace = pace_for(series({2022: 1.0, 2023: 1.0}), "T4_thpt")
    assert pace.observed_per_year == 0
    assert pace.reach_2025 == "đã đạt" and pace.reach_2030 == "đã đạt"
    assert pace.needed_2025 is None and pace.needed_2030 is None


def test_strict_target_must_be_exceeded():
    # T2 > 90%: from 86% at +2/yr, 90% exactly in 2 years is not enough: 3 years.
    pace = pace_for(series({2022: 0.84, 2023: 0.86}), "T2_member_rating")
    assert pace.reach_2025 == 2026


def test_t4_baseline_pace_exact():
    # 223/329 in 2022, 250/329 in 2024: (250-223)/329/2 per year; needs (1-250/329)/1 by 2025.
    pace = pace_for(series({2022: 223 / 329, 2024: 250 / 329}), "T4_thpt")
    assert pace.observed_per_year == pytest.approx(27 / 329 / 2)
    assert pace.needed_2025 == pytest.approx(1 - 250 / 329)
    # gap 79/329 at 13.5/329 a year = 5.85 → 6 years → 2030
    assert pace.reach_2025 == 2030


def test_single_year_has_no_pace_and_past_deadline_needs_nothing():
    pace = pace_for(series({2026: 0.2}), "T6_trung_cap_llct")
    assert pace.observed_per_year is None
    assert pace.reach_2030 == NEVER
    assert pace.needed_2025 is None  # the 2025 deadline is behind
    assert pace.needed_2030 == pytest.approx(0.3 / 4)


def test_projection_is_clipped_to_100_percent():
    pace = pace_for(series({2022: 0.8, 2024: 0.96}), "T4_thpt")
    path = projection(pace, until=2027)
    assert list(path["year"]) == [2024, 2025, 2026, 2027]
    assert list(path["rate"]) == pytest.approx([0.96, 1.0, 1.0, 1.0])


def test_no_data_gives_no_pace():
    assert pace_for(pd.DataFrame({"year": [2022], "rate": [float("nan")]}), "T4_thpt") is None
