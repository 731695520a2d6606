"""Pace to target: how fast an indicator moved, how fast it must move, when it would arrive.

Method (shown to users on the page): the observed pace is the straight-line average change per
year between the baseline year (2022, the Đề án's baseline, or the first year with data after
it) and the latest year: (latest rate − baseline rate) / (latest year − baseline year). The
needed pace for a deadline is (target − latest rate) / (deadline − latest year). The year of
arrival extends the observed pace from the latest year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from queries.indicators import BY_CODE, Indicator

BASELINE_YEAR = 2022
DEADLINES = (2025, 2030)
NEVER = "không đạt"
HORIZON = 2100  # beyond this an arrival year is not a forecast anyone can use
EPS = 1e-9


@dataclass(frozen=True)
class Pace:
    indicator: str
    base_year: int
    base_rate: float
    latest_year: int
    latest_rate: float
    observed_per_year: float | None  # None with a single year of data
    needed_2025: float | None  # None once the deadline has passed or the target is met
    needed_2030: float | None
    reach_2025: int | str | None  # a year, "đã đạt" or NEVER
    reach_2030: int | str | None


def _target_met(ind: Indicator, rate: float, target: float) -> bool:
    return rate > target + EPS if ind.strict else rate >= target - EPS


def needed_per_year(ind: Indicator, rate: float, latest_year: int, deadline: int) -> float | None:
    """Average change per year still needed to meet the deadline's target; None when met or past."""
    target = ind.target_2025 if deadline == 2025 else ind.target_2030
    if _target_met(ind, rate, target) or latest_year >= deadline:
        return None
    return (target - rate) / (deadline - latest_year)


def reach_year(ind: Indicator, rate: float, latest_year: int, pace: float | None, target: float) -> int | str:
    """The first year the observed pace would meet `target`: "đã đạt", a year, or NEVER."""
    if _target_met(ind, rate, target):
        return "đã đạt"
    if pace is None or pace <= EPS:
        return NEVER
    gap = (target - rate) / pace
    years = math.floor(gap + EPS) + 1 if ind.strict else math.ceil(gap - EPS)
    year = latest_year + max(years, 1)
    return year if year <= HORIZON else NEVER


def pace_for(series: pd.DataFrame, indicator: str) -> Pace | None:
    """Pace of one indicator from a frame with year and rate (one row per year)."""
    rows = series.dropna(subset=["rate"]).sort_values("year")
    if rows.empty:
        return None
    after_base = rows[rows["year"] >= BASELINE_YEAR]
    base = after_base.iloc[0] if not after_base.empty else rows.iloc[0]
    latest = rows.iloc[-1]
    return pace_between(indicator, int(base["year"]), float(base["rate"]), int(latest["year"]), float(latest["rate"]))


def pace_between(indicator: str, base_year: int, base_rate: float, latest_year: int, latest_rate: float) -> Pace:
    """Pace of one indicator from its baseline and its latest observed rate (see `pace_for`)."""
    ind = BY_CODE[indicator]
    observed = (latest_rate - base_rate) / (latest_year - base_year) if latest_year > base_year else None
    return Pace(
        indicator=indicator,
        base_year=base_year, base_rate=base_rate, latest_year=latest_year, latest_rate=latest_rate,
        observed_per_year=observed,
        needed_2025=needed_per_year(ind, latest_rate, latest_year, 2025),
        needed_2030=needed_per_year(ind, latest_rate, latest_year, 2030),
        reach_2025=reach_year(ind, latest_rate, latest_year, observed, ind.target_2025),
        reach_2030=reach_year(ind, latest_rate, latest_year, observed, ind.target_2030),
    )


def projection(pace: Pace, until: int = 2030) -> pd.DataFrame:
    """The observed pace extended from the latest year: year, rate (kept within 0–100%)."""
    years = list(range(pace.latest_year, until + 1))
    step = pace.observed_per_year or 0.0
    rates = [min(1.0, max(0.0, pace.latest_rate + step * (y - pace.latest_year))) for y in years]
    return pd.DataFrame({"year": years, "rate": rates})
