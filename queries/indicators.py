"""The indicators' figures: numerator and denominator per year, per display unit or for the selection,
from `indicator_facts` (views.sql) through the facts data/programme.toml says each indicator reads."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from queries.judgement import Status
from queries.pace import with_pace
from queries.precomputed import stored
from queries.programme import programme
from queries.scope import BOUNDARIES, BOUNDARY_CURRENT, BOUNDARY_REPORTED, scope_params  # noqa: F401 (re-exported)
from queries.sql import read_sql

HISTORY_FROM = 0  # a pace's base row may be any year before the one judged


def with_rate(frame: pd.DataFrame, numerator: str = "numerator", denominator: str = "denominator",
              rate: str = "rate") -> pd.DataFrame:
    """`rate` = numerator / denominator, missing where the denominator is 0."""
    frame = frame.copy()
    frame[rate] = frame[numerator] / frame[denominator].where(frame[denominator] != 0)
    return frame


def nothing_reported(frame: pd.DataFrame) -> pd.Series:
    """The rows of an indicator frame (numerator, denominator, not_reported) that sum nothing reported: every unit,
    cell or secretary of the row left the field out ("chưa báo cáo"). Their figures are the sum over none of them:
    unknown, not 0 (the quota of a year before format v2 is not a quota of 0, nor its admissions 0); so are those
    of a selection that has not reported the year at all (status not_submitted, queries.judgement.not_submitted)."""
    unknown = (frame["not_reported"] > 0) & (frame["numerator"] == 0) & (frame["denominator"] == 0)
    if "status" in frame.columns:
        unknown |= frame["status"] == Status.NOT_SUBMITTED.value
    return unknown


def reported_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with numerator and denominator missing (`—` on screen, blank in files) on the rows that sum
    nothing reported (`nothing_reported`): how every table, download, the report and the KPI export show them."""
    if not {"numerator", "denominator", "not_reported"} <= set(frame.columns):
        return frame
    unknown = nothing_reported(frame)
    if not unknown.any():
        return frame
    return frame.assign(numerator=frame["numerator"].astype("Int64").mask(unknown),
                        denominator=frame["denominator"].astype("Int64").mask(unknown))


def indicator_params(boundary: str, units: Sequence[str] | None, year_from: int, year_to: int, *,
                     by_unit: bool, as_of: int | None, paced: bool = False, latest_only: bool = False,
                     codes: Sequence[str] | None = None) -> dict:
    prog = programme()
    return scope_params(
        boundary, units, year_from=year_from, year_to=year_to, by_unit=by_unit, as_of=as_of, paced=paced,
        latest_only=latest_only, history_from=HISTORY_FROM if paced else year_from, baseline=prog.baseline,
        sources=prog.sources(None if codes is None else tuple(codes)),
    )


def indicator_sql_frame(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year_from: int,
                        year_to: int, **options) -> pd.DataFrame:
    """indicators.sql's rows, computed now."""
    return con.execute(read_sql("indicators"), indicator_params(boundary, units, year_from, year_to, **options)).df()


def _stored_rows(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year_from: int,
                 year_to: int, options: dict) -> pd.DataFrame | None:
    """indicators.sql's rows as a write session stored them (queries.precomputed), where they answer:
    paced, counted as of the last year, the whole area's every year or each unit's in one year."""
    if not options.get("paced") or options.get("latest_only") or options.get("as_of") != year_to:
        return None
    codes = None if options.get("codes") is None else list(options["codes"])
    if not options["by_unit"]:
        return None if units else stored(con, "area_indicators", boundary, year_to, None, year_from=year_from,
                                         year_to=year_to, codes=codes)
    return stored(con, "unit_indicators", boundary, year_to, units, codes=codes) if year_from == year_to else None


def indicator_rows(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year_from: int,
                   year_to: int, **options) -> pd.DataFrame:
    """indicators.sql with its rate and, when `paced`, each row's observed pace (`observed_per_year`)."""
    frame = _stored_rows(con, boundary, units, year_from, year_to, options)
    if frame is None:
        frame = indicator_sql_frame(con, boundary, units, year_from, year_to, **options)
    frame = with_rate(frame)
    return with_pace(frame) if options.get("paced") else frame.assign(observed_per_year=float("nan"))


def indicators_by_year(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year_from: int,
                       year_to: int, paced: bool = False, codes: Sequence[str] | None = None,
                       latest_only: bool = False) -> pd.DataFrame:
    """year, indicator, basis, numerator, denominator, rate (and the pace): the selected units summed,
    a unit merged by `year_to` counted in its successor (the series never restarts at the merger)."""
    frame = indicator_rows(con, boundary, units, year_from, year_to, by_unit=False, as_of=year_to, paced=paced,
                           codes=codes, latest_only=latest_only)
    return frame.drop(columns=["display_id", "display_code", "display_kind", "display_name", "display_label",
                               "display_rank"])


def indicators_by_unit(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year_from: int,
                       year_to: int, as_of: int | None = None, paced: bool = False,
                       codes: Sequence[str] | None = None, latest_only: bool = False) -> pd.DataFrame:
    """display_id, display_code, display_kind, display_name, display_label (the unit's name as shown),
    display_rank (the official order of kinds), year, indicator, basis, numerator, denominator,
    not_reported (what a format v2 fact left out as not reported), rate (and the pace), for the indicators of `codes` (default: all): each unit under its
    own display unit, or as of `as_of`; with `latest_only` only each unit's latest year with a rate."""
    return indicator_rows(con, boundary, units, year_from, year_to, by_unit=True, as_of=as_of, paced=paced,
                          codes=codes, latest_only=latest_only)


def _units(units) -> list[str] | None:
    return list(units) if units else None


NAMED_QUERIES = {
    "indicators_by_year": lambda con, boundary, units, y0, y1: indicators_by_year(con, boundary, _units(units), y0, y1),
    "indicators_by_unit": lambda con, boundary, units, y0, y1: indicators_by_unit(con, boundary, _units(units), y0, y1),
}
