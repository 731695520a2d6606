"""Unit scorecard: every unit against the headline targets T1–T7, a ranking and its change.

The figures are those of `indicators_by_unit` (so of `indicator_facts`, the one definition);
this adds the distance to the target in force for the year and ranks the units on it:

- distance to target = rate − target in force for the year; for T3 (a 3–4% band) 0 inside the
  band and, outside it, minus the distance to the nearer edge (so ≥ 0 exactly when on target);
- ranking = number of headline targets met (more is better), ties broken by the mean distance
  to target over the indicators with figures (higher is better); units equal on both share a
  rank (1, 2, 2, 4);
- change of rank = last year's rank (same boundary and units) − this year's: ▲ moved up.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import numpy as np
import pandas as pd

from queries.indicators import BY_CODE, HEADLINE, Indicator, indicators_by_unit
from queries.targets import as_list

SHORT_LABELS = {
    "T1_org_rating": "T1 · TCCSĐ HTTNV trở lên",
    "T2_member_rating": "T2 · Đảng viên HTTNV trở lên",
    "T3_admission_rate": "T3 · Tỷ lệ kết nạp",
    "T4_thpt_and_so_cap_llct": "T4 · THPT và sơ cấp LLCT",
    "T5_trung_cap_chuyen_mon": "T5 · Trung cấp chuyên môn",
    "T6_trung_cap_llct": "T6 · Trung cấp LLCT",
    "T7_training": "T7 · Bồi dưỡng nghiệp vụ",
}
RANK_SORT = "rank"  # sort key of the scorecard: by rank, or by one indicator code
RANK_DEFINITION = (
    "Thứ hạng: xếp theo số chỉ tiêu T1–T7 đạt mục tiêu trong năm (nhiều hơn xếp trên); bằng nhau thì "
    "xếp theo khoảng cách trung bình đến mục tiêu của các chỉ tiêu được đánh giá (lớn hơn xếp trên); bằng "
    "nhau cả hai thì cùng hạng. Khoảng cách đến mục tiêu = tỷ lệ − mục tiêu của năm, tính bằng điểm %; "
    "riêng T3 (khung 3–4%/năm): trong khung là 0, ngoài khung là số âm bằng khoảng cách đến mép khung gần "
    "nhất; T7 chỉ được đánh giá từ năm 2023. Thay đổi thứ hạng so với năm trước (cùng địa giới): ▲ lên, "
    "▼ xuống, – giữ nguyên, — không có thứ hạng năm trước."
)
NO_PREVIOUS = "—"
UNCHANGED = "–"
TIE_DECIMALS = 9  # mean distances equal to this many decimals are a tie


def distance_to_target(ind: Indicator, rate: float | None, year: int) -> float | None:
    """Rate minus the target in force for `year`; for a band, minus the distance outside it.

    None without a rate, or before the target applies (T7 before 2023: `met` is None then).
    """
    if ind.met(rate, year) is None:
        return None
    low = ind.target_for(year)
    if ind.upper_2025 is not None:
        if rate < low:
            return rate - low
        return min(0.0, ind.upper_2025 - rate)
    return rate - low


def _judged(codes: list[str], years: np.ndarray, rates: np.ndarray) -> tuple[list, list, np.ndarray]:
    """target_text, met and distance of each row, as `Indicator.target_text`, `Indicator.met` and
    `distance_to_target` give them, worked out per (indicator, year) on arrays (the country: 600,000
    rows)."""
    texts: list = [None] * len(codes)
    met: list = [None] * len(codes)
    distance = np.full(len(codes), np.nan)
    groups: dict[tuple[str, int], list[int]] = {}
    for position, key in enumerate(zip(codes, years.tolist(), strict=True)):
        groups.setdefault(key, []).append(position)
    for (code, year), positions in groups.items():
        ind, at = BY_CODE[code], np.array(positions)
        text = ind.target_text(year)
        for position in positions:
            texts[position] = text
        r = rates[at]
        if ind.from_year is not None and year < ind.from_year:
            continue  # no target yet: met None, no distance
        rated = ~np.isnan(r)
        low = ind.target_for(year)
        if ind.upper_2025 is not None:
            ok = (low - 1e-12 <= r) & (r <= ind.upper_2025 + 1e-12)
            gap = np.where(r < low, r - low, np.minimum(0.0, ind.upper_2025 - r))
        else:
            ok = r > low if ind.strict else r >= low - 1e-12
            gap = r - low
        for position, is_rated, is_ok in zip(positions, rated.tolist(), ok.tolist(), strict=True):
            if is_rated:
                met[position] = is_ok
        distance[at] = np.where(rated, gap, np.nan)
    return texts, met, distance


def scorecard_cells(by_unit: pd.DataFrame) -> pd.DataFrame:
    """The headline rows of an `indicators_by_unit` frame, with target, met and distance.

    display_id, unit, display_kind, display_code, year, indicator, target, short_label, numerator,
    denominator, rate, target_text, met, distance, distance_points (distance × 100).
    """
    frame = by_unit[by_unit["indicator"].isin(HEADLINE)].copy()
    frame["unit"] = frame["display_kind"] + " " + frame["display_name"]
    frame["target"] = frame["indicator"].map({code: BY_CODE[code].target for code in HEADLINE})
    frame["short_label"] = frame["indicator"].map(SHORT_LABELS)
    target_text, met, distance = _judged(frame["indicator"].tolist(), frame["year"].astype(int).to_numpy(),
                                         frame["rate"].to_numpy(dtype=float, na_value=np.nan))
    frame["target_text"] = target_text
    frame["met"] = pd.Series(met, index=frame.index, dtype=object)
    frame["distance"] = pd.Series(distance, index=frame.index, dtype=float)
    frame["distance_points"] = frame["distance"] * 100
    frame["numerator"] = frame["numerator"].astype("int64")
    frame["denominator"] = frame["denominator"].astype("int64")
    order = {code: index for index, code in enumerate(HEADLINE)}
    frame = frame.assign(_order=frame["indicator"].map(order)).sort_values(
        ["year", "display_kind", "display_code", "_order"], kind="stable")
    return frame[["display_id", "unit", "display_kind", "display_code", "year", "indicator", "target",
                  "short_label", "numerator", "denominator", "rate", "target_text", "met", "distance",
                  "distance_points"]].reset_index(drop=True)


def rank_units(cells: pd.DataFrame) -> pd.DataFrame:
    """One year's `scorecard_cells` ranked: display_id, unit, targets_met, indicators_rated (assessed
    against a target that year), mean_distance, mean_distance_points, rank; best first."""
    counted = cells.assign(_met=[v is True for v in cells["met"]],
                           _rated=[v is not None for v in cells["met"]])  # with a target assessed
    grouped = counted.groupby(["display_id", "unit", "display_kind", "display_code"], sort=False)
    units = grouped.agg(
        targets_met=("_met", "sum"), indicators_rated=("_rated", "sum"), mean_distance=("distance", "mean"),
    ).reset_index()
    units[["targets_met", "indicators_rated"]] = units[["targets_met", "indicators_rated"]].astype(int)
    tie_key = units["mean_distance"].round(TIE_DECIMALS).fillna(float("-inf"))
    units = units.assign(_tie=tie_key).sort_values(
        ["targets_met", "_tie", "display_kind", "display_code"], ascending=[False, False, True, True],
        kind="stable").reset_index(drop=True)
    # 1 + the number of units strictly better: equal keys are adjacent once sorted, so each takes
    # the position of the first of its run (1, 2, 2, 4), in one pass rather than comparing all pairs
    first = ~units.duplicated(["targets_met", "_tie"])
    units["rank"] = pd.Series(range(1, len(units) + 1)).where(first).ffill().astype(int)
    units["mean_distance_points"] = units["mean_distance"] * 100
    return units[["display_id", "unit", "display_kind", "display_code", "targets_met", "indicators_rated",
                  "mean_distance", "mean_distance_points", "rank"]]


def rank_change_text(change: float | None) -> str:
    """`▲2`, `▼1`, `–` (unchanged) or `—` (no rank last year)."""
    if change is None or pd.isna(change):
        return NO_PREVIOUS
    change = int(change)
    if change == 0:
        return UNCHANGED
    return f"▲{change}" if change > 0 else f"▼{-change}"


def headline_cells(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
           year_from: int, year_to: int) -> pd.DataFrame:
    return scorecard_cells(indicators_by_unit(con, boundary, as_list(units), year_from, year_to))


def unit_ranking(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                 year: int) -> pd.DataFrame:
    """The units of `year` ranked (see the module's docstring), with last year's rank and the change.

    display_id, unit, display_kind, display_code, year, targets_met, indicators_rated, mean_distance,
    mean_distance_points, rank, previous_rank (NA without figures last year), rank_change, rank_change_text.
    """
    return ranking_from_cells(headline_cells(con, boundary, units, year - 1, year), year)


def ranking_from_cells(cells: pd.DataFrame, year: int) -> pd.DataFrame:
    """`unit_ranking` from the headline cells of `year` and the year before."""
    now = rank_units(cells[cells["year"] == year])
    before = rank_units(cells[cells["year"] == year - 1])[["display_id", "rank"]]
    ranking = now.merge(before.rename(columns={"rank": "previous_rank"}), on="display_id", how="left")
    ranking["previous_rank"] = ranking["previous_rank"].astype("Int64")
    ranking["rank_change"] = (ranking["previous_rank"] - ranking["rank"]).astype("Int64")
    ranking["rank_change_text"] = [rank_change_text(None if pd.isna(c) else c) for c in ranking["rank_change"]]
    ranking.insert(4, "year", year)
    return ranking


def ranking_and_scorecard(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                          year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`unit_ranking` and `unit_scorecard` from one read of the headline cells (the country: 2 s each)."""
    cells = headline_cells(con, boundary, units, year - 1, year)
    ranking = ranking_from_cells(cells, year)
    now = cells[cells["year"] == year]
    now = now.merge(ranking[["display_id", "rank", "previous_rank", "rank_change_text"]], on="display_id")
    return ranking, in_order(now, scorecard_order(ranking, now))  # by rank: the page's default order costs nothing


def unit_scorecard(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                   year: int) -> pd.DataFrame:
    """`scorecard_cells` of `year` with each unit's rank and change: the heat map's cells."""
    return ranking_and_scorecard(con, boundary, units, year)[1]


def sort_options() -> dict[str, str]:
    """What the scorecard can be sorted by, in Vietnamese."""
    return {RANK_SORT: "Thứ hạng", **SHORT_LABELS}


def scorecard_order(ranking: pd.DataFrame, cells: pd.DataFrame, sort_by: str = RANK_SORT) -> list[str]:
    """Display ids top to bottom: by rank, or by one indicator's distance to target (closest to or
    furthest above the target first; units without figures last), ties by rank."""
    by_rank = ranking.sort_values(["rank", "display_kind", "display_code"], kind="stable")
    if sort_by == RANK_SORT:
        return by_rank["display_id"].tolist()
    if sort_by not in SHORT_LABELS:
        raise ValueError(f"unknown sort key {sort_by!r}")
    position = {unit: index for index, unit in enumerate(by_rank["display_id"])}
    part = cells[cells["indicator"] == sort_by].assign(_position=lambda f: f["display_id"].map(position),
                                                       _distance=lambda f: f["distance"].round(TIE_DECIMALS))
    part = part.sort_values(["_distance", "rate", "_position"], ascending=[False, False, True],
                            na_position="last", kind="stable")
    ordered = part["display_id"].tolist()
    placed = set(ordered)
    return ordered + [u for u in by_rank["display_id"] if u not in placed]


def _units_in_order(cells: pd.DataFrame, order: Sequence[str]) -> bool:
    """Whether each unit's cells are together and the units come in `order` already."""
    ids = cells["display_id"]
    starts = ids.ne(ids.shift()).to_numpy()
    return ids[starts].tolist() == list(order)


def in_order(cells: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """The scorecard's cells with the units in `order` (indicators in the Đề án's order within each)."""
    if _units_in_order(cells, order):
        return cells.reset_index(drop=True)
    position = pd.Series(range(len(order)), index=pd.Index(list(order), dtype=cells["display_id"].dtype))
    ordered = cells.assign(_position=cells["display_id"].map(position))  # an index lookup, not a dict per row
    return ordered.sort_values("_position", kind="stable").drop(columns="_position").reset_index(drop=True)


NAMED_QUERIES = {
    "ranking_and_scorecard": ranking_and_scorecard,
}
