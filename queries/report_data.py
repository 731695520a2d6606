"""Everything the meeting report and the presentation show, for one filter and year, in one object.

Every figure is read through the functions the pages and `python -m etl kpi` use
(`indicators_by_year`, `indicator_units`, `indicator_trend`, the scorecard, pace and warning
queries, so `indicator_facts`): the report equals the KPI export for the same year and unit.
The rendering lives in `report/`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from database.units import left_out_note
from queries.coverage import coming_in, partial_years, read_once, unreported_units, year_units
from queries.indicators import BOUNDARY_REPORTED
from queries.kpi import display_unit
from queries.programme import programme
from queries.progress import pace_by_indicator, pace_path, projected_codes
from queries.scope import allowed_param, area_label
from queries.scorecard import ranked_units, ranking_and_scorecard, scorecard_order
from queries.status import data_status, years_loaded
from queries.targets import indicator_trend, indicator_units, selection_series, year_figures
from queries.warnings import DEFAULT_IDLE_YEARS, all_warnings


def pace_chart_codes() -> tuple[str, ...]:
    """The headline indicators with a level to reach by a deadline, charted in the pace section."""
    return tuple(code for code in programme().headline if code in projected_codes())


@dataclass(frozen=True)
class MeetingData:
    """The state of the programme for a scope and year, as the committee reviews it."""

    year: int
    first_year: int
    boundary: str
    units: tuple[str, ...] | None  # display ids; None = the whole town
    scope_label: str
    last_load: datetime | None
    any_sample: bool
    cards: pd.DataFrame  # year_figures of the headline indicators of `year`
    indicators: pd.DataFrame  # year_figures of every indicator of `year`: the KPI export's rows
    trend: pd.DataFrame  # indicator_trend: every indicator per year, first_year … year
    partial_years: dict[int, str]  # the years of `trend` only part of whose units reported (queries.coverage)
    by_unit: pd.DataFrame  # indicator_units: every indicator per unit in `year`, the selection first
    scorecard: pd.DataFrame  # the scorecard's cells of every unit (the selection is marked, not filtered)
    ranking: pd.DataFrame  # the units ranked, best first
    unreported: pd.DataFrame  # the units not all in for `year` (queries.coverage.unreported_units): not ranked
    scorecard_order: tuple[str, ...]  # display ids by rank
    pace: pd.DataFrame  # pace_by_indicator: every indicator with a target level
    pace_paths: pd.DataFrame  # pace_path of each of pace_chart_codes(), with an `indicator` column
    warnings: pd.DataFrame  # all_warnings
    idle_years: int  # the warnings' "no admission for … years"
    coming_in: str | None = None  # a year still coming in: how many units are in, the others named
    ranked: str = "Mọi đơn vị"  # which units the ranking compares (queries.scorecard.ranked_units)


@read_once()
def meeting_data(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int, scope_label: str,
    idle_years: int = DEFAULT_IDLE_YEARS,
) -> MeetingData:
    """The report's content for display units `units` (None: the whole area) in `year`. Which units are expected
    and in (queries.coverage.year_units) is read once for the whole area, by the ranking first: the banner, the
    trend, the tables by unit and the warnings take the selection's from those rows (`read_once`)."""
    units = tuple(units) if units else None
    loaded = years_loaded(con)
    first_year = loaded[0] if loaded else year
    status = data_status(con)
    codes = programme().codes
    ranking, scorecard = ranking_and_scorecard(con, boundary, None, year)
    unreported = unreported_units(con, boundary, None, year)
    series = selection_series(con, boundary, units, year)  # read once: the figures, the pace and its paths
    figures = year_figures(con, boundary, units, year, series=series)
    trend = indicator_trend(con, boundary, units, first_year, year, codes)
    paths = [pace_path(con, boundary, units, year, code, series).assign(indicator=code) for code in pace_chart_codes()]
    return MeetingData(
        year=year, first_year=first_year, boundary=boundary, units=units, scope_label=scope_label,
        last_load=status.last_load, any_sample=status.any_sample,
        cards=figures[figures["indicator"].isin(programme().headline)].reset_index(drop=True),
        indicators=figures,
        trend=trend,
        partial_years=partial_years(con, boundary, units, first_year, year),
        by_unit=indicator_units(con, boundary, units, year, year, codes),
        scorecard=scorecard, ranking=ranking, unreported=unreported, scorecard_order=tuple(scorecard_order(ranking, scorecard)),
        pace=pace_by_indicator(con, boundary, units, year, series=series),
        pace_paths=pd.concat(paths, ignore_index=True),
        warnings=all_warnings(con, boundary, units, year, idle_years),
        idle_years=idle_years,
        coming_in=coming_in(year_units(con, boundary, units, year), year),
        ranked=ranked_units(allowed_param() is not None, len(ranking), all_in=unreported.empty),
    )


def left_out_text(data: MeetingData) -> str | None:
    """The chosen units merged into another by the year, not in the figures of the others chosen: the report's and
    the slides' cover say it as the pages do under their title (database.units.left_out_note). A function, not a
    property: the pages read the meeting data field by field (ui.data.LazyFields)."""
    return left_out_note(data.units or (), data.year)


def selection_unreported(data: MeetingData) -> pd.DataFrame:
    """The units of the selection not all in for the year (`unreported`, of every unit: the ranking's): not
    warned about."""
    return data.unreported[data.unreported["display_id"].isin(data.units)] if data.units else data.unreported


def meeting_data_for(con: duckdb.DuckDBPyConnection, year: int | None = None, unit: str | None = None,
                     boundary: str = BOUNDARY_REPORTED) -> MeetingData:
    """The report of `python -m etl report`: the scope of `python -m etl kpi` (the latest year when
    `year` is None; `unit` a name or code resolved for the year, None for the whole area).

    Raises ValueError (Vietnamese) when the year has no data; UnitNotFound for an unknown unit.
    """
    years = years_loaded(con)
    if not years:
        raise ValueError("Chưa có dữ liệu nào được nạp.")
    year = year if year is not None else years[-1]
    if year not in years:
        raise ValueError(f"Chưa có số liệu năm {year}; các năm đã có: {', '.join(map(str, years))}.")
    if unit is None:
        return meeting_data(con, boundary, None, year, area_label(allowed_param(), year))
    resolved = display_unit(unit, year, boundary)
    return meeting_data(con, boundary, [resolved.unit_id], year, resolved.full_name)


NAMED_QUERIES = {
    "meeting_data": meeting_data,
}
