"""Every rate as a person reads it, on screen, in a file, a sentence or the report: two decimals, or more where
two would put it on a level of the programme that it is not on (core.numbers.RateLevels, the programme's levels).
So 19/634 reads `2,997%` beside «Chưa đạt» against "đạt từ 3-4%", never `3,00%`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from core.numbers import RateLevels, vi_percent
from queries.programme import programme


def rate_levels() -> RateLevels:
    """The levels of the programme in force (read again when its file changes): one look-up per column of rates,
    not per figure."""
    return programme().rate_levels


def rate_format() -> Callable[[float | None], str]:
    """`rate_text` with the levels looked up once: for a loop over many rates (a heat map, a table's column)."""
    return partial(vi_percent, levels=rate_levels())


def rate_text(rate: float | None) -> str:
    """`67,78%`, `2,997%` (19/634 against 3%), `—`."""
    return vi_percent(rate, rate_levels())


def rate_texts(rates: Iterable[float | None]) -> list[str]:
    """`rate_text` of every rate, the levels looked up once."""
    shown = rate_format()
    return [shown(rate) for rate in rates]


def rate_percents(rates: Iterable[float | None]) -> list[float]:
    """The percentages a file writes, as the screen shows them: 0.677811 → 67.78, 19/634 → 2.997; missing → NaN."""
    shown = rate_levels().shown
    return [shown(rate)[0] for rate in rates]
