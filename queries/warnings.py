"""Warnings the Standing Committee can act on: one function per rule, each returning the figures
that triggered it, and `all_warnings` gathering them into one list (the page and the meeting report).

Rules (the Đề án's named weaknesses); a unit of the year counts the units merged into it in earlier
years, whatever the boundary:
- idle_cells: village and residential cells (or every cell) that admitted nobody for `n_years` or
  more years running, up to the year;
- below_target: units under target (below, or behind pace) and no better than the year before on
  two or more headline indicators; an indicator that counts something else from the year on
  (`queries.targets.basis_breaks`: T1 from 2025) is not compared with the year before, so not counted;
- rising_exits: units whose members struck off plus resigned rose two years running up to the year;
- training_gaps: units whose training coverage (T7) was under target in the year;
- weak_secretaries: village and residential cells whose secretary or deputy secretary lacks THPT
  or sơ cấp LLCT;
- excellent_share: excellent ratings (HTXSNV) above the programme's cap, for organisations and members;
- cell_activity: cells that reported no thematic meeting or no inspection in the year (a cell that did
  not report is not listed: "chưa báo cáo" is not 0);
- rising_away: units whose share of members exempted from activity or working away rose two years
  running up to the year.

A unit not all of whose units have reported for the year (queries.coverage.unreported_units) is not warned
about that year, as it is not ranked: the units in so far are not the unit; the page, the report and the
slide say which units those are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps

import duckdb
import numpy as np
import pandas as pd

from queries.admissions import cells_without_admission
from queries.cadres import TRAINING_CODE
from queries.cell_life import INSPECTION_CODE, THEMATIC_CODE
from queries.coverage import unreported_units
from queries.judgement import EPS, SHORT_OF, gap_text, people_short, percent_text
from queries.precomputed import stored
from queries.programme import programme
from queries.ratings import CELL_FACT
from queries.scope import scope_params
from queries.scorecard import headline_cells
from queries.sql import read_sql
from queries.targets import as_tuple, basis_breaks, total_label
from queries.warning_words import (
    EXCELLENT,
    RULES,
    WARNING_COLUMNS,
    activity_rows,
    as_frame,
    away_rows,
    below_rows,
    excellent_rows,
    exits_rows,
    idle_rows,
    secretary_rows,
    training_rows,
)

MIN_BELOW = 2
DEFAULT_IDLE_YEARS = 3

def criteria(year: int, n_years: int, every_kind: bool = False) -> dict[str, str]:
    """What each rule looks for in `year`, in Vietnamese (the page and the report)."""
    prog = programme()
    cells = "Chi bộ" if every_kind else "Chi bộ thôn, tổ dân phố"
    return {
        "idle_cells": f"{cells} không kết nạp được đảng viên nào trong {n_years} năm liền trở lên, tính đến năm "
                      f"{year} (trên các năm có báo cáo; một năm chi bộ không báo cáo làm ngắt chuỗi).",
        "below_target": f"Đơn vị có từ {MIN_BELOW} chỉ tiêu chính trở lên dưới mục tiêu năm {year} (chưa đạt, hoặc chậm "
                        "tiến độ đến mức của mốc sau) mà không cao hơn năm trước; kết nạp vượt khung không tính là "
                        "dưới mục tiêu." + not_compared_text(year),
        "rising_exits": f"Số đảng viên bị xóa tên cộng xin ra khỏi Đảng của đơn vị tăng hai năm liền: năm {year - 2} "
                        f"< năm {year - 1} < năm {year} (cần đủ báo cáo của cả ba năm).",
        "training_gaps": f"Tỷ lệ cấp ủy viên được bồi dưỡng nghiệp vụ dưới mục tiêu trong năm {year}.",
        "weak_secretaries": f"Bí thư, phó bí thư chi bộ thôn, tổ dân phố năm {year} chưa tốt nghiệp THPT hoặc chưa có "
                            "sơ cấp LLCT: Đề án yêu cầu kịp thời thay thế những đồng chí không đảm bảo tiêu chuẩn.",
        "excellent_share": f"Số được xếp loại hoàn thành xuất sắc nhiệm vụ năm {year} vượt "
                           f"{percent_text(prog.excellent_cap)} số được xếp loại hoàn thành tốt nhiệm vụ trở lên "
                           "(tổ chức đảng, đảng viên).",
        "cell_activity": f"Chi bộ báo cáo năm {year} không có buổi sinh hoạt chuyên đề nào, hoặc không tiến hành cuộc "
                         "kiểm tra nào (Đề án: sinh hoạt chuyên đề đơn điệu; nhiều chi bộ chưa thực hiện công tác kiểm "
                         "tra, giám sát). Chi bộ chưa báo cáo các mục này không được xét.",
        "rising_away": f"Tỷ lệ đảng viên miễn sinh hoạt, hoặc tỷ lệ đi làm ăn xa, trên số đảng viên cuối năm của đơn vị "
                       f"tăng hai năm liền: năm {year - 2} < năm {year - 1} < năm {year} (cần đủ báo cáo của cả ba năm).",
    }


def not_compared_text(year: int) -> str:
    """` Chỉ tiêu đổi cách tính trong năm không so với năm trước nên không được xét: T1 (Từ 2025: …).` for
    the headline indicators counted differently in `year` than the year before; '' when none."""
    prog = programme()
    parts = []
    for code in changed_basis(prog.headline, year):
        note = basis_breaks(code, year - 1, year)[year]
        parts.append(prog.indicator(code).group + (f" ({note})" if note else ""))
    return f" Chỉ tiêu đổi cách tính trong năm không so với năm trước nên không được xét: {', '.join(parts)}." \
        if parts else ""


def idle_cells(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
               n_years: int = DEFAULT_IDLE_YEARS, every_kind: bool = False) -> pd.DataFrame:
    """Cells with no admission in each of the last `n_years` or more years: `cells_without_admission`."""
    return cells_without_admission(con, boundary, units, year, n_years, every_kind)


def below_target(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                 min_indicators: int = MIN_BELOW) -> pd.DataFrame:
    """The indicators under target and no better than last year of units with `min_indicators` or more
    such headline indicators in `year`: display_id, unit, year, indicator, short_label, numerator,
    denominator, rate, previous_rate, target_text, verdict, distance_points, gap (people short, in
    words, where the indicator counts people), below_count (one row per unit and indicator)."""
    return _below(headline_cells(con, boundary, units, year - 1, year), year, min_indicators)


def _below(cells: pd.DataFrame, year: int, min_indicators: int = MIN_BELOW) -> pd.DataFrame:
    """`below_target` from the headline cells of `year` and the year before."""
    before = cells.loc[cells["year"] == year - 1, ["display_id", "indicator", "rate"]]
    now = cells[cells["year"] == year].merge(before.rename(columns={"rate": "previous_rate"}),
                                             on=["display_id", "indicator"], how="left")
    improved = now["rate"] > now["previous_rate"].astype(float) + EPS
    comparable = ~now["indicator"].isin(changed_basis(now["indicator"].unique(), year))
    below = now[now["status"].isin(SHORT_OF) & comparable & ~improved].copy()
    below["below_count"] = below.groupby("display_id")["indicator"].transform("count").astype("int64")
    below = below[below["below_count"] >= min_indicators].copy()
    below["gap"] = _gaps(below)
    return below[["display_id", "unit", "year", "indicator", "short_label", "numerator", "denominator", "rate",
                  "previous_rate", "target_text", "verdict", "distance_points", "gap", "below_count"]] \
        .reset_index(drop=True)


def changed_basis(codes: Sequence[str], year: int) -> list[str]:
    """The indicators of `codes` that count something else from `year` on than the year before: no
    comparison with the year before (data/programme.toml `co_so`, read by `basis_breaks`)."""
    return [code for code in codes if year in basis_breaks(code, year - 1, year)]


def _gaps(frame: pd.DataFrame) -> list[str | None]:
    """The people short of each row's goal, in words: indicator by indicator, on arrays."""
    prog = programme()
    gaps = np.full(len(frame), None, dtype=object)
    numerators, denominators = frame["numerator"].to_numpy(), frame["denominator"].to_numpy()
    goals = frame["goal"].to_numpy(dtype=float)
    for code, at in frame.groupby("indicator", sort=False).indices.items():
        ind = prog.indicator(code)
        short = people_short(numerators[at], denominators[at], goals[at], ind.strict)
        gaps[at] = [gap_text(ind, int(people), float(goal)) for people, goal in zip(short, goals[at], strict=True)]
    return gaps.tolist()


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
    """Units whose training coverage (T7) is under target in `year`: display_id, unit, year, numerator,
    denominator, rate, target_text, shortfall (not trained)."""
    return _training(headline_cells(con, boundary, units, year, year), year)


def _training(cells: pd.DataFrame, year: int) -> pd.DataFrame:
    """`training_gaps` from the headline cells of `year`."""
    columns = ["display_id", "unit", "year", "numerator", "denominator", "rate", "target_text", "shortfall"]
    gaps = cells[(cells["year"] == year) & (cells["indicator"] == TRAINING_CODE) & cells["status"].isin(SHORT_OF)]
    gaps = gaps.assign(shortfall=gaps["denominator"] - gaps["numerator"])
    return gaps.sort_values(["display_rank", "display_code"], kind="stable")[columns].reset_index(drop=True)


def weak_secretaries(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                     year: int) -> pd.DataFrame:
    """Secretaries and deputies of village and residential cells lacking THPT or sơ cấp LLCT in `year`:
    display_id, unit, year, cell_code, cell_name, cell_type, role, full_name, lacking (in words)."""
    frame = stored(con, "weak_secretaries", boundary, year, units)
    if frame is None:
        frame = weak_secretary_rows(con, boundary, units, year)
    thpt, llct = frame["has_thpt"].to_numpy(dtype=bool), frame["has_so_cap_llct"].to_numpy(dtype=bool)
    frame["lacking"] = np.select([~thpt & ~llct, ~thpt], ["THPT, sơ cấp LLCT", "THPT"], "sơ cấp LLCT")
    return frame[["display_id", "unit", "year", "cell_code", "cell_name", "cell_type", "role", "full_name", "lacking"]]


def weak_secretary_rows(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                        year: int) -> pd.DataFrame:
    """weak_secretaries.sql's rows, computed now (a write session stores them: queries.precomputed)."""
    return con.execute(read_sql("weak_secretaries"), scope_params(boundary, units, year=year)).df()


def excellent_share(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                    year: int) -> pd.DataFrame:
    """Excellent ratings above the cap: display_id (None: the whole selection), unit, year, group
    (Vietnamese), excellent, good_or_better, share. Organisations are those the cap's organisation
    indicator counts in `year`: party cells per unit, or the units' own organisations over the whole
    selection (the committee above them rates them)."""
    prog = programme()
    frame = con.execute(read_sql("excellent_shares"), scope_params(boundary, units, year=year)).df()
    org = prog.indicator(prog.cap_codes[0]).basis(year)
    parts = []
    if org.fact == CELL_FACT:  # organisations inside each unit: the unit's committee rates them
        parts.append(frame.assign(group=org.name, excellent=frame["cells_excellent"], good=frame["cells_good"]))
    elif len(frame):
        parts.append(pd.DataFrame({"display_id": [None], "unit": [total_label(units, year)], "year": [year],
                                   "group": [org.name], "excellent": [frame["own_excellent"].sum()],
                                   "good": [frame["own_good"].sum()]}))
    parts.append(frame.assign(group="đảng viên", excellent=frame["members_excellent"], good=frame["members_good"]))
    found = pd.concat(parts, ignore_index=True)
    found = found[found["excellent"] > prog.excellent_cap * found["good"] + EPS]
    found = found.assign(share=found["excellent"] / found["good"])
    return found[["display_id", "unit", "year", "group", "excellent", "good", "share"]].rename(
        columns={"good": "good_or_better"}).reset_index(drop=True)


def cell_activity(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                  year: int) -> pd.DataFrame:
    """Cells of `year` that reported no thematic meeting or no inspection: display_id, unit, year,
    cell_code, cell_name, cell_type, lacking (in words)."""
    frame = stored(con, "cell_activity", boundary, year, units)
    if frame is None:
        frame = cell_activity_rows(con, boundary, units, year)
    thematic, inspection = frame["no_thematic"].to_numpy(dtype=bool), frame["no_inspection"].to_numpy(dtype=bool)
    frame["lacking"] = np.select([thematic & inspection, thematic],
                                 ["sinh hoạt chuyên đề, kiểm tra", "sinh hoạt chuyên đề"], "kiểm tra")
    return frame[["display_id", "unit", "year", "cell_code", "cell_name", "cell_type", "lacking"]]


def cell_activity_rows(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                       year: int) -> pd.DataFrame:
    """cells_without_activity.sql's rows, computed now (a write session stores them: queries.precomputed)."""
    params = scope_params(boundary, units, year=year, thematic=THEMATIC_CODE, inspection=INSPECTION_CODE)
    return con.execute(read_sql("cells_without_activity"), params).df()


def rising_away(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                year: int) -> pd.DataFrame:
    """Units whose share of members exempted or working away rose two years running up to `year`:
    display_id, unit, year, member_group, then members, end_count and share for two years before,
    the year before and `year` (one row per unit and group that rose)."""
    frame = con.execute(read_sql("unit_away_rising"), scope_params(boundary, units, year=year)).df()
    for column in ("members_two_before", "end_two_before", "members_before", "end_before", "members", "end_count"):
        frame[column] = frame[column].astype("int64")
    return frame


def all_warnings(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                 n_years: int = DEFAULT_IDLE_YEARS, every_kind: bool = False) -> pd.DataFrame:
    """Every warning for the selection and year, rule by rule: rule_code, rule (Vietnamese title),
    display_id, unit, subject (the cell or the unit), year, detail (a Vietnamese sentence with the
    figures), figures and page_label (the title of the page that shows them). Those of each unit as
    stored for the default rules (queries.precomputed), or computed now; the excellent share's always
    now (the selection as a whole may be its subject)."""
    found = stored(con, "warning_rows", boundary, year, units) \
        if (n_years, every_kind) == (DEFAULT_IDLE_YEARS, False) else None
    if found is None:
        found = unit_warnings(con, boundary, units, year, n_years, every_kind)
    found = found[WARNING_COLUMNS]
    excellent = as_frame(excellent_rows(excellent_share(con, boundary, units, year), year))
    rule = found["rule_code"].map({code: index for index, code in enumerate(RULES)})
    place = list(RULES).index(EXCELLENT)
    found = pd.concat([found[rule < place], excellent, found[rule > place]], ignore_index=True)
    return units_all_in(found, con, boundary, units, year)


def units_all_in(found: pd.DataFrame, con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                 year: int) -> pd.DataFrame:
    """Warnings (or one rule's rows, with display_id) but those of the units not all in for `year`
    (queries.coverage.unreported_units): read after the stored rows, which do not depend on the other units."""
    missing = unreported_units(con, boundary, as_tuple(units), year)
    if missing.empty:
        return found
    return found[~found["display_id"].isin(missing["display_id"])].reset_index(drop=True)


def of_units_all_in(rule: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """A rule's query (con, boundary, units, year, …) answering for the units all in only (`units_all_in`)."""
    @wraps(rule)
    def answer(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
               *args: object) -> pd.DataFrame:
        return units_all_in(rule(con, boundary, units, year, *args), con, boundary, units, year)
    return answer


def unit_warnings(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                  n_years: int = DEFAULT_IDLE_YEARS, every_kind: bool = False,
                  cells: pd.DataFrame | None = None) -> pd.DataFrame:
    """`all_warnings` but the excellent share's, computed now, with what puts them back in order once
    stored: `_rule` (the rule's place), `_run` (minus the years of an idle cell's run, else 0),
    `_label` (an idle cell's unit, else ''). `cells`: the headline cells of the year before and `year`,
    when the caller has just read them (queries.precompute)."""
    if cells is None:
        cells = headline_cells(con, boundary, units, year - 1, year)  # read once for two rules
    idle = idle_cells(con, boundary, units, year, n_years, every_kind)
    parts = [
        as_frame(idle_rows(idle, year)).assign(_run=-idle["run_years"].to_numpy(dtype="int64"),
                                               _label=idle["unit"].to_numpy(dtype=object)),
        as_frame(below_rows(_below(cells, year), year)),
        as_frame(exits_rows(rising_exits(con, boundary, units, year), year)),
        as_frame(training_rows(_training(cells, year), year)),
        as_frame(secretary_rows(weak_secretaries(con, boundary, units, year), year)),
        as_frame(activity_rows(cell_activity(con, boundary, units, year), year)),
        as_frame(away_rows(rising_away(con, boundary, units, year), year)),
    ]
    found = pd.concat(parts, ignore_index=True)
    found["_rule"] = found["rule_code"].map({code: index for index, code in enumerate(RULES)}).astype("int64")
    found["_run"] = found["_run"].fillna(0).astype("int64")
    found["_label"] = found["_label"].fillna("").astype("str")
    return found


def warning_counts(warnings: pd.DataFrame) -> dict[str, int]:
    """How many warnings each rule raised (every rule listed, 0 when none)."""
    counts = warnings["rule_code"].value_counts()
    return {code: int(counts.get(code, 0)) for code in RULES}


NAMED_QUERIES = {
    "warning_idle_cells": of_units_all_in(idle_cells),
    "warning_below_target": of_units_all_in(below_target),
    "warning_rising_exits": of_units_all_in(rising_exits),
    "warning_training_gaps": of_units_all_in(training_gaps),
    "warning_weak_secretaries": of_units_all_in(weak_secretaries),
    "warning_excellent_share": of_units_all_in(excellent_share),
    "warning_cell_activity": of_units_all_in(cell_activity),
    "warning_rising_away": of_units_all_in(rising_away),
    "all_warnings": all_warnings,
}
