"""Which units have reported for a year: a year still coming in covers only the units in so far.

The filter bar opens on the year before one still coming in (`opening_year`); every page, the slides and the
report say how many units are in and name the others (`coming_in`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import duckdb
import pandas as pd

from core.numbers import vi_number
from core.wording import in_sentence
from queries.scope import BOUNDARY_REPORTED, scope_params
from queries.sql import query_sql, read_sql

NAMED_MISSING = 6  # units not in yet named in the banner; the rest counted
UNREPORTED = "Chưa nộp báo cáo"  # a unit none of whose report for the year is in
_KEPT: ContextVar[dict[tuple, tuple[duckdb.DuckDBPyConnection, pd.DataFrame]] | None] = ContextVar(
    "coverage_kept", default=None)


@contextmanager
def read_once() -> Iterator[None]:
    """Within it (a `with`, or a function it decorates), `year_units` and `year_counts` read the database once for
    each connection, selection, reader's scope and year, and a selection's `year_units` of a year are the whole
    area's rows of its display units once those were read (all `selected_units` keeps of them): the meeting data asks for them
    through the ranking, the banner, the trend, the tables by unit and the warnings, 20-70 ms a read for the
    country. Each caller gets a frame of its own."""
    token = _KEPT.set({})
    try:
        yield
    finally:
        _KEPT.reset(token)


def _key(name: str, con: duckdb.DuckDBPyConnection, params: dict) -> tuple:
    return (name, id(con), *((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _kept(name: str, con: duckdb.DuckDBPyConnection, params: dict) -> pd.DataFrame | None:
    """The frame the query `name` gave for `params` on `con` within `read_once`, if it was read."""
    found = (_KEPT.get() or {}).get(_key(name, con, params))
    return found[1] if found and found[0] is con else None


def _read(name: str, con: duckdb.DuckDBPyConnection, params: dict, sql: str) -> pd.DataFrame:
    """The rows of `sql`, the query `name`, for `params`: read once within `read_once`."""
    kept = _KEPT.get()
    if kept is None:
        return con.execute(sql, params).df()
    found = _kept(name, con, params)
    if found is None:
        found = con.execute(sql, params).df()
        kept[_key(name, con, params)] = (con, found)
    return found.copy()


def year_units(con: duckdb.DuckDBPyConnection, boundary: str, units: tuple[str, ...] | None, year: int | None,
               ) -> pd.DataFrame:
    """year, unit (its full name), reported, display_id, display_label, display_rank, display_code: each unit of
    the selection expected to report for `year` (None: every year loaded), whether it has, and the display unit
    it is shown under (queries/sql/year_units.sql says which units are expected)."""
    whole = _kept("year_units", con, scope_params(boundary, None, year=year)) if units and year is not None else None
    if whole is not None:  # not for every year: a selection's are the years its own units reported
        return whole[whole["display_id"].isin(units)].reset_index(drop=True)
    return _read("year_units", con, scope_params(boundary, units, year=year), read_sql("year_units"))


def year_counts(con: duckdb.DuckDBPyConnection, boundary: str, units: tuple[str, ...] | None) -> pd.DataFrame:
    """year, expected, reported: `year_units` of every year loaded counted per year (queries/sql/year_counts.sql)."""
    return _read("year_counts", con, scope_params(boundary, units, year=None), query_sql("year_counts"))


def partly_in(units: pd.DataFrame) -> bool:
    """Whether some of `units` (year_units of one year) have reported and some not: a year still coming in
    for that selection. All in, or none (the page then says it has no figures): not."""
    return some_in(int(units["reported"].astype(bool).sum()), len(units))


def some_in(reported: int, expected: int) -> bool:
    """`partly_in` counted: some of the `expected` units have reported, not all."""
    return 0 < reported < expected


def year_coming_in(con: duckdb.DuckDBPyConnection, boundary: str, units: tuple[str, ...] | None, year: int) -> bool:
    """Whether `year` is still coming in for the selection (`partly_in`, the banner's test): its figures
    cover only the units in so far, so no change from the year before and no pace is measured to it."""
    return partly_in(year_units(con, boundary, units, year))


def unreported_units(con: duckdb.DuckDBPyConnection, boundary: str, units: tuple[str, ...] | None, year: int,
                     ) -> pd.DataFrame:
    """display_id, unit (its name), expected, reported: the display units of the selection not all of whose units
    have reported for `year` (`partly_in` or none in), in their official order. A row per unit (the ranking, the
    warnings, a table by unit) is theirs only when all of it is in: the units in so far are not the unit."""
    return not_all_in(year_units(con, boundary, units, year))


def not_all_in(units: pd.DataFrame) -> pd.DataFrame:
    """The display units of `units` (year_units of one year) some of whose units have not reported."""
    counted = units.assign(_in=units["reported"].astype(bool))
    shown = counted.groupby("display_id", sort=False).agg(
        unit=("display_label", "first"), _rank=("display_rank", "first"), _code=("display_code", "first"),
        expected=("unit", "size"), reported=("_in", "sum")).reset_index()
    shown = shown[shown["reported"] < shown["expected"]].sort_values(["_rank", "_code", "display_id"], kind="stable")
    return shown[["display_id", "unit", "expected", "reported"]].astype(
        {"expected": "int64", "reported": "int64"}).reset_index(drop=True)


def unreported_words(year: int) -> str:
    """`Chưa nộp báo cáo năm 2026`: what a unit none of whose report for `year` is in shows instead of a verdict."""
    return f"{UNREPORTED} năm {year}"


def nothing_in(units: pd.DataFrame) -> pd.DataFrame:
    """display_id, unit (its name): the display units of `units` (year_units of one year) none of whose units has
    reported, in their official order."""
    missing = not_all_in(units)
    return missing.loc[missing["reported"] == 0, ["display_id", "unit"]].reset_index(drop=True)


def unreported_sentence(names: list[str], year: int) -> str:
    """`Phường Sa Huỳnh chưa nộp báo cáo năm 2025.`: what is said of chosen units that have sent nothing for `year`,
    in the page instead of their figures and in the filter bar."""
    return f"{', '.join(names)} {in_sentence(unreported_words(year))}."


def none_in(units: pd.DataFrame) -> bool:
    """Whether units were expected to report (`units`: year_units of one year) and none of them has: the
    selection's figures of that year are unknown, not 0."""
    return len(units) > 0 and not units["reported"].astype(bool).any()


def unreported_text(missing: pd.DataFrame, year: int, consequence: str) -> str | None:
    """`4 đơn vị chưa nộp báo cáo năm 2026 nên chưa được xếp hạng: Phường Đức Phổ, …, Phường Sa Huỳnh (mới có 1/2
    đơn vị nộp)` for the display units of `unreported_units`; None when every unit is in."""
    if missing.empty:
        return None
    names = [name if done == 0 else f"{name} (mới có {vi_number(done)}/{vi_number(whole)} đơn vị nộp)"
             for name, done, whole in zip(missing["unit"], missing["reported"], missing["expected"], strict=True)]
    named = ", ".join(names[:NAMED_MISSING])
    if len(names) > NAMED_MISSING:
        named += f" và {vi_number(len(names) - NAMED_MISSING)} đơn vị khác"
    return f"{unreported_count(missing, year)} nên {consequence}: {named}."


def unreported_count(missing: pd.DataFrame, year: int) -> str:
    """`9 đơn vị chưa nộp báo cáo năm 2026` (`chưa nộp đủ` when some have part of it in) for the display units of
    `unreported_units`: where there is no room for their names (a chart's note, a slide)."""
    some = "nộp đủ" if missing["reported"].any() else "nộp"
    return f"{vi_number(len(missing))} đơn vị chưa {some} báo cáo năm {year}"


def partial_years(con: duckdb.DuckDBPyConnection, boundary: str, units: tuple[str, ...] | None, year_from: int,
                  year_to: int) -> dict[int, str]:
    """The years from `year_from` to `year_to` only part of whose units reported for the selection (`partly_in`, the
    rule of a year still coming in), each with how many: `{2023: "chỉ có 5/6 đơn vị nộp báo cáo"}`. Their figures
    cover only the units in: a trend or a table of several years says so on their rows."""
    counts = year_counts(con, boundary, units)
    counts = counts[counts["year"].between(year_from, year_to)]
    return {int(year): f"chỉ có {vi_number(int(done))}/{vi_number(int(whole))} đơn vị nộp báo cáo"
            for year, whole, done in zip(counts["year"], counts["expected"], counts["reported"], strict=True)
            if some_in(int(done), int(whole))}


def partial_years_text(years: dict[int, str]) -> str | None:
    """`Năm 2023 chỉ có 5/6 đơn vị nộp báo cáo: số liệu năm đó chỉ gồm các đơn vị đã nộp.` for `partial_years`;
    None when none."""
    if not years:
        return None
    said = "; ".join(f"năm {year} {words}" for year, words in years.items())
    those = "năm đó" if len(years) == 1 else "các năm đó"
    return f"{said[0].upper()}{said[1:]}: số liệu {those} chỉ gồm các đơn vị đã nộp."


def year_coverage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """year, expected, reported: per year loaded, how many of the units the reader may see were expected to
    report (`year_units`) and how many have; a year still coming in has fewer."""
    return year_counts(con, BOUNDARY_REPORTED, None)


def opening_year(coverage: pd.DataFrame) -> int | None:
    """The year the filter bar opens on: the latest loaded, unless fewer of its units have reported than of
    the year before (a year still coming in), then that year. None when nothing is loaded.

    One year back at most: a unit that never reports (dissolved, yet still in the unit list) must not pin
    the dashboard to an old year; the banner of a year still coming in names the units not in yet."""
    if coverage.empty:
        return None
    shares = (coverage["reported"] / coverage["expected"].clip(lower=1)).tolist()
    years = coverage["year"].astype(int).tolist()
    if len(years) > 1 and shares[-1] < 1 and shares[-1] < shares[-2]:
        return years[-2]
    return years[-1]


def coming_in(units: pd.DataFrame, year: int) -> str | None:
    """The banner of a year some of whose expected units have reported and some not: the figures then
    cover only those in, and the units not in yet are named. None for a year all in (or none: the page
    says it has no figures)."""
    if not partly_in(units):
        return None
    missing = units.loc[~units["reported"].astype(bool), "unit"].tolist()
    named = ", ".join(missing[:NAMED_MISSING])
    if len(missing) > NAMED_MISSING:
        named += f" và {vi_number(len(missing) - NAMED_MISSING)} đơn vị khác"
    return (f"**Năm {year} mới có {short_coverage(units)} nộp báo cáo**: số liệu chỉ gồm các đơn vị đã nộp, nên so "
            f"sánh với năm trước và tiến độ chưa đủ căn cứ. Chưa nộp: {named}.")


def still_coming_in(coverage: pd.DataFrame, year: int) -> str | None:
    """Seen from an earlier `year`, the latest year loaded when it is still coming in: where it stands, so that
    the dashboard opening on the year before (`opening_year`) does not hide it. None otherwise."""
    if coverage.empty:
        return None
    latest = coverage.iloc[-1]
    if int(latest["year"]) <= year or latest["reported"] >= latest["expected"]:
        return None
    return (f"Năm {int(latest['year'])} đang nhận báo cáo: mới có {vi_number(int(latest['reported']))}/"
            f"{vi_number(int(latest['expected']))} đơn vị nộp; chọn năm {int(latest['year'])} ở bộ lọc để xem.")


def short_coverage(units: pd.DataFrame) -> str:
    """`1/5 đơn vị`: how many of the expected units have reported."""
    return f"{vi_number(int(units['reported'].sum()))}/{vi_number(len(units))} đơn vị"


NAMED_QUERIES = {
    "partial_years": partial_years,
    "unreported_units": unreported_units,
    "year_coverage": year_coverage,
    "year_units": year_units,
}
