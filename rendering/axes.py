"""Value axes of rate and count charts: around the figures, room for the labels under the lowest points, and
ticks on a rate axis (none past 100 % unless a figure is)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from rendering.chart_style import SHARED_BELOW


def focused_range(values: Sequence[float], floor: float = 0.0, ceiling: float | None = None,
                  room: float = 0.12) -> list[float]:
    """A value axis around `values` (targets included by the caller) with room above for labels."""
    known = [float(v) for v in values if v is not None and not pd.isna(v)]
    if not known:
        return [floor, ceiling if ceiling is not None else 1.0]
    low, high = min(known), max(known)
    span = max(high - low, 0.1)
    top = high + room * 1.6 * span
    return [max(floor, low - room * span), top if ceiling is None else min(ceiling, top)]


LABEL_UNDER = 0.15  # of a value axis' height (280 px or less): a point's marker and one line of label under it


def room_under(axis: Sequence[float], below: Sequence[float], floor: float | None = None) -> list[float]:
    """`axis` lowered, down to `floor`, so that the lowest point labelled under itself (`below`: their values)
    has LABEL_UNDER of the axis' height under it: at the foot the label ran into the years' ticks."""
    known = [float(v) for v in below if v is not None and not pd.isna(v)]
    low, high = float(axis[0]), float(axis[1])
    if known:
        low = min(low, (min(known) - LABEL_UNDER * high) / (1 - LABEL_UNDER))
    return [low if floor is None else max(floor, low), high]


PERCENT_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2)  # whole percents: the ticks read `.0%`
PERCENT_TICKS = 8


def percent_axis(axis: Sequence[float], values: Sequence[float] = ()) -> dict:
    """A rate axis: `axis` as its range, and no tick past 100 % (the room above it holds the labels of
    points at 100 %; `102%` on a rate axis read as a rate above 100 %), unless one of `values` is above 100 %
    (admissions against the quota, 114,29 %): then the ticks run up to it, spread over the whole axis."""
    low, high = float(axis[0]), float(axis[1])
    if high <= 1.0:
        return {"range": [low, high]}
    known = [float(v) for v in values if v is not None and not pd.isna(v)]
    last = min(high, max([1.0, *known]))
    step = next((s for s in PERCENT_STEPS if (last - low) / s <= PERCENT_TICKS), PERCENT_STEPS[-1])
    first = math.ceil(low / step - 1e-9)
    ticks = [round(i * step, 6) for i in range(first, math.floor(last / step + 1e-9) + 1)]
    return {"range": [low, high], "tickvals": ticks}


def labelled_under(frame: pd.DataFrame, y: str, series: str, sides: dict[str, list[str]]) -> list[float]:
    """The values of the points whose label goes under them (`label_sides`)."""
    return [value for name, part in frame.groupby(series, sort=False)
            for value, side in zip(part[y], sides[str(name)], strict=True) if side in ("bottom center", SHARED_BELOW)]
