"""Indicator figures as a page writes them (`223`, `329`, `67,78%`), from the KPI export or from a named
query's frame, and the old units a unit of the new boundary sums: for the page and query tests of T1–T7."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from core.numbers import vi_number
from database.db import cursor
from database.units import load_units
from queries.kpi import kpi_table
from queries.programme import programme
from queries.rate_text import rate_text

Figures = dict[str, tuple[str, str, str]]  # indicator label → (numerator, denominator, rate) as written


def written(numerator, denominator) -> tuple[str, str, str]:
    return vi_number(numerator), vi_number(denominator), rate_text(numerator / denominator)


def kpi_figures(codes: Iterable[str], year: int, unit: str | None = None) -> Figures:
    """What `python -m etl kpi` says of `codes`, as a page must write it."""
    kpi = kpi_table(cursor(), year=year, unit=unit).set_index("indicator")
    return {programme().indicator(code).label: written(kpi.at[code, "numerator"], kpi.at[code, "denominator"])
            for code in codes}


def frame_figures(frame: pd.DataFrame) -> Figures:
    """An indicator frame's rows (`indicator_trend` of one year), as a page must write them."""
    return {row.label: written(row.numerator, row.denominator) for row in frame.itertuples(index=False)}


def shown_figures(shown: pd.DataFrame, key: str = "Chỉ tiêu") -> Figures:
    """The text of a table of indicators on screen."""
    return {row[key]: (row["Tử số"], row["Mẫu số"], row["Tỷ lệ"]) for _, row in shown.iterrows()}


def merged_into(unit_id: str) -> list[str]:
    """The old units merged into `unit_id` in 2025."""
    return [u.unit_id for u in load_units() if u.successor_id == unit_id and u.unit_id != unit_id]


def counted_in(unit_id: str) -> list[str]:
    """The units counted in `unit_id` under the boundary `current`: merged into it, or sitting under it."""
    return [u.unit_id for u in load_units() if u.current_id == unit_id and u.unit_id != unit_id]
