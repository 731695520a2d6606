"""Unit scorecard: every unit against the headline targets, a ranking and its change.

The figures are those of `indicators_by_unit` (so of `indicator_facts`, the one definition) and
every verdict is `queries.judgement`'s; this ranks the units on them:

- ranking = number of headline targets on target (met, above a floor band, or on pace toward the
  next level: more is better), ties broken by the mean distance to target over the indicators
  judged (higher is better); units equal on both share a rank (1, 2, 2, 4);
- change of rank = last year's rank (same boundary, the units merged into a unit counted in it)
  − this year's: ▲ moved up;
- a unit not all of whose units have reported for a year (queries.coverage.unreported_units) is not ranked
  that year: the ranking table names it after the others, the heat map says how many; while a year is still
  coming in (queries.coverage.partly_in), its ranks, among the units in so far, are not compared with last
  year's (NOT_COMPARED), as the cards' change from the year before is not.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from core.numbers import vi_number
from queries.coverage import not_all_in, partly_in, unreported_count, unreported_words, year_units
from queries.indicators import indicators_by_unit
from queries.judgement import IN_ORDER, SHORT_OF, header_text, judge_frame
from queries.precomputed import stored
from queries.programme import programme
from queries.targets import as_list, as_tuple, basis_notes

RANK_SORT = "rank"  # sort key of the scorecard: by rank, or by one indicator code
NO_PREVIOUS = "—"
UNCHANGED = "–"
NOT_COMPARED = "chưa so"  # a year still coming in: ranks among the units in so far, not compared with last year's
TIE_DECIMALS = 9  # mean distances equal to this many decimals are a tie
JUDGED = IN_ORDER | SHORT_OF  # statuses that count in the ranking


def column_labels() -> dict[str, str]:
    """`T4 · THPT và sơ cấp LLCT` for each headline indicator, in the programme's order."""
    prog = programme()
    return {code: prog.indicator(code).column for code in prog.headline}


def ranked_units(restricted: bool, count: int, all_in: bool = True) -> str:
    """Which units the ranking compares, as the text over it says: every unit, those all of whose reports are in
    (`all_in` False: a year still coming in ranks only them, queries.coverage.unreported_units), or only the `count`
    units a reader restricted to some units may see (a ward officer's «hạng 1» is among their own units, never the
    town's). An empty ranking is labelled as for every unit: it ranks nobody, whoever reads it."""
    if restricted and count:
        return f"Chỉ {vi_number(count)} đơn vị tài khoản này được xem (không phải mọi đơn vị của địa bàn)"
    return "Mọi đơn vị" if all_in else "Các đơn vị đã nộp đủ báo cáo"


def rank_definition() -> str:
    """How units are ranked, in Vietnamese."""
    prog = programme()
    groups = [prog.indicator(c).group for c in prog.headline]
    late = [f"{prog.indicator(c).group} chỉ được đánh giá từ năm {prog.indicator(c).from_year}"
            for c in prog.headline if prog.indicator(c).from_year]
    return (
        f"Thứ hạng: xếp theo số chỉ tiêu {groups[0]}–{groups[-1]} đạt yêu cầu trong năm (đạt mục tiêu, vượt khung "
        "kết nạp, hoặc đúng tiến độ đến mức của mốc sau; nhiều hơn xếp trên); bằng nhau thì xếp theo khoảng cách "
        "trung bình đến mục tiêu của các chỉ tiêu được đánh giá (lớn hơn xếp trên); bằng nhau cả hai thì cùng hạng. "
        "Khoảng cách đến mục tiêu = tỷ lệ − mục tiêu đang áp dụng, tính bằng điểm %; chỉ tiêu dạng khung (kết nạp) "
        "trong hoặc trên khung là 0, dưới khung là khoảng cách đến mức sàn"
        + (f"; {'; '.join(late)}" if late else "")
        + ". Thay đổi thứ hạng so với năm trước (cùng địa giới; đơn vị mới so với các đơn vị đã sáp nhập vào nó): "
        f"▲ lên, ▼ xuống, – giữ nguyên, — không có thứ hạng năm trước, «{NOT_COMPARED}»: năm đang nhận báo cáo, thứ "
        "hạng chỉ trong các đơn vị đã nộp. Đơn vị chưa nộp đủ báo cáo của năm không được xếp hạng năm đó."
    )


def scorecard_cells(by_unit: pd.DataFrame) -> pd.DataFrame:
    """The headline rows of an `indicators_by_unit` frame (with its pace), judged.

    display_id, unit, display_rank, display_code, year, indicator, target, short_label, header_target
    (the column's target in a few characters), numerator, denominator, rate, target_text, status,
    role, verdict, goal, level, distance, distance_points.
    """
    prog = programme()
    labels = column_labels()
    frame = judge_frame(by_unit[by_unit["indicator"].isin(labels)])
    frame["unit"] = frame["display_label"]
    frame["target"] = frame["indicator"].map({code: prog.indicator(code).group for code in labels})
    frame["short_label"] = frame["indicator"].map(labels)
    pairs = list(zip(frame["indicator"].tolist(), frame["year"].tolist(), strict=True))
    headers = {pair: header_text(prog.indicator(pair[0]), int(pair[1])) for pair in set(pairs)}
    frame["header_target"] = [headers[pair] for pair in pairs]  # the target of the column's header
    frame["distance_points"] = frame["distance"] * 100
    frame["numerator"] = frame["numerator"].astype("int64")
    frame["denominator"] = frame["denominator"].astype("int64")
    order = {code: index for index, code in enumerate(labels)}
    frame = frame.assign(_order=frame["indicator"].map(order)).sort_values(
        ["year", "display_rank", "display_code", "_order"], kind="stable")
    return frame[["display_id", "unit", "display_rank", "display_code", "year", "indicator", "target",
                  "short_label", "header_target", "numerator", "denominator", "rate", "target_text", "status",
                  "role", "verdict",
                  "goal", "level", "distance", "distance_points"]].reset_index(drop=True)


def rank_units(cells: pd.DataFrame) -> pd.DataFrame:
    """One year's `scorecard_cells` ranked: display_id, unit, targets_met (on target), indicators_rated
    (judged against a target that year), mean_distance, mean_distance_points, rank; best first."""
    judged = cells["status"].isin(JUDGED)
    counted = cells.assign(_met=cells["status"].isin(IN_ORDER), _rated=judged,
                           _distance=cells["distance"].where(judged))
    grouped = counted.groupby(["display_id", "unit", "display_rank", "display_code"], sort=False)
    units = grouped.agg(
        targets_met=("_met", "sum"), indicators_rated=("_rated", "sum"), mean_distance=("_distance", "mean"),
    ).reset_index()
    units[["targets_met", "indicators_rated"]] = units[["targets_met", "indicators_rated"]].astype(int)
    tie_key = units["mean_distance"].round(TIE_DECIMALS).fillna(float("-inf"))
    units = units.assign(_tie=tie_key).sort_values(
        ["targets_met", "_tie", "display_rank", "display_code"], ascending=[False, False, True, True],
        kind="stable").reset_index(drop=True)
    # 1 + the number of units strictly better: equal keys are adjacent once sorted, so each takes
    # the position of the first of its run (1, 2, 2, 4), in one pass rather than comparing all pairs
    first = ~units.duplicated(["targets_met", "_tie"])
    units["rank"] = pd.Series(range(1, len(units) + 1)).where(first).ffill().astype(int)
    units["mean_distance_points"] = units["mean_distance"] * 100
    return units[["display_id", "unit", "display_rank", "display_code", "targets_met", "indicators_rated",
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
    """The judged headline cells of the units of `year_to` (units merged into them counted in them):
    those a write session stored for `year_to` and the year before (queries.precomputed), or computed now."""
    if year_from >= year_to - 1:
        cells = stored(con, "headline_cells", boundary, year_to, as_list(units), year_from=year_from)
        if cells is not None:
            return cells
    by_unit = indicators_by_unit(con, boundary, as_list(units), year_from, year_to, as_of=year_to, paced=True,
                                 codes=programme().headline)
    return scorecard_cells(by_unit)


def ranking_from_cells(cells: pd.DataFrame, year: int, compared: bool = True) -> pd.DataFrame:
    """The units of `year` ranked (see the module's docstring) from the headline cells of `year` and the
    year before, with last year's rank and the change (none when not `compared`: NOT_COMPARED).

    display_id, unit, display_rank, display_code, year, targets_met, indicators_rated, mean_distance,
    mean_distance_points, rank, previous_rank (NA without figures last year), rank_change, rank_change_text.
    """
    now = rank_units(cells[cells["year"] == year])
    before = rank_units(cells[cells["year"] == year - 1])[["display_id", "rank"]]
    ranking = now.merge(before.rename(columns={"rank": "previous_rank"}), on="display_id", how="left")
    ranking["previous_rank"] = ranking["previous_rank"].astype("Int64")
    ranking["rank_change"] = (ranking["previous_rank"] - ranking["rank"]).astype("Int64")
    ranking["rank_change_text"] = [rank_change_text(None if pd.isna(c) else c) for c in ranking["rank_change"]]
    if not compared:
        ranking["rank_change_text"] = ranking["rank_change_text"].where(ranking["previous_rank"].isna(), NOT_COMPARED)
        ranking["rank_change"] = pd.array([pd.NA] * len(ranking), dtype="Int64")
    ranking.insert(4, "year", year)
    return ranking


def cells_all_in(cells: pd.DataFrame, missing: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """The headline cells but those of a unit in a year (`missing`: year → queries.coverage.not_all_in) not all of
    whose units have reported: the units in so far are not the unit, and are neither ranked nor warned about."""
    left_out = pd.Series(False, index=cells.index)
    for year, units in missing.items():
        left_out |= (cells["year"] == year) & cells["display_id"].isin(units["display_id"])
    return cells[~left_out] if left_out.any() else cells


def ranking_and_scorecard(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                          year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units' ranking (`ranking_from_cells`) and the scorecard's cells (`scorecard_cells` of `year` with
    each unit's rank and change: the heat map's cells, by rank) from one read of the headline cells; the units
    not all in for a year (queries.coverage.not_all_in) are not ranked that year."""
    expected = {y: year_units(con, boundary, as_tuple(units), y) for y in (year - 1, year)}
    cells = cells_all_in(headline_cells(con, boundary, units, year - 1, year),
                         {y: not_all_in(frame) for y, frame in expected.items()})
    ranking = ranking_from_cells(cells, year, compared=not partly_in(expected[year]))
    now = cells[cells["year"] == year]
    now = now.merge(ranking[["display_id", "rank", "previous_rank", "rank_change_text"]], on="display_id")
    return ranking, in_order(now, scorecard_order(ranking, now))  # by rank: the page's default order costs nothing


def ranking_table(ranking: pd.DataFrame, missing: pd.DataFrame, year: int) -> pd.DataFrame:
    """The ranking's table: `ranking`, then a row per unit of `missing` (queries.coverage.unreported_units) with no
    rank and a note (`note`) that it has not reported all of `year`, so that a file downloaded names them too."""
    if missing.empty:
        return ranking
    unranked = pd.DataFrame({"display_id": missing["display_id"], "unit": missing["unit"], "year": year,
                             "note": [unranked_words(int(done), int(whole), year) for done, whole in
                                      zip(missing["reported"], missing["expected"], strict=True)]})
    table = pd.concat([ranking.assign(note=""), unranked], ignore_index=True)
    return table.astype({"rank": "Int64", "targets_met": "Int64", "indicators_rated": "Int64", "year": "int64"})


def unranked_words(reported: int, expected: int, year: int) -> str:
    """Why a unit has no rank in `year`: `Chưa nộp báo cáo năm 2026, chưa xếp hạng`."""
    done = unreported_words(year) if not reported else \
        f"Mới có {vi_number(reported)}/{vi_number(expected)} đơn vị nộp báo cáo năm {year}"
    return f"{done}, chưa xếp hạng"


def heatmap_note(year: int, missing: pd.DataFrame) -> str:
    """The heat map's lines under its title: the headline indicators counted otherwise from `year`
    (queries.targets.basis_notes), and how many units are not ranked (queries.coverage.unreported_units)."""
    notes = [basis_notes(programme().headline, year)]
    if len(missing):
        notes.append(f"Chưa xếp hạng {unreported_count(missing, year)}")
    return "<br>".join(note for note in notes if note)


def sort_options() -> dict[str, str]:
    """What the scorecard can be sorted by, in Vietnamese."""
    return {RANK_SORT: "Thứ hạng", **column_labels()}


def scorecard_order(ranking: pd.DataFrame, cells: pd.DataFrame, sort_by: str = RANK_SORT) -> list[str]:
    """Display ids top to bottom: by rank, or by one indicator's distance to target (closest to or
    furthest above the target first; units without figures last), ties by rank."""
    by_rank = ranking.sort_values(["rank", "display_rank", "display_code"], kind="stable")
    if sort_by == RANK_SORT:
        return by_rank["display_id"].tolist()
    if sort_by not in column_labels():
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
