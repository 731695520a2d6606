"""2–4 units side by side (the filter's «So sánh từng đơn vị»): each unit's figures are those the same
named query gives when that unit alone is chosen, with its name in a `unit` column, so a compared
card or line is the figure of the unit's own page, its download and the KPI export."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from queries.programme import programme
from ui.data import query
from ui.filters import Filters

UNIT = "unit"


def per_unit(filters: Filters, name: str, *args: object) -> pd.DataFrame:
    """`query(name, boundary, (unit,), *args)` for each compared unit, one frame, its `unit` column first."""
    frames = [query(name, filters.boundary, (unit_id,), *args).assign(**{UNIT: label})
              for unit_id, label in filters.compared]
    frame = pd.concat(frames, ignore_index=True)
    return frame[[UNIT, *(c for c in frame.columns if c != UNIT)]]


def scope_words(filters: Filters) -> str:
    """What a chart of the selection shows, for its title: `So sánh 2 đơn vị`, or the scope summed."""
    return f"so sánh {len(filters.compared)} đơn vị" if filters.compared else filters.scope_label


def trend(filters: Filters, codes: tuple[str, ...]) -> tuple[pd.DataFrame, str]:
    """`indicator_trend` of `codes` from the first year loaded to the year chosen, and the column its
    lines follow: the selection summed, a line per indicator (`label`); or a line per compared unit."""
    if filters.compared:
        return per_unit(filters, "indicator_trend", filters.first_year, filters.year, codes), UNIT
    return query("indicator_trend", filters.boundary, filters.units, filters.first_year, filters.year, codes), "label"


@dataclass(frozen=True)
class Comparison:
    """What the overview and the slides show of the compared units."""

    filters: Filters
    units: tuple[str, ...]  # their names, in the filter's order
    cards: pd.DataFrame  # year_figures of the headline indicators of each unit
    figures: pd.DataFrame  # year_figures of every indicator of each unit
    trend: pd.DataFrame  # indicator_trend of every indicator of each unit, first year … year

    def paths(self, code: str) -> pd.DataFrame:
        """`pace_path` of `code` for each unit, up to the year chosen."""
        return per_unit(self.filters, "pace_path", self.filters.year, code)


def comparison(filters: Filters) -> Comparison | None:
    """The compared units' figures; None when the selection is not compared."""
    if not filters.compared:
        return None
    figures = per_unit(filters, "year_figures", filters.year)
    trend = per_unit(filters, "indicator_trend", filters.first_year, filters.year, programme().codes)
    return Comparison(filters=filters, units=tuple(name for _, name in filters.compared),
                      cards=figures[figures["headline"]].reset_index(drop=True), figures=figures, trend=trend)

