"""The one judgement of a figure against the programme (`queries.programme`): every card, chart,
table, ranking, warning, slide, report and the KPI export take their verdict from here.

Each figure gets a status (the KPI export's `status` column), the goal in force, the target in
Vietnamese, a colour role and the distance to the goal:

- every year (`hang_nam`, T1, T2, T7): each year is met or below its level;
- level by a deadline (`muc_theo_moc`, T4–T6): in a deadline year (or after the last) met or
  below that level; between deadlines below the level of a deadline already passed is below
  ("mức 2025"); otherwise met when the next level is reached, else the pace of `queries.pace`
  decides on_track or behind toward the next deadline. The pace is measured from the programme's
  baseline year (`nam_goc`, the Đề án's footnote 1): a year before it, and the first year of a series
  from it, have a figure but no pace: no_pace ("Trước năm gốc 2022 — chưa tính tiến độ", "Năm gốc —
  chưa tính tiến độ"), never no_data beside a real figure; nor has a year still coming in for the
  selection judged (`coming_in`: only part of its units have reported, queries.coverage), whose figure
  is met or below its level as any other, but whose pace would measure part of the units against all:
  no_pace ("Năm đang nhận báo cáo — chưa tính tiến độ");
- floor band (`khung_san`, T3): under the floor below, inside met, above the band exceeded,
  which counts as met (neutral colour, distance 0);
- no target (`khong`), or a year before the target applies: not_applicable;
- a selection none of whose units has reported for the year: not_submitted («Chưa nộp báo cáo năm 2026»),
  whatever the target (`not_submitted`, applied by the caller that knows who has reported).

`judge` judges one figure; `judge_frame` judges columns (the country's 600,000 cells) with the
same rules, per (indicator, year), on arrays; a frame's rows of a year still coming in carry the column
COMING_IN. Both compare with one tolerance, EPS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from core.rounding import SAME_RATE
from queries.coverage import UNREPORTED, unreported_words
from queries.programme import Indicator, Kind, Programme, programme
from queries.programme_years import HORIZON  # no arrival after it, as no deadline

EPS = SAME_RATE  # rates are ratios of whole numbers: closer than this is equal, as the figures shown read (core.numbers)


class Status(StrEnum):
    MET = "met"
    EXCEEDED = "exceeded"
    BELOW = "below"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NOT_APPLICABLE = "not_applicable"
    NO_DATA = "no_data"
    NO_PACE = "no_pace"  # a figure, but no pace to judge it by: before the baseline year, or its first year
    NOT_SUBMITTED = "not_submitted"  # none of the selection's units has reported for the year: no figure at all


WORDS = {
    Status.MET: "Đạt", Status.EXCEEDED: "Vượt khung", Status.BELOW: "Chưa đạt", Status.ON_TRACK: "Đúng tiến độ",
    Status.BEHIND: "Chậm tiến độ", Status.NOT_APPLICABLE: "Không đánh giá", Status.NO_DATA: "Chưa đủ số liệu",
    Status.NO_PACE: "Chưa tính tiến độ", Status.NOT_SUBMITTED: UNREPORTED,
}
# A level by a deadline in the first year of its series (the programme's baseline year, or a unit's
# first year reported after it): the figure is there, the pace it is judged by needs a second year. Said
# so, rather than "not enough figures", which a meeting reads as "no figures" beside 223/329.
FIRST_YEAR_WORDS = "Năm gốc — chưa tính tiến độ"
# A level by a deadline in a year still coming in for the selection: the figure of the units in is judged
# against the level, but a pace from the baseline (all units) to it (part of them) is none.
COMING_IN_WORDS = "Năm đang nhận báo cáo — chưa tính tiến độ"
COMING_IN = "coming_in"  # judge_frame's column: the row's year is still coming in for the row's selection


def before_baseline_words(baseline: int) -> str:
    """A level by a deadline in a year before the baseline year: no pace is measured from there."""
    return f"Trước năm gốc {baseline} — chưa tính tiến độ"
# The colour role of each status; the colours themselves are the UI's (rendering/verdicts.py).
ROLES = {
    Status.MET: "good", Status.EXCEEDED: "neutral", Status.BELOW: "bad", Status.ON_TRACK: "good",
    Status.BEHIND: "bad", Status.NOT_APPLICABLE: "none", Status.NO_DATA: "none", Status.NO_PACE: "none",
    Status.NOT_SUBMITTED: "none",
}
IN_ORDER = frozenset({Status.MET, Status.EXCEEDED, Status.ON_TRACK})  # what the ranking counts as on target
SHORT_OF = frozenset({Status.BELOW, Status.BEHIND})  # under the target: what warnings look at


def percent_text(rate: float) -> str:
    """`90%`, `3,5%`: a level as the programme states it."""
    return f"{rate * 100:g}%".replace(".", ",")


def level_name(deadline: int | None) -> str | None:
    return None if deadline is None else f"mức {deadline}"


@dataclass(frozen=True)
class Verdict:
    status: Status
    goal: float | None  # the level in force (a floor band: its floor)
    target_text: str  # `> 90%`, `≥ 50% (mức 2025)`, `3–4%/năm`
    level: int | None  # the deadline whose level `goal` is (levels by a deadline)
    distance: float | None  # rate − goal; a floor band: min(0, rate − floor)
    why: str | None = None  # no_pace: why there is none (`Rule.no_pace_words`)

    @property
    def role(self) -> str:
        return ROLES[self.status]

    @property
    def words(self) -> str:
        return self.why or WORDS[self.status]

    @property
    def text(self) -> str:
        """`Chưa đạt (mức 2025)`: the words, with the level they refer to."""
        return self.words if self.status in UNLEVELLED else verdict_text(self.status, self.level)


UNLEVELLED = frozenset({Status.NOT_APPLICABLE, Status.NO_DATA, Status.NO_PACE, Status.NOT_SUBMITTED})  # no "(mức …)"


def verdict_text(status: Status | str, level: int | None) -> str:
    words = WORDS[Status(status)]
    return words if level is None or pd.isna(level) or status in UNLEVELLED else f"{words} ({level_name(int(level))})"


@dataclass(frozen=True)
class Rule:
    """What applies to one indicator in one year (toward one deadline), worked out once per pair."""

    kind: Kind | None  # None: no target applies
    text: str
    goal: float | None = None
    level: int | None = None
    strict: bool = False
    upper: float | None = None
    toward: int | None = None  # the deadline the pace is judged toward; None: met or below now
    passed_goal: float | None = None  # levels by a deadline: the level of the deadline already passed
    passed_text: str | None = None
    passed_level: int | None = None
    baseline: int | None = None  # levels by a deadline: the year the pace is measured from
    before_baseline: bool = False  # the year is before it: no pace, whatever pace is given
    coming_in: bool = False  # the year is still coming in for the selection: no pace, whatever pace is given

    @property
    def unpaced(self) -> bool:
        """Whether no pace judges a figure of this rule, whatever pace is given."""
        return self.before_baseline or self.coming_in

    @property
    def no_pace_words(self) -> str:
        """Why a figure of this rule has no pace: the year is still coming in, before the baseline year, or
        the first of its series."""
        if self.coming_in:
            return COMING_IN_WORDS
        return before_baseline_words(self.baseline) if self.before_baseline else FIRST_YEAR_WORDS


def goal_text(ind: Indicator, goal: float, deadline: int | None = None) -> str:
    """`> 90%`, `100%`, `≥ 50%`, `3–4%/năm`; a level by a deadline names it: `≥ 50% (mức 2025)`."""
    if ind.kind is Kind.FLOOR_BAND:
        return f"{percent_text(goal).removesuffix('%')}–{percent_text(ind.upper)}/năm"
    text = "100%" if goal >= 1 and not ind.strict else f"{'>' if ind.strict else '≥'} {percent_text(goal)}"
    return text if deadline is None or ind.kind is not Kind.LEVEL_BY_DEADLINE else f"{text} ({level_name(deadline)})"


def rule(ind: Indicator, year: int, deadline: int | None = None, baseline: int | None = None,
         coming_in: bool = False) -> Rule:
    """The rule for `ind` in `year`: toward `deadline` when given (the Tiến độ page's columns), else
    toward the deadline in force for the year; a pace is measured from `baseline` (the programme's), and
    not to a year still `coming_in` for the selection."""
    if ind.kind is Kind.NONE:
        return Rule(None, "không đặt mục tiêu")
    if ind.from_year is not None and year < ind.from_year:
        return Rule(None, f"áp dụng từ năm {ind.from_year}")
    deadlines = sorted(ind.levels)
    if deadline is None:
        deadline = next((d for d in deadlines if d >= year), deadlines[-1])
        passed = [d for d in deadlines if d < year]
    else:
        passed = []
    goal = ind.level(deadline)
    common = {"goal": goal, "strict": ind.strict, "upper": ind.upper}
    if ind.kind is not Kind.LEVEL_BY_DEADLINE:
        return Rule(ind.kind, goal_text(ind, goal), **common)
    toward = deadline if year < deadline else None
    previous = passed[-1] if passed and toward is not None else None
    return Rule(ind.kind, goal_text(ind, goal, deadline), level=deadline, toward=toward, **common,
                passed_goal=None if previous is None else ind.level(previous),
                passed_text=None if previous is None else goal_text(ind, ind.level(previous), previous),
                passed_level=previous, baseline=baseline,
                before_baseline=toward is not None and baseline is not None and year < baseline,
                coming_in=toward is not None and coming_in)


def header_text(ind: Indicator, year: int) -> str:
    """The target of `year` in a few characters, for a column header: `≥ 50%`, `từ 2023`, `không`."""
    r = rule(ind, year)
    if r.kind is None:
        return f"từ {ind.from_year}" if ind.from_year is not None and year < ind.from_year else "không"
    return goal_text(ind, r.goal)


def meets(rate, goal: float, strict: bool):
    """Whether `rate` (a number or an array) reaches `goal`: "trên 90%" must pass it."""
    return rate > goal + EPS if strict else rate >= goal - EPS


def arrival_years(rate, year, pace, goal: float, strict: bool):
    """The first year the observed `pace` (points a year, as a fraction) would make `rate` of `year`
    reach `goal`; NaN when it never would (no pace, flat or falling, or after HORIZON). Numbers or arrays."""
    rate, pace = np.asarray(rate, dtype=float), np.asarray(pace, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        steps = (goal - rate) / pace
        years = np.floor(steps + EPS) + 1 if strict else np.ceil(steps - EPS)
        arrival = year + np.maximum(years, 1)
    return np.where((pace > EPS) & (arrival <= HORIZON), arrival, np.nan)


def arrives(rate, year, pace, rule_: Rule):
    """Whether the observed pace reaches the rule's goal by its deadline (numbers or arrays)."""
    return arrival_years(rate, year, pace, rule_.goal, rule_.strict) <= rule_.toward


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def judge(code: str, rate: float | None, year: int, pace: float | None = None, deadline: int | None = None,
          prog: Programme | None = None, coming_in: bool = False) -> Verdict:
    """One figure: `rate` of `year`, with its observed pace (points a year, as a fraction) for levels
    by a deadline; toward `deadline` when given, else the deadline in force. `coming_in`: the year is
    still coming in for the figure's selection (queries.coverage.year_coming_in)."""
    prog = prog or programme()
    r = rule(prog.indicator(code), year, deadline, prog.baseline, coming_in)
    if r.kind is None:
        return Verdict(Status.NOT_APPLICABLE, None, r.text, None, None)
    if _missing(rate):
        return Verdict(Status.NO_DATA, r.goal, r.text, r.level, None)
    if r.kind is Kind.FLOOR_BAND:
        status = Status.BELOW if rate < r.goal - EPS else Status.EXCEEDED if rate > r.upper + EPS else Status.MET
        return Verdict(status, r.goal, r.text, None, min(0.0, rate - r.goal))
    if r.passed_goal is not None and not meets(rate, r.passed_goal, r.strict):
        return Verdict(Status.BELOW, r.passed_goal, r.passed_text, r.passed_level, rate - r.passed_goal)
    if meets(rate, r.goal, r.strict):
        status = Status.MET
    elif r.toward is None:
        status = Status.BELOW
    elif r.unpaced or _missing(pace):
        return Verdict(Status.NO_PACE, r.goal, r.text, r.level, rate - r.goal, r.no_pace_words)
    else:
        status = Status.ON_TRACK if arrives(rate, year, pace, r) else Status.BEHIND
    return Verdict(status, r.goal, r.text, r.level, rate - r.goal)


VERDICT_COLUMNS = ["status", "goal", "target_text", "level", "distance", "role", "verdict"]


def judge_frame(frame: pd.DataFrame, pace: str | None = "observed_per_year", deadline: int | None = None,
                prog: Programme | None = None) -> pd.DataFrame:
    """`frame` (indicator, year, rate and, for levels by a deadline, the column `pace`; where some rows'
    year is still coming in for their selection, the boolean column COMING_IN) with the verdict of every
    row: status, goal, target_text, level, distance, role, verdict (Vietnamese)."""
    prog = prog or programme()
    n = len(frame)
    rates = frame["rate"].to_numpy(dtype=float, na_value=np.nan)
    paces = frame[pace].to_numpy(dtype=float, na_value=np.nan) if pace in frame.columns else np.full(n, np.nan)
    status = np.full(n, Status.NOT_APPLICABLE.value, dtype=object)
    goal, level, distance = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    text, words = np.full(n, "", dtype=object), np.full(n, WORDS[Status.NOT_APPLICABLE], dtype=object)
    keys = [frame["indicator"].to_numpy(), frame["year"].to_numpy()]
    if COMING_IN in frame.columns:
        keys.append(frame[COMING_IN].to_numpy(dtype=bool))
    groups = pd.Series(range(n)).groupby(keys).indices
    for (code, year, *coming_in), at in groups.items():
        r = rule(prog.indicator(code), int(year), deadline, prog.baseline, bool(coming_in and coming_in[0]))
        parts = _judge_group(r, int(year), rates[at], paces[at])
        status[at], goal[at], text[at], level[at], distance[at] = parts
        words[at] = _words(r, status[at], level[at])
    out = frame.copy()
    texts = {"status": status, "target_text": text, "verdict": words}  # object columns: no string conversion
    for name, values in texts.items():
        out[name] = pd.Series(values, index=frame.index, dtype=object)
    out["goal"], out["distance"] = goal, distance
    out["level"] = pd.array(np.where(np.isnan(level), None, level), dtype="Int64")
    out["role"] = pd.Series(_lookup(status, {s.value: role for s, role in ROLES.items()}), index=frame.index,
                            dtype=object)
    return out[[*frame.columns, *(c for c in VERDICT_COLUMNS if c not in frame.columns)]]


def not_submitted(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Judged indicator rows of `year` for a selection none of whose units has reported it (queries.coverage.none_in):
    not 0/0 «Chưa đủ số liệu» but not_submitted, «Chưa nộp báo cáo năm 2026», no colour, no distance; the goal in
    force kept. Their figures are unknown (queries.indicators.nothing_reported)."""
    return frame.assign(status=Status.NOT_SUBMITTED.value, verdict=unreported_words(year),
                        role=ROLES[Status.NOT_SUBMITTED], distance=np.nan)


def _lookup(values: np.ndarray, mapping: dict[str, str]) -> np.ndarray:
    """`mapping` applied to an array of a few distinct strings, one lookup per distinct value."""
    if not len(values):
        return np.array([], dtype=object)
    distinct, where = np.unique(values.astype(str), return_inverse=True)
    return np.array([mapping[v] for v in distinct], dtype=object)[where]


def _words(r: Rule, status: np.ndarray, level: np.ndarray) -> np.ndarray:
    """`verdict_text` of a group's rows: the statuses' words looked up, not formatted row by row."""
    words = _lookup(status, {s.value: verdict_text(s, r.level) for s in Status} | {
        Status.NO_PACE.value: r.no_pace_words})
    if r.passed_level is not None:  # below the level of the deadline already passed
        words[level == r.passed_level] = verdict_text(Status.BELOW, r.passed_level)
    return words


def _judge_group(r: Rule, year: int, rate: np.ndarray, pace: np.ndarray) -> tuple:
    """`judge` on the arrays of one (indicator, year): status, goal, target text, level, distance."""
    count = len(rate)
    if r.kind is None:
        return Status.NOT_APPLICABLE.value, np.nan, r.text, np.nan, np.nan
    missing = np.isnan(rate)
    goal = np.full(count, r.goal)
    text = np.full(count, r.text, dtype=object)
    level = np.full(count, np.nan if r.level is None else r.level)
    if r.kind is Kind.FLOOR_BAND:
        status = np.select([missing, rate < r.goal - EPS, rate > r.upper + EPS],
                           [Status.NO_DATA.value, Status.BELOW.value, Status.EXCEEDED.value], Status.MET.value)
        return status, goal, text, level, np.minimum(0.0, rate - r.goal)
    passed_short = np.zeros(count, dtype=bool)
    if r.passed_goal is not None:
        passed_short = ~missing & ~meets(rate, r.passed_goal, r.strict)
        goal[passed_short], text[passed_short], level[passed_short] = r.passed_goal, r.passed_text, r.passed_level
    if r.toward is None:
        later = np.full(count, Status.BELOW.value, dtype=object)
    elif r.unpaced:
        later = np.full(count, Status.NO_PACE.value, dtype=object)
    else:
        later = np.where(np.isnan(pace), Status.NO_PACE.value,
                         np.where(arrives(rate, year, pace, r), Status.ON_TRACK.value, Status.BEHIND.value))
    status = np.select([missing, passed_short, meets(rate, r.goal, r.strict)],
                       [Status.NO_DATA.value, Status.BELOW.value, Status.MET.value], later)
    return status, goal, text, level, rate - goal


# ---- what the judgement says in words beside the figures ----------------------------------

NOT_JUDGED = frozenset({Status.NO_DATA, Status.NOT_APPLICABLE, Status.NO_PACE, Status.NOT_SUBMITTED})


def summary_text(judged: int, missed: list[int]) -> str:
    """`đạt 5/6 năm (chưa đạt: 2021)`: `judged` years, of which the years `missed` were short of the target."""
    if not judged:
        return "chưa có năm nào được đánh giá"
    text = f"đạt {judged - len(missed)}/{judged} năm"
    return text + (f" (chưa đạt: {', '.join(map(str, sorted(missed)))})" if missed else "")


def people_short(numerator, denominator, goal, strict: bool):
    """How many more people must count for `numerator / denominator` to reach `goal` (numbers or arrays)."""
    numerator, denominator = np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)
    needed = np.floor(goal * denominator + EPS) + 1 if strict else np.ceil(goal * denominator - EPS)
    return np.maximum(0, np.minimum(needed, denominator) - numerator).astype(int)


def gap_text(ind: Indicator, short: int, goal: float | None) -> str | None:
    """`còn 74 người chưa có THPT và sơ cấp LLCT` (a 100% level), or `cần thêm 11 người có trung
    cấp chuyên môn trở lên để đạt ≥ 50%`; None where the indicator counts no people."""
    if ind.standard is None or goal is None or short <= 0:
        return None
    if goal >= 1:
        return f"còn {short:,} người chưa {ind.standard}".replace(",", ".")
    return f"cần thêm {short:,} người {ind.standard} để đạt {goal_text(ind, goal)}".replace(",", ".")
