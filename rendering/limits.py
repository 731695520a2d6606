"""How much a chart draws when a province or the whole country is selected.

A bar per unit reads well for a town's 15 units; for the country's 10,000 it is a figure 400,000
pixels high that takes seconds to build and that nobody can read. Charts by unit draw the first
CHART_UNITS units of their frame (the order of the table under them) and say so in their title;
the table and its downloads keep every unit.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from core.numbers import vi_number

CHART_UNITS = 40


def first_units(frame: pd.DataFrame, column: str) -> tuple[pd.DataFrame, list[bool], str]:
    """The rows of the first CHART_UNITS values of `column`, which rows those are, and a title note."""
    units = frame[column].drop_duplicates()
    if len(units) <= CHART_UNITS:
        return frame, [True] * len(frame), ""
    kept = frame[column].isin(set(units.iloc[:CHART_UNITS]))
    return frame[kept], kept.tolist(), f" — {CHART_UNITS} đơn vị đầu trong {vi_number(len(units))}, đủ ở bảng số liệu"


def first_and_selected(order: Sequence[str], selected: Collection[str] | None) -> list[str]:
    """The first CHART_UNITS of `order`, then any selected unit further down (kept in order)."""
    chosen = set(selected or ())
    return [*order[:CHART_UNITS], *(u for u in order[CHART_UNITS:] if u in chosen)]
