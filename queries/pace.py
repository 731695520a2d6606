"""Pace to a level: how fast an indicator moved, how fast it must move, when it would arrive.

Method (shown to users on the page): the observed pace is the straight-line average change per
year between the base year (the programme's baseline year, or the first year with data after
it; never across a change of what the indicator counts) and the latest year:
(latest rate − base rate) / (latest year − base year). The base row of every figure comes from
queries/sql/indicators.sql. The needed pace for a deadline is (level − latest rate) / (deadline −
latest year). The year of arrival extends the observed pace from the latest year
(`queries.judgement.arrival_years`, the computation that decides "đúng tiến độ").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from queries.judgement import arrival_years, meets

NEVER = "không đạt"
ALREADY = "đã đạt"


def observed_per_year(base_year, base_rate, year, rate):
    """(rate − base rate) / (year − base year); NaN without a base year before `year` (numbers or arrays)."""
    base_year, year = np.asarray(base_year, dtype=float), np.asarray(year, dtype=float)
    span = np.where(base_year < year, year - base_year, np.nan)
    return (np.asarray(rate, dtype=float) - np.asarray(base_rate, dtype=float)) / span


def with_pace(frame: pd.DataFrame) -> pd.DataFrame:
    """An indicator frame (indicators.sql) with `observed_per_year` from each row's base row."""
    base_rate = frame["base_numerator"] / frame["base_denominator"].where(frame["base_denominator"] != 0)
    pace = observed_per_year(frame["base_year"].to_numpy(dtype=float, na_value=np.nan),
                             base_rate.to_numpy(dtype=float, na_value=np.nan),
                             frame["year"].to_numpy(dtype=float), frame["rate"].to_numpy(dtype=float, na_value=np.nan))
    return frame.assign(observed_per_year=pace)


def needed_per_year(rate: float, latest_year: int, goal: float, strict: bool, deadline: int) -> float | None:
    """Average change per year still needed to reach `goal` by `deadline`; None when reached or past."""
    if meets(rate, goal, strict) or latest_year >= deadline:
        return None
    return (goal - rate) / (deadline - latest_year)


def reach_text(rate: float, latest_year: int, pace: float | None, goal: float, strict: bool) -> str:
    """`đã đạt`, the year the observed pace would reach `goal`, or NEVER."""
    if meets(rate, goal, strict):
        return ALREADY
    year = arrival_years(rate, latest_year, np.nan if pace is None else pace, goal, strict)
    return NEVER if np.isnan(year) else str(int(year))


def projection(latest_year: int, latest_rate: float, pace: float | None, until: int) -> pd.DataFrame:
    """The observed pace extended from the latest year: year, rate (kept within 0–100%)."""
    years = list(range(latest_year, until + 1))
    step = pace or 0.0
    rates = [min(1.0, max(0.0, latest_rate + step * (y - latest_year))) for y in years]
    return pd.DataFrame({"year": years, "rate": rates})
