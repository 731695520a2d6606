"""One rounding for every figure shown or written: half up, on the decimal the figure prints as.

`3/96` = 0.03125 is 3,13% on screen, in CSV and Excel files, in the report and in the KPI export
(Python's own rounding, half to even on the binary value, gives 3,12%).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float, decimals: int = 0) -> float:
    """`value` rounded half away from zero to `decimals` places, read as the shortest decimal that
    prints as `value` (so 1.15 rounds to 1.2, although the float is a hair below 1.15); NaN stays NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return float("nan")
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def percent(rate: float, decimals: int = 2) -> float:
    """A rate (fraction) as a percentage rounded half up: 0.03125 → 3.13."""
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return float("nan")
    return round_half_up(float(Decimal(repr(float(rate))) * 100), decimals)
