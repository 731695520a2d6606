"""Progress toward each deadline of the programme as frames: per indicator for the selection, per
unit, and one indicator's path with its projection. The arithmetic is `queries.pace` (its docstring
is the method shown to users), every verdict is `queries.judgement`'s, the figures are those of
`indicators_by_year` / `indicators_by_unit`, each series following the units merged into a unit.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import numpy as np
import pandas as pd

from queries import pace as p
from queries.coverage import not_all_in, year_units
from queries.indicators import HISTORY_FROM, indicators_by_unit
from queries.judgement import COMING_IN, IN_ORDER, NOT_JUDGED, goal_text, judge_frame, summary_text
from queries.method import periods_text
from queries.precomputed import stored
from queries.programme import Kind, programme
from queries.programme_years import HORIZON
from queries.targets import as_list, as_tuple, selection_series, with_coming_in

SERIES_OBSERVED = "Số liệu các năm"
SERIES_PROJECTED = "Dự báo theo tốc độ hiện nay"
SERIES_TARGET = "Mục tiêu"
NOT_YET = "chưa đến giai đoạn này"
UNIT_KEYS = ("display_id", "unit", "display_rank", "display_code")


def pace_codes() -> tuple[str, ...]:
    """Every indicator with a target, in the programme's order."""
    return tuple(i.code for i in programme().indicators if i.kind is not Kind.NONE)


def projected_codes() -> tuple[str, ...]:
    """The indicators whose pace toward a level is projected (levels by a deadline)."""
    return tuple(i.code for i in programme().indicators if i.kind is Kind.LEVEL_BY_DEADLINE)


def method_text() -> str:
    """How the pace and the verdicts of this page are computed, in Vietnamese."""
    prog = programme()
    return (
        f"Cách tính: tốc độ đã đạt là mức thay đổi bình quân mỗi năm theo đường thẳng giữa năm gốc ({prog.baseline} "
        "— năm số liệu nền của Đề án, hoặc năm đầu tiên có số liệu sau đó; không tính qua năm thay đổi cách tính) "
        "và năm gần nhất có số liệu (không sau năm đang chọn): (tỷ lệ năm gần nhất − tỷ lệ năm gốc) / (năm gần "
        f"nhất − năm gốc). Các năm trước năm gốc {prog.baseline} không tính tốc độ, không đánh giá tiến độ (chỉ ghi "
        "\"đạt\" khi đã đạt mức của mốc); năm đang nhận báo cáo (mới có một phần các đơn vị nộp) cũng vậy, và không "
        "tính mức cần tăng mỗi năm, vì số liệu chỉ gồm các đơn vị đã nộp. Mức cần tăng mỗi năm để kịp mốc = (mức "
        "của mốc − tỷ lệ năm gần nhất) / (năm mốc − năm gần nhất). Năm đạt mức: kéo dài tốc độ đã đạt từ năm gần nhất cho đến khi đạt (mức \"trên …%\" phải vượt "
        f"mức đó); \"{p.NEVER}\" khi tốc độ bằng 0 hoặc đi xuống, hoặc phải sau năm {HORIZON} mới đạt. Chỉ tiêu đạt theo "
        "mức của từng mốc: \"đúng tiến độ\" khi năm đạt không muộn hơn năm mốc, \"chậm tiến độ\" khi muộn hơn; "
        "trong năm mốc và sau đó, đạt hoặc chưa đạt mức của mốc đó. Chỉ tiêu hằng năm và chỉ tiêu kết nạp (khung) "
        "không dự báo: mỗi năm đạt hoặc chưa đạt, cột đánh giá ghi số năm đạt trong giai đoạn của mốc và các năm "
        f"chưa đạt. {periods_text(c for c in pace_codes() if c not in projected_codes())} Tốc độ tính bằng điểm "
        "phần trăm mỗi năm (điểm %/năm)."
    )


def _summaries(series: pd.DataFrame, keys: list[str]) -> dict[int, dict[tuple, str]]:
    """deadline → (group…, indicator) → `đạt x/y năm (chưa đạt: …)` for the every-year and band
    indicators of `series`: the years of each indicator's period toward the deadline, judged one by one."""
    prog = programme()
    summarised = [i.code for i in prog.indicators if i.kind is not Kind.LEVEL_BY_DEADLINE]
    judged = judge_frame(series[series["indicator"].isin(summarised)])
    judged = judged[~judged["status"].isin(NOT_JUDGED)].assign(_missed=lambda f: ~f["status"].isin(IN_ORDER))
    by = [*keys, "indicator"]
    found: dict[int, dict[tuple, str]] = {}
    for deadline in prog.deadlines:
        periods = {code: prog.period_of(code, deadline) for code in summarised}
        first, last = (judged["indicator"].map({code: years[end] for code, years in periods.items()})
                       .to_numpy(dtype="int64") for end in (0, 1))  # int even when empty: a str column compares not
        part = judged[judged["year"].between(first, last)]
        judged_years: dict[tuple, int] = {}
        missed: dict[tuple, list[int]] = {}
        columns = [part[c].tolist() for c in (*by, "year", "_missed")]  # lists: Arrow columns iterate slowly
        for *key, year, short in zip(*columns, strict=True):
            judged_years[tuple(key)] = judged_years.get(tuple(key), 0) + 1
            if short:
                missed.setdefault(tuple(key), []).append(year)
        found[deadline] = {key: summary_text(count, missed.get(key, [])) for key, count in judged_years.items()}
    return found


def pace_rows(latest: pd.DataFrame, series: pd.DataFrame, keys: Sequence[str] = ()) -> pd.DataFrame:
    """One row per group (`keys`) and indicator from its `latest` row (indicators.sql with its pace)
    and its `series` (every year: the every-year summaries); rates in points a year (× 100).
    Column-wise, indicator by indicator: the country has 100,000 unit-indicator rows."""
    prog, keys = programme(), list(keys)
    latest = latest.reset_index(drop=True)
    out = latest[keys].copy()
    out["indicator"] = latest["indicator"]
    out["target"] = latest["indicator"].map({i.code: i.group for i in prog.indicators})
    out["short"] = latest["indicator"].map({i.code: i.short for i in prog.indicators})  # T3b: the method's periods
    out["label"] = latest["indicator"].map({i.code: i.label for i in prog.indicators})
    for end, prefix, whole in (("base", "base_", "Int64"), ("latest", "", "int64")):  # no base before the baseline
        out[f"{end}_year"] = latest[f"{prefix}year"].astype(whole)
        out[f"{end}_numerator"] = latest[f"{prefix}numerator"].astype(whole)
        out[f"{end}_denominator"] = latest[f"{prefix}denominator"].astype(whole)
        rate = out[f"{end}_numerator"] / out[f"{end}_denominator"].where(out[f"{end}_denominator"] != 0)
        out[f"{end}_rate"] = rate.astype(float)
    out["observed_per_year"] = latest["observed_per_year"].astype(float)
    out["observed_points"] = out["observed_per_year"] * 100
    out["verdict"] = judge_frame(latest)["verdict"].to_numpy()
    summaries = _summaries(series, keys)
    row_keys = list(zip(*(latest[k] for k in keys), latest["indicator"], strict=True))
    for deadline in prog.deadlines:
        out = out.join(_toward(latest, deadline, [summaries[deadline].get(k) for k in row_keys]))
    return out[_columns(keys)]


def _toward(latest: pd.DataFrame, deadline: int, summaries: list[str | None]) -> pd.DataFrame:
    """The columns of one deadline, indicator by indicator: its level, the pace needed, the year of
    arrival, and the verdict (levels: judged toward the deadline; the others: their years' summary). A
    latest year still coming in (COMING_IN) has neither pace nor pace needed: both would measure the units in
    so far against a level all of them are to reach."""
    n = len(latest)
    target, reach = np.full(n, "—", dtype=object), np.full(n, "—", dtype=object)
    needed = np.full(n, np.nan)
    status = np.array([s or NOT_YET for s in summaries], dtype=object)
    toward = judge_frame(latest, deadline=deadline)["verdict"].to_numpy()
    rate, year = latest["rate"].to_numpy(dtype=float), latest["year"].to_numpy(dtype=float)
    pace = latest["observed_per_year"].to_numpy(dtype=float, na_value=np.nan)
    coming_in = latest[COMING_IN].to_numpy(dtype=bool) if COMING_IN in latest.columns else np.zeros(n, dtype=bool)
    for code, at in latest.groupby("indicator", sort=False).indices.items():
        ind = programme().indicator(code)
        goal = ind.level(deadline)
        target[at] = goal_text(ind, goal)
        if ind.kind is not Kind.LEVEL_BY_DEADLINE:
            continue
        needed[at] = np.where(coming_in[at], np.nan, p.needed_per_year(rate[at], year[at], goal, ind.strict, deadline))
        reach[at] = p.reach_text(rate[at], year[at], pace[at], goal, ind.strict)
        status[at] = toward[at]
    return pd.DataFrame({f"target_{deadline}": target, f"needed_{deadline}": needed,
                         f"needed_{deadline}_points": needed * 100, f"reach_{deadline}": reach,
                         f"status_{deadline}": status}, index=latest.index)


def _columns(keys: list[str]) -> list[str]:
    columns = [*keys, "indicator", "target", "short", "label", "base_year", "base_numerator", "base_denominator", "base_rate",
               "latest_year", "latest_numerator", "latest_denominator", "latest_rate", "observed_per_year",
               "observed_points", "verdict"]
    for d in programme().deadlines:
        columns += [f"target_{d}", f"needed_{d}", f"needed_{d}_points", f"reach_{d}", f"status_{d}"]
    return columns


def pace_by_indicator(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                      codes: Sequence[str] | None = None, series: pd.DataFrame | None = None) -> pd.DataFrame:
    """The progress of each indicator of `codes` (default: every one with a target) for the selected
    units summed, up to `year`, and whether its latest year is still coming in (COMING_IN: no pace).
    `series`: the selection's `selection_series` of every indicator, when the caller has read it."""
    codes = tuple(codes or pace_codes())
    series = selection_series(con, boundary, units, year, codes, series)
    latest = series.dropna(subset=["rate"]).groupby("indicator", sort=False).tail(1)
    order = {code: index for index, code in enumerate(codes)}
    latest = latest.assign(_order=latest["indicator"].map(order)).sort_values("_order", kind="stable")
    return pace_rows(latest, series).assign(**{COMING_IN: latest[COMING_IN].to_numpy(dtype=bool)})


def pace_by_unit(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                 codes: Sequence[str] | None = None) -> pd.DataFrame:
    """The progress of each indicator of `codes` per display unit of `year` (each from its own latest
    year ≤ `year`, units merged into it counted in it; the latest rows are picked in DuckDB): as a
    write session stored it for every indicator (queries.precomputed), or computed now."""
    codes = tuple(codes or pace_codes())
    rows = stored(con, "pace_units", boundary, year, as_list(units), codes=list(codes))
    if rows is None:
        rows = pace_unit_rows(con, boundary, units, year, codes).drop(columns=["display_rank", "display_code"])
    order = {code: index for index, code in enumerate(codes)}  # stored in the programme's order
    rows = rows.assign(_order=rows["indicator"].map(order)).sort_values("_order", kind="stable")
    return units_coming_in(con, boundary, units, year, codes, rows.drop(columns="_order").reset_index(drop=True))


def units_coming_in(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                    codes: Sequence[str], rows: pd.DataFrame) -> pd.DataFrame:
    """`pace_by_unit`'s `rows` with those of a unit only part of whose units have reported `year` computed again
    with that year still coming in for it (COMING_IN: no pace, as when it alone is chosen); read after the stored
    rows, which do not depend on the other units."""
    expected = not_all_in(year_units(con, boundary, as_tuple(units), year))
    partial = expected.loc[expected["reported"] > 0, "display_id"].tolist()  # none in: its own latest year
    if not partial or rows.empty:
        return rows
    fresh = pace_unit_rows(con, boundary, partial, year, codes, coming_in=partial)
    keys = ["display_id", "indicator"]
    at = pd.MultiIndex.from_frame(rows[keys]).get_indexer(pd.MultiIndex.from_frame(fresh[keys]))
    found = at >= 0  # the same rows, but for the pace: -1 only if the stored rows lacked one
    out = rows.copy()
    for column in rows.columns:
        out.iloc[at[found], out.columns.get_loc(column)] = fresh[column].to_numpy()[found]
    return out


def pace_unit_rows(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                   codes: Sequence[str] | None = None, coming_in: Sequence[str] = ()) -> pd.DataFrame:
    """`pace_by_unit` computed now, in its order: by indicator (`_order`, its place in `codes`), then
    by unit (`display_rank`, `display_code`), which it keeps. `coming_in`: the display units whose rows of
    `year` are still coming in (`units_coming_in`)."""
    codes = tuple(codes or pace_codes())
    options = {"as_of": year, "paced": True, "codes": codes}
    latest = indicators_by_unit(con, boundary, as_list(units), HISTORY_FROM, year, latest_only=True, **options)
    if coming_in:
        latest = with_coming_in(latest, ((latest["year"] == year) & latest["display_id"].isin(coming_in)).to_numpy())
    summarised = tuple(c for c in codes if c not in projected_codes())
    series = indicators_by_unit(con, boundary, as_list(units), HISTORY_FROM, year, **{**options, "codes": summarised}) \
        if summarised else latest.iloc[0:0]
    for frame in (latest, series):
        frame["unit"] = frame["display_label"]
    rows = pace_rows(latest, series, keys=UNIT_KEYS)
    order = {code: index for index, code in enumerate(codes)}
    rows = rows.assign(_order=rows["indicator"].map(order)).sort_values(
        ["_order", "display_rank", "display_code"], kind="stable")
    return rows.reset_index(drop=True)


def pace_path(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
              indicator: str, series: pd.DataFrame | None = None) -> pd.DataFrame:
    """One indicator for the selection: the years observed up to `year` counted as `year` is, the
    observed pace extended to the last deadline (levels by a deadline only; none from a year still coming
    in), and every deadline's level.

    series, year, numerator, denominator (NA off the observed rows), rate, note.
    """
    prog = programme()
    ind = prog.indicator(indicator)
    frame = selection_series(con, boundary, units, year, (indicator,), series)
    observed = frame[frame["basis"] == ind.basis_start(year)].dropna(subset=["rate"]).sort_values("year")
    if observed.empty:
        return pd.DataFrame(columns=["series", "year", "numerator", "denominator", "rate", "note"])
    latest = observed.iloc[-1]
    pace = latest["observed_per_year"]
    notes = {int(latest["year"]): "năm đang nhận báo cáo" if latest[COMING_IN] else "năm gần nhất"}
    if pd.notna(latest["base_year"]):  # none before the baseline year
        notes = {int(latest["base_year"]): "năm gốc", **notes}
    parts = [observed.assign(series=SERIES_OBSERVED, note=observed["year"].map(notes).fillna(""))]
    if ind.kind is Kind.LEVEL_BY_DEADLINE and pd.notna(pace):
        projected = p.projection(int(latest["year"]), float(latest["rate"]), float(pace), prog.deadlines[-1])
        parts.append(projected.iloc[1:].assign(series=SERIES_PROJECTED, note=""))  # the latest year is observed
    targets = pd.DataFrame({"year": list(prog.deadlines), "rate": [ind.level(d) for d in prog.deadlines]})
    parts.append(targets.assign(series=SERIES_TARGET, note=[f"Mục tiêu {d}: {goal_text(ind, ind.level(d))}"
                                                              for d in prog.deadlines]))
    path = pd.concat(parts, ignore_index=True)[["series", "year", "numerator", "denominator", "rate", "note"]]
    path["year"] = path["year"].astype("int64")
    for column in ("numerator", "denominator"):
        path[column] = path[column].astype("Int64")
    return path


NAMED_QUERIES = {
    "pace_by_indicator": pace_by_indicator,
    "pace_by_unit": pace_by_unit,
    "pace_path": pace_path,
}
