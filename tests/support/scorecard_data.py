"""Six units over 2023-2024 whose ranks and rank changes are known exactly (hand-made workbooks)."""

from __future__ import annotations

import pytest

from tests.support.meeting_workbooks import built_var, copy_into, workbook

A, B, C, D, E, F = "21469-2015", "21451-2015", "21442-2015", "21445-2015", "21448-2015", "21457-2015"
NAMES = {A: "Phường Phổ Hòa", B: "Phường Phổ Văn", C: "Xã Phổ An", D: "Xã Phổ Phong", E: "Xã Phổ Thuận",
         F: "Xã Phổ Nhơn"}
# 2023 and 2024 come before the 2025 deadline: T4–T6 are met at the 2025 level, else on or behind
# pace from the unit's first year (2023) to 2024; with one year of figures there is no pace (not judged).
# Distances to target (points): T1 +10, T2 +5, T3 0, T4 0, T5 +25, T6 +25, T7 0 → 7 on target, mean 65/7.
ALL_MET = {"good": 95, "admitted": 6, "t4": 4, "t5": 3, "t6": 2, "t7": 4}
# T2 85% (−5); T4 3/4: 75%, −25 (2024: behind, from 100% in 2023); T1 +10, the rest on target.
FIVE_B = {"good": 85, "admitted": 6, "t4": 3, "t5": 2, "t6": 1, "t7": 4}
# T3 10/200 = 5%: above the band, which counts as on target (distance 0); T5 1/4 (−25, no progress: behind).
FIVE_C = {"good": 95, "admitted": 10, "t4": 4, "t5": 1, "t6": 1, "t7": 4}
# Every target missed: −90, −5, −1 (T3 2%), T4–T6 −25 (75%, 25%, 0%; no progress: behind), T7 −25.
NONE_MET = {"org": "HTNV", "good": 85, "admitted": 4, "t4": 3, "t5": 1, "t6": 0, "t7": 3}
DATASET = {
    2023: {A: FIVE_B, B: ALL_MET, C: {**FIVE_C, "org": "HTNV"}, D: {**ALL_MET, "t7": 3}, F: NONE_MET},
    2024: {A: ALL_MET, B: FIVE_B, C: FIVE_C, D: FIVE_B, E: NONE_MET, F: NONE_MET},
}
# 2023 (T4–T6 below their level not judged: no pace yet): B 7 on target, D 6 (T7 −25), A 5 (mean 5/6 over the
# 6 judged), C 5 (T1 −90: mean −85/6), F 0 → ranks 1, 2, 3, 4, 5.
# 2024: A 7; C 6 (T5 behind); B and D 5 each (T2 below, T4 behind), tied at −20/7; F 0 at −196/7; E 0 but
# reported first in 2024, so its T4–T6 have no pace and its mean is over 4: −121/4, below F.
EXPECTED_2024 = [  # unit, targets on target, mean distance (points), rank, last year's rank, change
    (A, 7, 65 / 7, 1, 3, "▲2"),
    (C, 6, -10 / 7, 2, 4, "▲2"),
    (B, 5, -20 / 7, 3, 1, "▼2"),
    (D, 5, -20 / 7, 3, 2, "▼1"),
    (F, 0, -196 / 7, 5, 5, "–"),
    (E, 0, -121 / 4, 6, None, "—"),
]


@pytest.fixture(scope="session")
def scorecard_var(request):
    return built_var(request, lambda: [workbook(unit, year, **levers) for year, units in DATASET.items()
                                        for unit, levers in units.items()])


@pytest.fixture
def scorecard_env(empty_env, scorecard_var):
    return copy_into(empty_env, scorecard_var)
