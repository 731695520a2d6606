"""Everything the meeting report and the presentation show, for one filter and year, in one object.

Every figure is read through the functions the pages and `python -m etl kpi` use
(`indicators_by_year`, `indicator_units`, `indicator_trend`, so `indicator_facts`): the report
equals the KPI export for the same year and unit. The rendering lives in `report/`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

import duckdb
import pandas as pd

from queries.indicators import HEADLINE, INDICATORS, card_figures, indicators_by_year
from queries.pace import pace_for, projection
from queries.status import data_status, years_loaded
from queries.targets import as_list, indicator_trend, indicator_units

ALL_CODES = tuple(i.code for i in INDICATORS)
# Indicators whose target is a level to reach (T3 is a yearly band, it has no path to a level).
PACE_CODES = tuple(code for code in HEADLINE if code != "T3_admission_rate")


@dataclass(frozen=True)
class MeetingData:
    """The state of the programme for a scope and year, as the committee reviews it."""

    year: int
    first_year: int
    boundary: str
    units: tuple[str, ...] | None
    scope_label: str
    last_load: datetime | None
    any_sample: bool
    cards: pd.DataFrame  # card_figures: the seven headline indicators of `year`
    indicators: pd.DataFrame  # every indicator of `year`, in the KPI export's order
    trend: pd.DataFrame  # indicator_trend: every indicator per year, first_year … year
    by_unit: pd.DataFrame  # indicator_units: every indicator per unit in `year`, the selection first
    pace: pd.DataFrame  # one row per indicator of PACE_CODES: pace to the 2025 and 2030 targets
    pace_paths: pd.DataFrame  # indicator, year, rate, path ("observed" / "projection")
    scorecard: pd.DataFrame
    warnings: pd.DataFrame


def _pace(trend: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, paths = [], []
    for code in PACE_CODES:
        series = trend[trend["indicator"] == code]
        pace = pace_for(series, code)
        if pace is None:
            continue
        label = series["label"].iloc[0]
        rows.append({"label": label, **asdict(pace)})
        observed = series[["year", "rate"]].dropna().assign(indicator=code, path="observed")
        ahead = projection(pace).assign(indicator=code, path="projection")
        paths += [observed, ahead]
    pace_columns = ["indicator", "label", "base_year", "base_rate", "latest_year", "latest_rate",
                    "observed_per_year", "needed_2025", "needed_2030", "reach_2025", "reach_2030"]
    path_columns = ["indicator", "path", "year", "rate"]
    return (pd.DataFrame(rows, columns=pace_columns),
            pd.concat(paths, ignore_index=True)[path_columns] if paths else pd.DataFrame(columns=path_columns))


def meeting_data(
    con: duckdb.DuckDBPyConnection, boundary: str, units: tuple[str, ...] | list[str] | None, year: int,
    scope_label: str,
) -> MeetingData:
    """The report's content for display units `units` (None: the whole town) in `year`."""
    units = tuple(units) if units else None
    first_year = years_loaded(con)[0]
    status = data_status(con)
    by_year = indicators_by_year(con, boundary, as_list(units), first_year, year)
    trend = indicator_trend(con, boundary, units, first_year, year, ALL_CODES)
    pace, pace_paths = _pace(trend)
    return MeetingData(
        year=year, first_year=first_year, boundary=boundary, units=units, scope_label=scope_label,
        last_load=status.last_load, any_sample=status.any_sample,
        cards=card_figures(by_year, year),
        indicators=trend[trend["year"] == year].reset_index(drop=True),
        trend=trend,
        by_unit=indicator_units(con, boundary, units, year, year, ALL_CODES),
        pace=pace, pace_paths=pace_paths,
        scorecard=pd.DataFrame(),
        warnings=pd.DataFrame(),
    )


NAMED_QUERIES = {
    "meeting_data": meeting_data,
}
