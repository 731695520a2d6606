"""Indicators judged against the programme, ready to chart and to list: per unit, per year, and the
figures of one year (the cards, the report's table and the KPI export read that one function).

The figures are those of `queries.indicators` (so of `indicator_facts`); every verdict is
`queries.judgement.judge_frame`'s. The helpers at the bottom serve the other query modules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import duckdb
import numpy as np
import pandas as pd

from core.numbers import vi_count, vi_number
from queries.coverage import none_in, not_all_in, partial_years, partly_in, year_coming_in, year_units
from queries.indicators import HISTORY_FROM, indicators_by_unit, indicators_by_year
from queries.judgement import (
    COMING_IN,
    VERDICT_COLUMNS,
    gap_text,
    goal_text,
    judge_frame,
    not_submitted,
    people_short,
)
from queries.programme import Kind, programme
from queries.rate_text import rate_text
from queries.scope import allowed_param, area_label

SELECTED_UNITS = "Cộng các đơn vị đã chọn"


def as_list(units: Sequence[str] | None) -> list[str] | None:
    """Display ids as DuckDB binds a list; None (or empty) means every unit."""
    return list(units) if units else None


def total_label(units: Sequence[str] | None, year: int) -> str:
    """The name of the selection's row: the whole area's name in `year`, or the selected units summed."""
    return SELECTED_UNITS if units else area_label(allowed_param(), year)


def change_withheld(year: int) -> str:
    """What a card says once in place of the change from the year before when `year` is still coming in."""
    return f"Chưa so với năm {year - 1}: năm {year} đang nhận báo cáo"


def marked_coming_in(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                     frame: pd.DataFrame) -> pd.DataFrame:
    """The selection's indicator rows (`frame`, with their pace) with the column COMING_IN: true on the rows
    of `year` when it is still coming in for the selection (queries.coverage.year_coming_in), whose pace is
    then withheld: it would measure the units in so far against all of them in the baseline year."""
    return with_coming_in(frame, (frame["year"] == year).to_numpy(dtype=bool)
                          & year_coming_in(con, boundary, as_tuple(units), year))


def with_coming_in(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """Indicator rows (with their pace) with the column COMING_IN true on `rows`, whose pace is withheld."""
    return frame.assign(**{COMING_IN: rows, "observed_per_year": frame["observed_per_year"].where(~rows)})


def as_tuple(units: Sequence[str] | None) -> tuple[str, ...] | None:
    return tuple(units) if units else None


def label_units(frame: pd.DataFrame, units: Sequence[str] | None, year: int) -> pd.DataFrame:
    """Name the selection's row (display_id NULL) and keep it only beside two or more units.

    Expects `display_id` and `unit` (the unit's label, NULL on the selection's row); adds `is_total`.
    """
    frame = frame.copy()
    frame["is_total"] = frame["display_id"].isna()
    frame["unit"] = frame["unit"].where(~frame["is_total"], total_label(units, year))
    if frame.loc[~frame["is_total"], "display_id"].nunique() < 2:
        frame = frame[~frame["is_total"]]
    return frame.reset_index(drop=True)


def judged(frame: pd.DataFrame) -> pd.DataFrame:
    """Indicator rows (with their pace) named and judged: label, population and VERDICT_COLUMNS."""
    prog = programme()
    frame = judge_frame(frame)
    codes = frame["indicator"].unique()  # looked up once per indicator: the country has 200,000 rows
    frame["label"] = frame["indicator"].map({c: prog.indicator(c).label for c in codes}).astype("str")
    frame["population"] = frame["indicator"].map({c: prog.indicator(c).denominator_label for c in codes}).astype("str")
    for column in ("numerator", "denominator", "not_reported"):
        if column in frame.columns:
            frame[column] = frame[column].astype("int64")
    return frame


def _in_order(frame: pd.DataFrame, codes: Sequence[str], by: list[str]) -> pd.DataFrame:
    position = {code: index for index, code in enumerate(codes)}
    frame = frame[frame["indicator"].isin(position)]
    return frame.assign(_order=frame["indicator"].map(position)).sort_values(
        ["_order", *by], na_position="first", kind="stable").drop(columns="_order")


ROW_COLUMNS = ["indicator", "label", "population", "year", "numerator", "denominator", "not_reported", "rate",
               *VERDICT_COLUMNS]


def indicator_units(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
    year_from: int, year_to: int, codes: Sequence[str],
) -> pd.DataFrame:
    """indicator, label, population, display_id, unit, is_total, year, numerator, denominator, rate and
    the verdict: one row per indicator of `codes`, year and display unit, each year's row for the
    selection as a whole first, then the units in their official order (kind, code). For one year the
    units are those of that year, their paces reaching back through the units merged into them."""
    units, codes = as_list(units), tuple(codes)
    as_of = year_to if year_from == year_to else None
    by_unit = indicators_by_unit(con, boundary, units, year_from, year_to, as_of=as_of, paced=True, codes=codes)
    by_unit = by_unit.assign(unit=by_unit["display_label"])
    total = indicators_by_year(con, boundary, units, year_from, year_to, paced=True, codes=codes)
    expected = year_units(con, boundary, as_tuple(units), year_to)  # the selection's year, and each unit's
    total = with_coming_in(total, (total["year"] == year_to).to_numpy(dtype=bool) & partly_in(expected)).assign(
        display_id=None, display_rank=None, display_code=None, unit=None)
    by_unit = with_coming_in(by_unit, ((by_unit["year"] == year_to)  # a unit only part of whose units are in
                                       & by_unit["display_id"].isin(not_all_in(expected)["display_id"])).to_numpy())
    columns = ["indicator", "display_id", "display_rank", "display_code", "unit", "year", "numerator",
               "denominator", "not_reported", "rate", "observed_per_year", COMING_IN]
    frame = pd.concat([total[columns], by_unit[columns]], ignore_index=True)
    frame = _in_order(frame, codes, ["year", "display_rank", "display_code"])
    frame = judged(label_units(frame, units, year_to))
    return frame[["indicator", "label", "population", "display_id", "unit", "is_total", "year", "numerator",
                  "denominator", "not_reported", "rate", *VERDICT_COLUMNS]].reset_index(drop=True)


def indicator_trend(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
    year_from: int, year_to: int, codes: Sequence[str],
) -> pd.DataFrame:
    """indicator, label, population, year, numerator, denominator, rate, note and the verdict: the selection
    summed, per indicator of `codes` (in that order) and year. `note`: a year only part of whose units reported
    (queries.coverage.partial_years: `Chỉ có 5/6 đơn vị nộp báo cáo`), and what the indicator counts otherwise
    from the year on (`basis_note`)."""
    frame = indicators_by_year(con, boundary, as_list(units), year_from, year_to, paced=True)
    frame = _in_order(marked_coming_in(con, boundary, units, year_to, frame), codes, ["year"])
    frame = judged(frame)
    partial = {year: words[0].upper() + words[1:]
               for year, words in partial_years(con, boundary, as_tuple(units), year_from, year_to).items()}
    frame["note"] = ["; ".join(part for part in (partial.get(y, ""), basis_note(c, y)) if part)
                     for c, y in zip(frame["indicator"], frame["year"], strict=True)]
    return frame[[*ROW_COLUMNS, "note"]].reset_index(drop=True)


def basis_note(code: str, year: int) -> str:
    """`Từ 2025: tính theo chi bộ cơ sở` when the indicator counts differently from some year, else ''."""
    return programme().indicator(code).basis(year).note or ""


def basis_notes(codes: Sequence[str], year: int) -> str:
    """`T1: Từ 2025: tính theo chi bộ cơ sở` for the indicators of `codes` counted differently in
    `year` than before: the note a chart of several indicators carries."""
    prog = programme()
    return "; ".join(f"{prog.indicator(c).group}: {basis_note(c, year)}" for c in codes if basis_note(c, year))


def basis_breaks(code: str, year_from: int, year_to: int) -> dict[int, str]:
    """The years within the range from which the indicator counts something else, with their note:
    a chart marks them and draws no line across them."""
    return {b.from_year: b.note or "" for b in programme().indicator(code).bases[1:]
            if year_from < b.from_year <= year_to}


def selection_series(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                     codes: Sequence[str] | None = None, series: pd.DataFrame | None = None) -> pd.DataFrame:
    """The selection's `indicators_by_year` of every year up to `year`, with its pace, for the indicators of
    `codes` (default: every one), `year` marked when still coming in (`marked_coming_in`): taken from
    `series`, the same of every indicator, when the caller has read it (each indicator's rows do not depend
    on the others read with it), else read now."""
    if series is None:
        rows = indicators_by_year(con, boundary, as_list(units), HISTORY_FROM, year, paced=True, codes=codes)
        return marked_coming_in(con, boundary, units, year, rows)
    return series if codes is None else series[series["indicator"].isin(codes)].reset_index(drop=True)


def year_figures(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                 codes: Sequence[str] | None = None, series: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator of `codes` (default: every indicator) for `year`: the figures, the
    verdict, the change from the year before (none across a change of what is counted, nor to a year
    still coming in: `change_note` then says so), the rates of the years counted alike (`trend`), the
    gap in people and the basis note. `series`: the selection's `selection_series` of every indicator,
    when the caller has read it."""
    prog = programme()
    codes = tuple(codes or prog.codes)
    series = selection_series(con, boundary, units, year, series=series)
    series = series[series["indicator"].isin(codes)]
    judged_rows = _judged_rows(series[series["year"] == year], codes, year)
    withheld = bool(series[COMING_IN].any())  # the year still coming in: no change from the year before
    by_code = {code: group for code, group in series.groupby("indicator", sort=False)}
    rows = []
    for code in codes:
        ind = prog.indicator(code)
        history = by_code.get(code, series.iloc[:0])
        alike = history[history["basis"] == ind.basis_start(year)]
        before = alike[alike["year"] == year - 1]
        row = judged_rows[code]
        previous = float(before["rate"].iloc[0]) if len(before) and not withheld else np.nan
        short = people_short(row["numerator"], row["denominator"], row["goal"], ind.strict) \
            if row["denominator"] and pd.notna(row["goal"]) else 0
        rows.append({**row, "indicator": code, "group": ind.group, "short": ind.short, "label": ind.label,
                     "heading": ind.heading, "headline": ind.headline, "targets": deadline_targets(ind),
                     "rises_well": ind.kind is not Kind.FLOOR_BAND, "previous_rate": previous,
                     "change": row["rate"] - previous if pd.notna(row["rate"]) and pd.notna(previous) else np.nan,
                     "change_note": change_withheld(year) if withheld else "",
                     "trend": alike["rate"].dropna().tolist(), "basis_note": basis_note(code, year),
                     "gap_text": gap_text(ind, int(short), row["goal"] if pd.notna(row["goal"]) else None)})
    frame = pd.DataFrame(rows)
    frame["level"] = frame["level"].astype("Int64")
    by_indicator = dict(zip(frame["indicator"], rows, strict=True))
    frame["beside_text"] = [beside_text(by_indicator, code) for code in frame["indicator"]]
    if not (series["year"] == year).any() and none_in(year_units(con, boundary, as_tuple(units), year)):
        frame = not_submitted(frame, year)  # a unit yet to report (compared, the KPI export): unknown, not 0/0
    return frame[["indicator", "group", "short", "label", "heading", "headline", "population", "year", "numerator",
                  "denominator", "not_reported", "rate", "previous_rate", "change", "change_note", *VERDICT_COLUMNS,
                  "targets", "rises_well", "trend", "basis_note", "gap_text", "beside_text"]]


def beside_text(figures: Mapping[str, Mapping], code: str) -> str:
    """What a headline card says of the indicators shown beside it (data/programme.toml `ben_canh`), from
    the rows of year_figures by indicator, short enough for a card: `Kết nạp so với chỉ tiêu giao: 90,83%
    (109/120) — chưa đạt; 2 đơn vị chưa báo cáo`; '' when none."""
    prog = programme()
    parts = []
    for row in (figures[other] for other in prog.beside(code) if other in figures):
        ind = prog.indicator(row["indicator"])
        text = f"{ind.compact}: " + (f"{rate_text(row['rate'])} ({vi_count(row['numerator'], row['denominator'])}) — "
                                   f"{row['verdict'].lower()}" if row["denominator"] else "chưa có số liệu")
        if row["not_reported"]:
            text += f"; {vi_number(row['not_reported'])} {ind.counted or ''} chưa báo cáo".replace("  ", " ")
        parts.append(text)
    return "; ".join(parts)


def not_reported_note(frame: pd.DataFrame) -> str | None:
    """`Chưa báo cáo (không tính vào tử số, mẫu số): Chi bộ có sinh hoạt chuyên đề — 150 chi bộ; …` for
    the rows of an indicator frame (indicator, not_reported) that left something out; None if none."""
    prog = programme()
    parts = []
    for code, count in zip(frame["indicator"], frame["not_reported"], strict=True):
        if count:
            ind = prog.indicator(code)
            parts.append(f"{ind.label} — {vi_number(count)} {ind.counted or ''}".rstrip())
    return "Chưa báo cáo (không tính vào tử số, mẫu số): " + "; ".join(parts) + "." if parts else None


def deadline_targets(ind) -> str:
    """`Mục tiêu 2025: ≥ 50% · 2030: ≥ 75%`: the level of every deadline."""
    prog = programme()
    parts = [f"{d}: {goal_text(ind, ind.level(d))}" for d in prog.deadlines if ind.level(d) is not None]
    return "Mục tiêu " + " · ".join(parts) if parts else "Không đặt mục tiêu"


def _judged_rows(figures: pd.DataFrame, codes: Sequence[str], year: int) -> dict[str, dict]:
    """The judged row of each of `codes` in `year` by indicator, from `figures` (indicator rows of that
    year); an indicator nobody reported: 0/0, no rate."""
    rows = {row["indicator"]: row for row in judged(figures).to_dict("records")}
    missing = [code for code in codes if code not in rows]
    if missing:
        empty = pd.DataFrame({"indicator": missing, "year": year, "numerator": 0, "denominator": 0,
                              "not_reported": 0, "rate": np.nan, "observed_per_year": np.nan})
        rows |= {row["indicator"]: row for row in judged(empty).to_dict("records")}
    return rows


def target_line(code: str, year: int) -> tuple[float | None, str | None]:
    """The level in force for `year` and its label, for a line across a chart; (None, None) without one."""
    ind = programme().indicator(code)
    deadline = programme().deadline_for(year)
    if ind.level(deadline) is None:
        return None, None
    return ind.level(deadline), f"Mục tiêu {deadline}: {_plain_text(code, deadline)}"


def target_lines(code: str) -> dict[str, float]:
    """The level of every deadline as labelled lines (one line for deadlines with the same level)."""
    prog = programme()
    ind = prog.indicator(code)
    lines: dict[float, list[int]] = {}
    for deadline in prog.deadlines:
        if ind.level(deadline) is not None:
            lines.setdefault(ind.level(deadline), []).append(deadline)
    return {f"Mục tiêu {', '.join(map(str, years))}: {_plain_text(code, years[0])}": level
            for level, years in lines.items()}


def _plain_text(code: str, deadline: int) -> str:
    ind = programme().indicator(code)
    return goal_text(ind, ind.level(deadline))


NAMED_QUERIES = {
    "indicator_units": indicator_units,
    "indicator_trend": indicator_trend,
    "year_figures": year_figures,
}
