"""Warnings the Standing Committee can act on: one function per rule, each returning the figures
that triggered it, and `all_warnings` gathering them into one list (the page and the meeting report).

Rules (the Đề án's named weaknesses):
- idle_cells: party cells that admitted nobody for `n_years` or more years running, up to the year;
- below_target: units below target on two or more headline indicators (T1–T7) in the year
  ("below": under the target's lower bound, so for T3 under 3%; admitting more than 4% is not below);
- rising_exits: units whose members struck off plus resigned rose two years running up to the year;
- training_gaps: units whose training coverage (T7) was under 100% in any year from 2023 to the year.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from queries.admissions import cells_without_admission
from queries.indicators import BY_CODE, Indicator
from queries.scope import scope_params
from queries.scorecard import headline_cells
from queries.sql import read_sql
from ui.format import vi_count, vi_number, vi_percent

TRAINING_CODE = "T7_training"
TRAINING_FROM = 2023  # T7: 100% every year from 2023
MIN_BELOW = 2
DEFAULT_IDLE_YEARS = 3

# rule code → (title, page that shows the figures, that page's title)
RULES = {
    "idle_cells": ("Chi bộ nhiều năm liền không kết nạp đảng viên", "pages/admissions.py", "Kết nạp đảng viên"),
    "below_target": ("Đơn vị dưới mục tiêu từ 2 chỉ tiêu trở lên", "pages/scorecard.py", "Bảng xếp hạng đơn vị"),
    "rising_exits": ("Xóa tên và xin ra khỏi Đảng tăng hai năm liền", "pages/membership.py",
                     "Biến động đảng viên"),
    "training_gaps": ("Bồi dưỡng nghiệp vụ (T7) chưa đạt 100% từ năm 2023", "pages/training.py",
                      "Bồi dưỡng nghiệp vụ"),
}
WARNING_COLUMNS = ["rule_code", "rule", "display_id", "unit", "subject", "year", "detail", "figures", "page",
                   "page_label"]


def is_below_target(ind: Indicator, rate: float | None, year: int) -> bool:
    """Under the target in force: for `> 90%` at or under 90%; for a band, under its lower bound.
    False without a rate or before the target applies (T7 before 2023)."""
    if ind.met(rate, year) is None:
        return False
    low = ind.target_for(year)
    return rate <= low if ind.strict else rate < low - 1e-12


def idle_cells(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
               n_years: int = DEFAULT_IDLE_YEARS) -> pd.DataFrame:
    """Cells with no admission in each of the last `n_years` or more years: `cells_without_admission`."""
    return cells_without_admission(con, boundary, units, year, n_years)


def below_target(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                 min_indicators: int = MIN_BELOW) -> pd.DataFrame:
    """The indicators under target of units under target on `min_indicators` or more headline
    indicators in `year`: display_id, unit, year, indicator, short_label, numerator, denominator,
    rate, target_text, distance_points, below_count (one row per unit and indicator under target)."""
    cells = headline_cells(con, boundary, units, year, year)
    flags = [is_below_target(BY_CODE[c], r, year) for c, r in zip(cells["indicator"], cells["rate"], strict=True)]
    below = cells[pd.Series(flags, index=cells.index, dtype=bool)].copy()
    below["below_count"] = below.groupby("display_id")["indicator"].transform("count").astype("int64")
    below = below[below["below_count"] >= min_indicators]
    return below[["display_id", "unit", "year", "indicator", "short_label", "numerator", "denominator", "rate",
                  "target_text", "distance_points", "below_count"]].reset_index(drop=True)


def rising_exits(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                 year: int) -> pd.DataFrame:
    """Units whose struck off + resigned rose two years running up to `year`: display_id, unit, year,
    then struck_off, resigned and exits for two years before, the year before, and `year`."""
    frame = con.execute(read_sql("unit_exits_rising"), scope_params(boundary, units, year=year)).df()
    for column in frame.columns[3:]:
        frame[column] = frame[column].astype("int64")
    return frame


def training_gaps(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                  year: int) -> pd.DataFrame:
    """Each year from 2023 to `year` in which a unit trained fewer than all its committee members
    (T7 under 100%): display_id, unit, year, numerator, denominator, rate, shortfall (not trained)."""
    columns = ["display_id", "unit", "year", "numerator", "denominator", "rate", "shortfall"]
    if year < TRAINING_FROM:
        return pd.DataFrame(columns=columns)
    cells = headline_cells(con, boundary, units, TRAINING_FROM, year)
    missed = cells["met"].map(lambda met: met is False).astype(bool)
    gaps = cells[(cells["indicator"] == TRAINING_CODE) & (cells["denominator"] > 0) & missed]
    gaps = gaps.assign(shortfall=gaps["denominator"] - gaps["numerator"])
    return gaps.sort_values(["display_kind", "display_code", "year"], kind="stable")[columns].reset_index(drop=True)


def exits_columns(year: int) -> dict[str, str]:
    """Vietnamese headers of the `rising_exits` frame for `year`."""
    names = {}
    for suffix, shown in (("_two_before", year - 2), ("_before", year - 1), ("", year)):
        names |= {f"struck_off{suffix}": f"Xóa tên {shown}", f"resigned{suffix}": f"Xin ra khỏi Đảng {shown}",
                  f"exits{suffix}": f"Cộng {shown}"}
    return {"unit": "Đơn vị", "year": "Năm", **names}


def _warning(rule_code: str, display_id: str, unit: str, subject: str, year: int, detail: str,
             figures: str) -> dict:
    title, page, page_label = RULES[rule_code]
    return {"rule_code": rule_code, "rule": title, "display_id": display_id, "unit": unit, "subject": subject,
            "year": year, "detail": detail, "figures": figures, "page": page, "page_label": page_label}


def _by_unit(frame: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    """The rows of each (display_id, unit), units in order of first appearance: one pass over the
    records (a pandas group per unit costs a millisecond, 10 s for the country's 10,000 units)."""
    units: dict[tuple[str, str], list[dict]] = {}
    for row in frame.to_dict("records"):
        units.setdefault((row["display_id"], row["unit"]), []).append(row)
    return units


def _idle_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rows = []
    for cell in frame.to_dict("records"):
        run = f"{cell['run_years']} năm liền ({cell['run_from']}–{cell['run_to']})"
        last = cell["last_admission"]
        last_text = f"lần kết nạp gần nhất năm {last}" if str(last).isdigit() else last
        rows.append(_warning(
            "idle_cells", cell["display_id"], cell["unit"], f"{cell['cell_name']} ({cell['cell_code']})", year,
            f"{cell['cell_name']} ({cell['cell_type']}) không kết nạp được đảng viên nào {run}; {last_text}.",
            f"{run}; {last_text}"))
    return rows


def _below_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rows = []
    for (display_id, unit), part in _by_unit(frame).items():
        figures = "; ".join(
            f"{r['short_label']}: {vi_percent(r['rate'])} ({vi_count(r['numerator'], r['denominator'])}), "
            f"mục tiêu {r['target_text']}" for r in part)
        rows.append(_warning(
            "below_target", display_id, unit, unit, year,
            f"Năm {year} dưới mục tiêu {len(part)} chỉ tiêu: {figures}.", figures))
    return rows


def _exits_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rows = []
    for r in frame.to_dict("records"):
        figures = (f"{year - 2}: {vi_number(r['exits_two_before'])} → {year - 1}: {vi_number(r['exits_before'])}"
                   f" → {year}: {vi_number(r['exits'])}")
        rows.append(_warning(
            "rising_exits", r["display_id"], r["unit"], r["unit"], year,
            f"Số đảng viên bị xóa tên và xin ra khỏi Đảng tăng hai năm liền: {figures} (năm {year}: "
            f"{vi_number(r['struck_off'])} xóa tên, {vi_number(r['resigned'])} xin ra khỏi Đảng).", figures))
    return rows


def _training_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rows = []
    for (display_id, unit), part in _by_unit(frame).items():
        figures = "; ".join(f"{r['year']}: {vi_percent(r['rate'])} ({vi_count(r['numerator'], r['denominator'])}"
                            f", {vi_number(r['shortfall'])} người chưa được bồi dưỡng)" for r in part)
        rows.append(_warning(
            "training_gaps", display_id, unit, unit, year,
            f"Tỷ lệ cấp ủy viên được bồi dưỡng nghiệp vụ dưới 100% (mục tiêu 100% mỗi năm từ {TRAINING_FROM}): "
            f"{figures}.", figures))
    return rows


def all_warnings(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                 n_years: int = DEFAULT_IDLE_YEARS) -> pd.DataFrame:
    """Every warning for the selection and year, rule by rule: rule_code, rule (Vietnamese title),
    display_id, unit, subject (the cell or the unit), year, detail (a Vietnamese sentence with the
    figures), figures, page (the page that shows them) and page_label."""
    rows = [
        *_idle_rows(idle_cells(con, boundary, units, year, n_years), year),
        *_below_rows(below_target(con, boundary, units, year), year),
        *_exits_rows(rising_exits(con, boundary, units, year), year),
        *_training_rows(training_gaps(con, boundary, units, year), year),
    ]
    return pd.DataFrame(rows, columns=WARNING_COLUMNS)


def warning_counts(warnings: pd.DataFrame) -> dict[str, int]:
    """How many warnings each rule raised (every rule listed, 0 when none)."""
    counts = warnings["rule_code"].value_counts()
    return {code: int(counts.get(code, 0)) for code in RULES}


NAMED_QUERIES = {
    "warning_idle_cells": idle_cells,
    "warning_below_target": below_target,
    "warning_rising_exits": rising_exits,
    "warning_training_gaps": training_gaps,
    "all_warnings": all_warnings,
}
