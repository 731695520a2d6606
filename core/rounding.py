"""One rounding for every figure shown or written: half up, on the decimal the figure prints as.

`3/96` = 0.03125 is 3,13% on screen, in CSV and Excel files, in the report and in the KPI export
(Python's own rounding, half to even on the binary value, gives 3,12%).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

NEAR_TIE = 1e-6  # a fraction this close to one half is decided on the decimal, not the binary value
SAME_RATE = 1e-9  # rates are ratios of whole numbers: closer than this is equal (the verdict's and the figure's)


def round_half_up(value: float, decimals: int = 0) -> float:
    """`value` rounded half away from zero to `decimals` places, read as the shortest decimal that
    prints as `value` (so 1.15 rounds to 1.2, although the float is a hair below 1.15); NaN stays NaN."""
    return _rounded(value, decimals, lambda: Decimal(repr(float(value))))


def percent(rate: float, decimals: int = 2) -> float:
    """A rate (fraction) as a percentage rounded half up: 0.03125 → 3.13."""
    if _missing(rate):
        return float("nan")
    return _rounded(rate * 100, decimals, lambda: Decimal(repr(float(rate))) * 100)


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _rounded(value: float, decimals: int, exact: Callable[[], Decimal]) -> float:
    """Ordinary arithmetic where the value is clearly not a tie (the country's 300,000 figures), the
    exact decimal where it may be."""
    if _missing(value):
        return float("nan")
    scale = 10**decimals
    scaled = abs(float(value)) * scale
    whole = math.floor(scaled)
    if abs(scaled - whole - 0.5) > NEAR_TIE:
        return math.copysign((whole + (scaled - whole > 0.5)) / scale, value)
    return float(exact().quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
