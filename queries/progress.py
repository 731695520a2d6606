"""Pace to the 2025 and 2030 targets as frames: per indicator for the selection, per unit, and
one indicator's path with its projection. The arithmetic is `queries.pace` (its docstring is the
method shown to users); the figures are those of `indicators_by_year` / `indicators_by_unit`.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from queries import pace as p
from queries.frames import records
from queries.indicators import BY_CODE, indicator_params, indicators_by_year
from queries.sql import read_sql
from queries.targets import as_list

# Every indicator with a target level: the share-based T1, T2, T7 and the levels T4–T6
# (T3 is a yearly band, not a level to reach).
PACE_CODES = ("T1_org_rating", "T2_member_rating", "T4_thpt", "T4_thpt_chi_uy_vien",
              "T4_thpt_bi_thu_pho_bi_thu", "T4_so_cap_llct", "T4_thpt_and_so_cap_llct",
              "T5_trung_cap_chuyen_mon", "T6_trung_cap_llct", "T7_training")
FIRST_YEAR = 2015  # the contract's first report year
ALREADY_MET = "đã đạt"
SERIES_OBSERVED = "Số liệu các năm"
SERIES_PROJECTED = "Dự báo theo tốc độ hiện nay"
SERIES_TARGET = "Mục tiêu"
STATUS_MET = "Đã đạt"
STATUS_ON_TRACK = "Kịp tiến độ"
STATUS_BEHIND = "Chậm tiến độ"
STATUS_DUE = "Chưa đạt, đã đến hạn"
STATUS_NO_PACE = "Chưa đủ số liệu để tính tốc độ"
METHOD_VI = (
    "Cách tính: tốc độ đã đạt là mức thay đổi bình quân mỗi năm theo đường thẳng giữa năm gốc (2022 — năm "
    "số liệu nền của Đề án, hoặc năm đầu tiên có số liệu sau đó) và năm gần nhất có số liệu (không sau năm "
    "đang chọn): (tỷ lệ năm gần nhất − tỷ lệ năm gốc) / (năm gần nhất − năm gốc). Mức cần tăng mỗi năm để "
    "kịp hạn = (mục tiêu − tỷ lệ năm gần nhất) / (năm hạn − năm gần nhất). Năm đạt mục tiêu: kéo dài tốc độ "
    "đã đạt từ năm gần nhất cho đến khi đạt (mục tiêu \"> 90%\" phải vượt 90%); \"không đạt\" khi tốc độ "
    "bằng 0 hoặc đi xuống, hoặc phải sau năm 2100 mới đạt. Đánh giá \"kịp tiến độ\" khi năm đạt không muộn "
    "hơn năm hạn. Tốc độ tính bằng điểm phần trăm mỗi năm (điểm %/năm)."
)


def _reach_text(reach: int | str | None) -> str | None:
    return None if reach is None else str(reach)


def pace_status(pace: p.Pace, deadline: int) -> str:
    """Đã đạt, kịp tiến độ, chậm tiến độ, chưa đạt đã đến hạn, or too few years to tell."""
    reach = pace.reach_2025 if deadline == 2025 else pace.reach_2030
    if reach == ALREADY_MET:
        return STATUS_MET
    if pace.latest_year >= deadline:
        return STATUS_DUE
    if pace.observed_per_year is None:
        return STATUS_NO_PACE
    return STATUS_ON_TRACK if isinstance(reach, int) and reach <= deadline else STATUS_BEHIND


def _points(value: float | None) -> float | None:
    return None if value is None else value * 100


def _end_rows(observed: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The latest row of each (_group, _code) of `observed` (sorted by _group, _code, year), and its
    base row: the baseline year, or the first year with data after it, or else the first year; both
    in the same group order."""
    by = ["_group", "_code"]
    latest = observed.groupby(by, sort=False).tail(1)
    base = (observed.assign(_before=observed["year"] < p.BASELINE_YEAR)
            .sort_values([*by, "_before", "year"], kind="stable")  # False first: from the baseline on
            .groupby(by, sort=False).head(1))
    return latest, base


END_COLUMNS = ("year", "numerator", "denominator")


def pace_rows(frame: pd.DataFrame, keys: Sequence[str] = (), codes: Sequence[str] = PACE_CODES) -> pd.DataFrame:
    """The pace of each indicator of `codes` (and each group of `keys`) in an indicator frame
    (year, indicator, numerator, denominator, rate); rates in points per year (× 100).

    Groups in the order they first appear, indicators in the order of `codes`. The baseline and
    latest rows of every group are picked in one pass, and `paces` does the arithmetic for each.
    """
    keys = list(keys)
    order = {code: index for index, code in enumerate(codes)}
    observed = frame[frame["indicator"].isin(order)].dropna(subset=["rate"])
    group = observed.groupby(keys, sort=False).ngroup() if keys else 0
    observed = observed.assign(_group=group, _code=observed["indicator"].map(order)).sort_values(
        ["_group", "_code", "year"], kind="stable")
    latest, base = _end_rows(observed)
    ends = latest[[*keys, "indicator"]].reset_index(drop=True)
    for column in END_COLUMNS:
        ends[f"latest_{column}"] = latest[column].to_numpy()
        ends[f"base_{column}"] = base[column].to_numpy()
    return paces(ends, keys)


def paces(ends: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """`queries.pace.pace_between` for each row of `ends` (keys, indicator, base_ and latest_ year,
    numerator, denominator), with the targets, texts and statuses the pages show."""
    keys = list(keys)
    rows = []
    fields = [*keys, "indicator", *(f"{end}_{c}" for end in ("base", "latest") for c in END_COLUMNS)]
    for row in records(ends, fields):
        code = row["indicator"]
        base_rate = row["base_numerator"] / row["base_denominator"]
        latest_rate = row["latest_numerator"] / row["latest_denominator"]
        pace = p.pace_between(code, int(row["base_year"]), float(base_rate), int(row["latest_year"]),
                              float(latest_rate))
        ind = BY_CODE[code]
        rows.append({
            **{key: row[key] for key in keys},
            "indicator": code, "target": ind.target, "label": ind.label,
            "base_year": pace.base_year, "base_numerator": int(row["base_numerator"]),
            "base_denominator": int(row["base_denominator"]), "base_rate": pace.base_rate,
            "latest_year": pace.latest_year, "latest_numerator": int(row["latest_numerator"]),
            "latest_denominator": int(row["latest_denominator"]), "latest_rate": pace.latest_rate,
            "observed_per_year": pace.observed_per_year,
            "observed_points": _points(pace.observed_per_year),
            "target_2025": ind.target_text(2025), "needed_2025": pace.needed_2025,
            "needed_2025_points": _points(pace.needed_2025),
            "reach_2025": _reach_text(pace.reach_2025), "status_2025": pace_status(pace, 2025),
            "target_2030": ind.target_text(2030), "needed_2030": pace.needed_2030,
            "needed_2030_points": _points(pace.needed_2030),
            "reach_2030": _reach_text(pace.reach_2030), "status_2030": pace_status(pace, 2030),
        })
    columns = [*keys, "indicator", "target", "label", "base_year", "base_numerator", "base_denominator",
               "base_rate", "latest_year", "latest_numerator", "latest_denominator", "latest_rate",
               "observed_per_year", "observed_points", "target_2025", "needed_2025", "needed_2025_points",
               "reach_2025", "status_2025", "target_2030", "needed_2030", "needed_2030_points", "reach_2030",
               "status_2030"]
    result = pd.DataFrame(rows, columns=columns)
    for column in ("observed_per_year", "observed_points", "needed_2025", "needed_2025_points", "needed_2030",
                   "needed_2030_points"):
        result[column] = result[column].astype(float)
    return result


def pace_by_indicator(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                      codes: Sequence[str] = PACE_CODES) -> pd.DataFrame:
    """The pace of each indicator of `codes` for the selected units summed, up to `year`."""
    frame = indicators_by_year(con, boundary, as_list(units), FIRST_YEAR, year)
    return pace_rows(frame, codes=tuple(codes))


def pace_by_unit(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
                 codes: Sequence[str] = PACE_CODES) -> pd.DataFrame:
    """The pace of each indicator of `codes` per display unit (each from its own latest year ≤ `year`).

    The base and latest rows are picked in DuckDB: the country has 660,000 unit-year-indicator rows."""
    params = indicator_params(boundary, as_list(units), FIRST_YEAR, year)
    ends = con.execute(read_sql("pace_ends_by_unit"), {**params, "codes": list(codes), "baseline": p.BASELINE_YEAR}).df()
    ends["unit"] = ends["display_kind"] + " " + ends["display_name"]
    rows = paces(ends, keys=("display_id", "unit", "display_kind", "display_code"))
    order = {code: index for index, code in enumerate(codes)}
    rows = rows.assign(_order=rows["indicator"].map(order)).sort_values(
        ["_order", "display_kind", "display_code"], kind="stable")
    return rows.drop(columns=["_order", "display_kind", "display_code"]).reset_index(drop=True)


def pace_path(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int,
              indicator: str, until: int = 2030) -> pd.DataFrame:
    """One indicator for the selection: the years observed up to `year`, the observed pace extended
    to `until` (queries.pace.projection), and the 2025 and 2030 targets.

    series, year, numerator, denominator (NA off the observed rows), rate, note.
    """
    frame = indicators_by_year(con, boundary, as_list(units), FIRST_YEAR, year)
    observed = frame[(frame["indicator"] == indicator)].dropna(subset=["rate"]).sort_values("year")
    pace = p.pace_for(observed, indicator)
    if pace is None:
        return pd.DataFrame(columns=["series", "year", "numerator", "denominator", "rate", "note"])
    ind = BY_CODE[indicator]
    notes = {pace.base_year: "năm gốc", pace.latest_year: "năm gần nhất"}
    parts = [observed.assign(series=SERIES_OBSERVED, note=observed["year"].map(notes).fillna(""))]
    if pace.observed_per_year is not None:
        projected = p.projection(pace, until=until).iloc[1:]  # the latest year is already observed
        parts.append(projected.assign(series=SERIES_PROJECTED, note=""))
    targets = pd.DataFrame({"year": list(p.DEADLINES), "rate": [ind.target_2025, ind.target_2030]})
    parts.append(targets.assign(series=SERIES_TARGET, note=[f"Mục tiêu {y}: {ind.target_text(y)}"
                                                              for y in p.DEADLINES]))
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
