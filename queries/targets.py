"""Indicators per unit and per year, ready to chart against their targets.

The figures are those of `indicators_by_unit` / `indicators_by_year`, so of `indicator_facts`,
the one definition; this adds the unit label, a row for the selection as a whole, the target in
force and whether it is met. The helpers at the bottom serve the other query modules of the pages.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from queries.indicators import BY_CODE, indicators_by_unit, indicators_by_year

ALL_UNITS = "Toàn thị xã"
SELECTED_UNITS = "Cộng các đơn vị đã chọn"


def as_list(units: Sequence[str] | None) -> list[str] | None:
    """Display ids as DuckDB binds a list; None (or empty) means every unit."""
    return list(units) if units else None


def total_label(units: Sequence[str] | None) -> str:
    return SELECTED_UNITS if units else ALL_UNITS


def with_rate(frame: pd.DataFrame, numerator: str, denominator: str, rate: str = "rate") -> pd.DataFrame:
    """`rate` = numerator / denominator, missing where the denominator is 0."""
    frame = frame.copy()
    frame[rate] = frame[numerator] / frame[denominator].where(frame[denominator] != 0)
    return frame


def label_units(frame: pd.DataFrame, units: Sequence[str] | None) -> pd.DataFrame:
    """Name the selection's row (display_id NULL) and keep it only beside two or more units.

    Expects `display_id` and `unit` (the unit's label, NULL on the selection's row); adds `is_total`.
    """
    frame = frame.copy()
    frame["is_total"] = frame["display_id"].isna()
    frame["unit"] = frame["unit"].where(~frame["is_total"], total_label(units))
    if frame.loc[~frame["is_total"], "display_id"].nunique() < 2:
        frame = frame[~frame["is_total"]]
    return frame.reset_index(drop=True)


def _annotate(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["label"] = [BY_CODE[c].label for c in frame["indicator"]]
    frame["population"] = [BY_CODE[c].denominator_label for c in frame["indicator"]]
    frame["target_text"] = [BY_CODE[c].target_text(y) for c, y in zip(frame["indicator"], frame["year"], strict=True)]
    frame["met"] = [BY_CODE[c].met(r, y) for c, r, y in
                    zip(frame["indicator"], frame["rate"], frame["year"], strict=True)]
    frame["numerator"] = frame["numerator"].astype("int64")
    frame["denominator"] = frame["denominator"].astype("int64")
    return frame


def _position(codes: Sequence[str]) -> dict[str, int]:
    return {code: index for index, code in enumerate(codes)}


def indicator_units(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
    year_from: int, year_to: int, codes: Sequence[str],
) -> pd.DataFrame:
    """indicator, label, population, display_id, unit, is_total, year, numerator, denominator, rate,
    target_text, met: one row per indicator of `codes`, year and display unit, each year's row for
    the selection as a whole first, then the units in their official order (kind, code)."""
    units = as_list(units)
    position = _position(codes)
    by_unit = indicators_by_unit(con, boundary, units, year_from, year_to)
    by_unit = by_unit.assign(unit=by_unit["display_kind"] + " " + by_unit["display_name"])
    total = indicators_by_year(con, boundary, units, year_from, year_to).assign(
        display_id=None, display_kind=None, display_code=None, unit=None)
    columns = ["indicator", "display_id", "display_kind", "display_code", "unit", "year",
               "numerator", "denominator", "rate"]
    frame = pd.concat([total[columns], by_unit[columns]], ignore_index=True)
    frame = frame[frame["indicator"].isin(position)].assign(order=frame["indicator"].map(position))
    frame = frame.sort_values(["order", "year", "display_kind", "display_code"], na_position="first", kind="stable")
    frame = _annotate(label_units(frame, units))
    return frame[["indicator", "label", "population", "display_id", "unit", "is_total", "year",
                  "numerator", "denominator", "rate", "target_text", "met"]].reset_index(drop=True)


def indicator_trend(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
    year_from: int, year_to: int, codes: Sequence[str],
) -> pd.DataFrame:
    """indicator, label, population, year, numerator, denominator, rate, target_text, met: the
    selection summed, per indicator of `codes` (in that order) and year."""
    position = _position(codes)
    frame = indicators_by_year(con, boundary, as_list(units), year_from, year_to)
    frame = frame[frame["indicator"].isin(position)]
    frame = frame.sort_values(["indicator", "year"], key=lambda s: s.map(position) if s.name == "indicator" else s,
                              kind="stable")
    frame = _annotate(frame)
    return frame[["indicator", "label", "population", "year", "numerator", "denominator", "rate",
                  "target_text", "met"]].reset_index(drop=True)


def target_line(code: str, year: int) -> tuple[float, str]:
    """The target in force for `year` and its label, for a line across a chart."""
    indicator = BY_CODE[code]
    period = 2025 if year <= 2025 else 2030
    return indicator.target_for(year), f"Mục tiêu {period}: {indicator.target_text(year)}"


def target_lines(code: str) -> dict[str, float]:
    """The 2025 and 2030 targets as labelled lines (one line when they are the same)."""
    indicator = BY_CODE[code]
    if indicator.target_text(2025) == indicator.target_text(2030):
        return {f"Mục tiêu 2025, 2030: {indicator.target_text(2025)}": indicator.target_2025}
    return {f"Mục tiêu 2025: {indicator.target_text(2025)}": indicator.target_2025,
            f"Mục tiêu 2030: {indicator.target_text(2030)}": indicator.target_2030}


NAMED_QUERIES = {
    "indicator_units": indicator_units,
    "indicator_trend": indicator_trend,
}
