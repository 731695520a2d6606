"""Pace to a level: how fast an indicator moved, how fast it must move, when it would arrive.

Method (shown to users on the page): the observed pace is the straight-line average change per
year between the base year (the programme's baseline year, or the first year with data after
it; never a year before it, never across a change of what the indicator counts) and the latest year:
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
UNPACED = "—"  # no pace (before the baseline year, or its first year): no year of arrival, and no "never"


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


def needed_per_year(rate, latest_year, goal: float, strict: bool, deadline: int) -> np.ndarray:
    """Average change per year still needed to reach `goal` by `deadline`; NaN when reached or past
    (numbers or arrays)."""
    rate, latest_year = np.asarray(rate, dtype=float), np.asarray(latest_year, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        needed = (goal - rate) / (deadline - latest_year)
    return np.where(meets(rate, goal, strict) | (latest_year >= deadline), np.nan, needed)


def reach_text(rate, latest_year, pace, goal: float, strict: bool) -> np.ndarray:
    """`đã đạt`, the year the observed pace would reach `goal`, NEVER, or UNPACED without a pace (numbers
    or arrays)."""
    rate, pace = np.asarray(rate, dtype=float), np.asarray(pace, dtype=float)
    year = arrival_years(rate, latest_year, pace, goal, strict)
    arrived = np.nan_to_num(year).astype(int).astype(str)
    later = np.where(np.isnan(pace), UNPACED, np.where(np.isnan(year), NEVER, arrived))
    return np.where(meets(rate, goal, strict), ALREADY, later)


def projection(latest_year: int, latest_rate: float, pace: float | None, until: int) -> pd.DataFrame:
    """The observed pace extended from the latest year: year, rate (kept within 0–100%)."""
    years = list(range(latest_year, until + 1))
    step = pace or 0.0
    rates = [min(1.0, max(0.0, latest_rate + step * (y - latest_year))) for y in years]
    return pd.DataFrame({"year": years, "rate": rates})
