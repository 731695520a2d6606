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
from queries.frames import records
from queries.indicators import HISTORY_FROM, indicators_by_unit, indicators_by_year
from queries.judgement import goal_text, judge, judge_frame, years_summary
from queries.programme import Kind, programme
from queries.targets import as_list

SERIES_OBSERVED = "Số liệu các năm"
SERIES_PROJECTED = "Dự báo theo tốc độ hiện nay"
SERIES_TARGET = "Mục tiêu"
NOT_YET = "chưa đến giai đoạn này"
UNIT_KEYS = ("display_id", "unit", "display_kind", "display_code")


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
        "nhất − năm gốc). Mức cần tăng mỗi năm để kịp mốc = (mức của mốc − tỷ lệ năm gần nhất) / (năm mốc − năm "
        "gần nhất). Năm đạt mức: kéo dài tốc độ đã đạt từ năm gần nhất cho đến khi đạt (mức \"trên …%\" phải vượt "
        f"mức đó); \"{p.NEVER}\" khi tốc độ bằng 0 hoặc đi xuống, hoặc phải sau năm 2100 mới đạt. Chỉ tiêu đạt theo "
        "mức của từng mốc: \"đúng tiến độ\" khi năm đạt không muộn hơn năm mốc, \"chậm tiến độ\" khi muộn hơn; "
        "trong năm mốc và sau đó, đạt hoặc chưa đạt mức của mốc đó. Chỉ tiêu hằng năm và chỉ tiêu kết nạp (khung) "
        "không dự báo: mỗi năm đạt hoặc chưa đạt, cột đánh giá ghi số năm đạt trong giai đoạn của mốc và các năm "
        "chưa đạt. Tốc độ tính bằng điểm phần trăm mỗi năm (điểm %/năm)."
    )


def pace_headers() -> dict[str, str]:
    """The Vietnamese header of every column of `pace_rows`, the deadlines' columns included."""
    headers = {"unit": "Đơn vị", "label": "Chỉ tiêu", "base_year": "Năm gốc", "base_numerator": "Tử số năm gốc",
               "base_denominator": "Mẫu số năm gốc", "base_rate": "Tỷ lệ năm gốc", "latest_year": "Năm gần nhất",
               "latest_numerator": "Tử số năm gần nhất", "latest_denominator": "Mẫu số năm gần nhất",
               "latest_rate": "Tỷ lệ năm gần nhất", "observed_points": "Tốc độ đã đạt (điểm %/năm)",
               "verdict": "Đánh giá năm gần nhất"}
    for d in programme().deadlines:
        headers |= {f"target_{d}": f"Mục tiêu {d}",
                    f"needed_{d}_points": f"Cần tăng mỗi năm để đạt mức {d} (điểm %/năm)",
                    f"reach_{d}": f"Năm đạt mức {d} theo tốc độ hiện nay", f"status_{d}": f"Đánh giá {d}"}
    return headers


def _points(value: float | None) -> float:
    return np.nan if value is None or pd.isna(value) else value * 100


def _summaries(series: pd.DataFrame, keys: list[str]) -> dict[tuple, dict[int, str]]:
    """(group…, indicator) → deadline → `đạt x/y năm` for the every-year and band indicators of a
    judged series: the years of each deadline's period up to the latest year."""
    prog = programme()
    summarised = series["indicator"].map(lambda c: prog.indicator(c).kind is not Kind.LEVEL_BY_DEADLINE)
    judged = judge_frame(series.loc[summarised.astype(bool)])
    found: dict[tuple, dict[int, dict[int, str]]] = {}
    for row in records(judged, [*keys, "indicator", "year", "status"]):
        key = (*(row[k] for k in keys), row["indicator"])
        for d in prog.deadlines:
            first, last = prog.period_of(d)
            if first <= row["year"] <= last:
                found.setdefault(key, {}).setdefault(d, {})[row["year"]] = row["status"]
    return {key: {d: years_summary(years) for d, years in by_deadline.items()} for key, by_deadline in found.items()}


def pace_rows(latest: pd.DataFrame, series: pd.DataFrame, keys: Sequence[str] = ()) -> pd.DataFrame:
    """One row per group (`keys`) and indicator from its `latest` row (indicators.sql with its pace)
    and its judged `series` (every year: the every-year summaries); rates in points a year (× 100)."""
    prog, keys = programme(), list(keys)
    summaries = _summaries(series, keys)
    rows = []
    for row in records(latest, [*keys, "indicator", "year", "numerator", "denominator", "rate", "base_year",
                                "base_numerator", "base_denominator", "observed_per_year"]):
        ind = prog.indicator(row["indicator"])
        pace = None if pd.isna(row["observed_per_year"]) else row["observed_per_year"]
        base_rate = row["base_numerator"] / row["base_denominator"] if row["base_denominator"] else np.nan
        out = {**{k: row[k] for k in keys}, "indicator": ind.code, "target": ind.group, "label": ind.label,
               "base_year": int(row["base_year"]), "base_numerator": int(row["base_numerator"]),
               "base_denominator": int(row["base_denominator"]), "base_rate": base_rate,
               "latest_year": int(row["year"]), "latest_numerator": int(row["numerator"]),
               "latest_denominator": int(row["denominator"]), "latest_rate": row["rate"],
               "observed_per_year": pace if pace is not None else np.nan, "observed_points": _points(pace),
               "verdict": judge(ind.code, row["rate"], int(row["year"]), pace).text}
        summary = summaries.get((*(row[k] for k in keys), ind.code), {})
        for d in prog.deadlines:
            out |= _toward(ind, row["rate"], int(row["year"]), pace, d, summary.get(d))
        rows.append(out)
    return pd.DataFrame(rows, columns=_columns(keys))


def _toward(ind, rate: float, year: int, pace: float | None, deadline: int, summary: str | None) -> dict:
    """The columns of one deadline: its level, the pace needed, the year of arrival and the verdict."""
    goal = ind.level(deadline)
    out = {f"target_{deadline}": goal_text(ind, goal), f"needed_{deadline}": np.nan,
           f"needed_{deadline}_points": np.nan, f"reach_{deadline}": "—"}
    if ind.kind is not Kind.LEVEL_BY_DEADLINE:
        return out | {f"status_{deadline}": summary or NOT_YET}
    needed = p.needed_per_year(rate, year, goal, ind.strict, deadline)
    return out | {f"needed_{deadline}": np.nan if needed is None else needed,
                  f"needed_{deadline}_points": _points(needed),
                  f"reach_{deadline}": p.reach_text(rate, year, pace, goal, ind.strict),
                  f"status_{deadline}": judge(ind.code, rate, year, pace, deadline=deadline).text}


def _columns(keys: list[str]) -> list[str]:
    columns = [*keys, "indicator", "target", "label", "base_year", "base_numerator", "base_denominator", "base_rate",
               "latest_year", "latest_numerator", "latest_denominator", "latest_rate", "observed_per_year",
               "observed_points", "verdict"]
    for d in programme().deadlines:
        columns += [f"target_{d}", f"needed_{d}", f"needed_{d}_points", f"reach_{d}", f"status_{d}"]
    return columns


def pace_by_indicator(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                      codes: Sequence[str] | None = None) -> pd.DataFrame:
    """The progress of each indicator of `codes` (default: every one with a target) for the selected
    units summed, up to `year`."""
    codes = tuple(codes or pace_codes())
    series = indicators_by_year(con, boundary, as_list(units), HISTORY_FROM, year, paced=True, codes=codes)
    latest = series.dropna(subset=["rate"]).groupby("indicator", sort=False).tail(1)
    order = {code: index for index, code in enumerate(codes)}
    latest = latest.assign(_order=latest["indicator"].map(order)).sort_values("_order", kind="stable")
    return pace_rows(latest, series)


def pace_by_unit(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                 codes: Sequence[str] | None = None) -> pd.DataFrame:
    """The progress of each indicator of `codes` per display unit of `year` (each from its own latest
    year ≤ `year`, units merged into it counted in it; the latest rows are picked in DuckDB)."""
    codes = tuple(codes or pace_codes())
    options = {"as_of": year, "paced": True, "codes": codes}
    latest = indicators_by_unit(con, boundary, as_list(units), HISTORY_FROM, year, latest_only=True, **options)
    summarised = tuple(c for c in codes if c not in projected_codes())
    series = indicators_by_unit(con, boundary, as_list(units), HISTORY_FROM, year, **{**options, "codes": summarised}) \
        if summarised else latest.iloc[0:0]
    for frame in (latest, series):
        frame["unit"] = frame["display_kind"] + " " + frame["display_name"]
    rows = pace_rows(latest, series, keys=UNIT_KEYS)
    order = {code: index for index, code in enumerate(codes)}
    rows = rows.assign(_order=rows["indicator"].map(order)).sort_values(
        ["_order", "display_kind", "display_code"], kind="stable")
    return rows.drop(columns=["_order", "display_kind", "display_code"]).reset_index(drop=True)


def pace_path(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
              indicator: str) -> pd.DataFrame:
    """One indicator for the selection: the years observed up to `year` counted as `year` is, the
    observed pace extended to the last deadline (levels by a deadline only), and every deadline's level.

    series, year, numerator, denominator (NA off the observed rows), rate, note.
    """
    prog = programme()
    ind = prog.indicator(indicator)
    frame = indicators_by_year(con, boundary, as_list(units), HISTORY_FROM, year, paced=True, codes=(indicator,))
    observed = frame[frame["basis"] == ind.basis_start(year)].dropna(subset=["rate"]).sort_values("year")
    if observed.empty:
        return pd.DataFrame(columns=["series", "year", "numerator", "denominator", "rate", "note"])
    latest = observed.iloc[-1]
    pace = latest["observed_per_year"]
    notes = {int(latest["base_year"]): "năm gốc", int(latest["year"]): "năm gần nhất"}
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
