"""Fictional member figures for the sample data: every cell of the town, year after year.

Each row satisfies every identity of the contract, and a cell's `Đầu năm` is its previous
`Cuối năm`. Town totals follow the Đề án's picture: admissions of 2.5–4% a year, some cells
admitting nobody for years, struck-off and resigned members rising.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from etl.checking import contract as c

FIELDS = tuple(col.field for col in c.MEMBER_COUNT_COLUMNS)
ADMISSION_RATE = {2020: 0.032, 2021: 0.026, 2022: 0.035, 2023: 0.029, 2024: 0.038, 2025: 0.031}
STRUCK_OFF = {2020: 3, 2021: 5, 2022: 6, 2023: 8, 2024: 10, 2025: 12}
RESIGNED = {2020: 1, 2021: 1, 2022: 2, 2023: 3, 2024: 5, 2025: 6}
EXPELLED = {2020: 1, 2021: 0, 2022: 1, 2023: 0, 2024: 1, 2025: 0}
# yearly shares transferred in, transferred out and died, by cell type
FLOWS = {
    "Thôn": (0.012, 0.014, 0.016), "Tổ dân phố": (0.015, 0.016, 0.014),
    "Cơ quan": (0.05, 0.05, 0.002), "Trường học": (0.04, 0.04, 0.002),
    "Doanh nghiệp": (0.03, 0.04, 0.002), "Công an": (0.09, 0.08, 0.0),
    "Quân sự": (0.08, 0.08, 0.0), "Khác": (0.02, 0.02, 0.01),
}
# shares of an admission that are a student, a worker, a business owner
ADMITTED_KINDS = {"Doanh nghiệp": (0.0, 0.45, 0.15), "Trường học": (0.0, 0.0, 0.0)}
ADMITTED_KINDS_DEFAULT = (0.04, 0.05, 0.02)


@dataclass(frozen=True)
class CellPlan:
    """What drives one cell's figures."""

    code: str
    unit_code: str
    cell_type: str
    start: int  # members on 1 January of the first year
    admit_weight: float  # how readily the cell admits, relative to its size
    dry_years: tuple[int, ...]  # years it admits nobody
    exempt_share: float
    away_share: float

    @property
    def village(self) -> bool:
        return self.cell_type in c.VILLAGE_CELL_TYPES


def poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _binomial(rng: random.Random, n: int, p: float) -> int:
    return sum(rng.random() < p for _ in range(n))


def _spread(rng: random.Random, total: int, weights: dict[str, float],
            room: dict[str, int] | None = None) -> dict[str, int]:
    """`total` events spread over the cells (codes) by weight, each cell's weight shrinking with
    every event it gets, and never more than its `room`."""
    counts = dict.fromkeys(weights, 0)
    for _ in range(total):
        codes = [code for code, weight in weights.items()
                 if weight > 0 and (room is None or room[code] > counts[code])]
        if not codes:
            break
        chosen = rng.choices(codes, weights=[weights[code] / (1 + 2 * counts[code]) for code in codes])[0]
        counts[chosen] += 1
    return counts


def simulate(plans: list[CellPlan], years: range, good_share: Callable[[str, int], float],
             rng: random.Random) -> dict[tuple[str, int], dict]:
    """The `Đảng viên` row of every cell and year, keyed by (cell code, year)."""
    rows: dict[tuple[str, int], dict] = {}
    start = {p.code: p.start for p in plans}
    idle = {p.code: 0 for p in plans}  # years since the cell last admitted someone
    for year in years:
        # the town committee pushes cells that have not admitted for a while
        admitted = _spread(rng, round(ADMISSION_RATE[year] * sum(start.values())), {
            p.code: start[p.code] * p.admit_weight * (1 + idle[p.code])
            for p in plans if year not in p.dry_years
        })
        idle = {code: 0 if admitted.get(code) else years_idle + 1 for code, years_idle in idle.items()}
        events = {}
        for p in plans:
            share_in, share_out, share_died = FLOWS[p.cell_type]
            moved_out = min(start[p.code], poisson(rng, start[p.code] * share_out))
            events[p.code] = {
                "admitted": admitted.get(p.code, 0),
                "transferred_in": poisson(rng, start[p.code] * share_in),
                "transferred_out": moved_out,
                "died": min(start[p.code] - moved_out, poisson(rng, start[p.code] * share_died)),
            }
        # exits the town counts are spread over the cells, keeping at least 3 members in each
        room = {p.code: start[p.code] - events[p.code]["transferred_out"] - events[p.code]["died"] - 3
                for p in plans}
        villages = {p.code: start[p.code] for p in plans if p.village}
        anywhere = {p.code: start[p.code] * (1 + p.village) for p in plans}
        for exit_field, totals, weights in (("struck_off", STRUCK_OFF, villages),
                                            ("resigned", RESIGNED, anywhere),
                                            ("expelled", EXPELLED, villages)):
            spread = _spread(rng, totals[year], weights, room)
            for p in plans:
                events[p.code][exit_field] = spread.get(p.code, 0)
                room[p.code] -= events[p.code][exit_field]
        for p in plans:
            row = member_row(rng, p, year, start[p.code], events[p.code], good_share)
            rows[p.code, year] = row
            start[p.code] = row["end_count"]
    return rows


def member_row(rng: random.Random, plan: CellPlan, year: int, start: int, events: dict[str, int],
         good_share: Callable[[str, int], float]) -> dict:
    """One cell's year: the events given, the rest (admitted groups, exempted, ratings) drawn."""
    admitted = events["admitted"]
    end = (start + admitted + events["transferred_in"] - events["transferred_out"] - events["died"]
           - events["struck_off"] - events["expelled"] - events["resigned"])
    students = workers = owners = 0
    kinds = ADMITTED_KINDS.get(plan.cell_type, ADMITTED_KINDS_DEFAULT)
    for _ in range(admitted):
        draw = rng.random()
        students += draw < kinds[0]
        workers += kinds[0] <= draw < kinds[0] + kinds[1]
        owners += kinds[0] + kinds[1] <= draw < sum(kinds)
    exempted = min(end, round(end * plan.exempt_share * rng.uniform(0.85, 1.15)))
    working_away = min(end, round(end * plan.away_share * rng.uniform(0.8, 1.2)))
    unrated = min(end, _binomial(rng, exempted, 0.5) + _binomial(rng, admitted, 0.3))
    rated = end - unrated
    share = min(1.0, max(0.6, good_share(plan.unit_code, year) + rng.gauss(0, 0.015)))
    good = round(rated * share)
    excellent = round(good * rng.uniform(0.10, 0.18))
    not_fulfilled = 1 if rated - good >= 3 and rng.random() < 0.25 else 0
    row = {
        "start_count": start, **events, "admitted_students": students, "admitted_workers": workers,
        "admitted_owners": owners, "end_count": end, "exempted": exempted, "working_away": working_away,
        "rated_excellent": excellent, "rated_good": good - excellent,
        "rated_fulfilled": rated - good - not_fulfilled, "rated_not_fulfilled": not_fulfilled,
        "unrated": unrated,
    }
    assert set(row) == set(FIELDS) and min(row.values()) >= 0, (plan.code, year, row)
    return {"cell_code": plan.code, **row}
