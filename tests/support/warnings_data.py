"""Ten units, each missing one target in its own way over 2022-2024: every warning rule triggered and not."""

from __future__ import annotations

import pytest

from tests.support.meeting_workbooks import built_var, copy_into, workbook

IDLE, BELOW, NEAR, EXITS, FLAT_EXITS, TRAINING, OLD_GAP, IMPROVING, WEAK, EXCELLENT = (
    "21469-2015", "21451-2015", "21442-2015", "21445-2015", "21448-2015", "21457-2015", "21460-2015",
    "21454-2015", "21463-2015", "21466-2015")
UNITS = (IDLE, BELOW, NEAR, EXITS, FLAT_EXITS, TRAINING, OLD_GAP, IMPROVING, WEAK, EXCELLENT)
YEARS = (2022, 2023, 2024)


def levers(unit: str, year: int) -> dict:
    """What each unit does differently from meeting every target, year by year."""
    return {
        # village cell T02 admits nobody three years running; T03 admits in 2023 only; the military
        # cell Q01 admits nobody either, but it admits through its own line: listed only on request
        IDLE: {"admitted": 7, "more_cells": {"T02": 0, "T03": 1 if year == 2023 else 0},
               "other_cells": {"Q01": ("Quân sự", 0)}, "org": "HTXSNV" if year == 2024 else "HTTNV"},
        # 2024: T2 85% (95% the year before) and T4 3/4 (4/4 before: behind), under target and worse
        BELOW: {"good": 85, "t4": 3} if year == 2024 else {},
        # 2024: T6 0/4 under target; T3 5% is above the band, not under it
        NEAR: {"t6": 0, "admitted": 10, "org": "HTXSNV"} if year == 2024 else {},
        # struck off + resigned: 1 → 2 → 3
        EXITS: {"struck_off": {2022: 1, 2023: 1, 2024: 2}[year], "resigned": {2022: 0, 2023: 1, 2024: 1}[year]},
        # 1 → 3 → 3: not rising twice
        FLAT_EXITS: {"struck_off": {2022: 1, 2023: 3, 2024: 2}[year], "resigned": {2022: 0, 2023: 0, 2024: 1}[year]},
        # T7 3/4 in 2023, complete in 2022 and 2024
        TRAINING: {"t7": 3} if year == 2023 else {},
        # T7 3/4 in 2022 only, before the target applies
        OLD_GAP: {"t7": 3} if year == 2022 else {},
        # under target on T2 and T4 every year, but better each year: no warning
        IMPROVING: {"good": {2022: 75, 2023: 80, 2024: 85}[year], "t4": {2022: 1, 2023: 2, 2024: 3}[year]},
        # 2024: the deputy secretary has neither THPT nor sơ cấp LLCT (T4 1/4)
        WEAK: {"t4": 1} if year == 2024 else {},
        # 2024: 25 of 95 members rated excellent (26,32% > 20%), and the organisation too
        EXCELLENT: {"excellent": 25, "org": "HTXSNV"} if year == 2024 else {},
    }[unit]


@pytest.fixture(scope="session")
def warnings_var(request):
    return built_var(request, lambda: [workbook(unit, year, **levers(unit, year)) for year in YEARS for unit in UNITS])


@pytest.fixture
def warnings_env(empty_env, warnings_var):
    return copy_into(empty_env, warnings_var)
