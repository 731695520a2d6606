"""Deterministic, fictional sample workbooks: the 15 old units for 2020–2024, the 5 new ones for 2025,
and the town's other party organisations (agency, school, military, police, enterprise) for every
year (samples.organisations).

Workbooks of 2020–2022 are format v1, those of 2023–2025 format v2 (samples.cell_life), so both
are always loaded; the v2 fields are drawn apart and change no v1 figure.

The figures are invented but shaped like the Đề án describes the town (its 2022 cadre baseline
exactly), so every chart has something to show. Every workbook says it is sample data and is
written by `rendering.template.write_workbook`, the same writer as the ward template.
`python -m samples.town` rewrites data/samples/; the same code always gives the same bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from core.text import fold
from database.units import Unit, load_units
from etl.checking import contract as c
from rendering.template import write_workbook
from samples.cadres import (
    BASELINE,
    People,
    Slot,
    cadre_rows,
    calibrate,
    fill_years,
    other_holders,
)
from samples.cell_life import FIRST_V2_YEAR, cell_life, dual_role, member_extras, unit_report
from samples.members import CellPlan, simulate
from samples.organisations import organisation_years
from settings import SAMPLES_DIR

OLD_YEARS = range(2020, 2025)
NEW_YEAR = 2025
YEARS = range(OLD_YEARS.start, NEW_YEAR + 1)
SEED = "ducpho-samples"
FOUR_GOOD_SHARE = {2020: 0.05, 2021: 0.07, 2022: 0.09, 2023: 0.12, 2024: 0.15, 2025: 0.19}


@dataclass(frozen=True)
class Profile:
    """How a pre-2025 unit's sample data differs from the others."""

    villages: int  # thôn / tổ dân phố cells
    quality: float  # cadre qualifications relative to the town
    pace: float  # how fast cadres gain qualifications after 2022
    good_share: float  # members rated good or better
    others: tuple[str, ...]  # types of its other cells
    training_lag: int = 2022  # last year its committees were not all trained


BASE = ("Công an", "Quân sự")
PROFILES = {
    "21439": Profile(7, 0.6, 1.8, 0.92, ("Cơ quan", "Trường học", "Doanh nghiệp", *BASE)),
    "21451": Profile(6, 0.1, 1.0, 0.88, ("Trường học", *BASE)),
    "21454": Profile(5, 0.2, 1.3, 0.89, ("Cơ quan", *BASE)),
    "21460": Profile(6, 0.2, 1.1, 0.90, ("Trường học", "Doanh nghiệp", *BASE)),
    "21463": Profile(5, 0.3, 1.5, 0.90, ("Trường học", *BASE)),
    "21466": Profile(5, 0.0, 1.0, 0.87, BASE),
    "21469": Profile(6, 0.3, 1.6, 0.91, ("Cơ quan", "Trường học", *BASE)),
    "21478": Profile(8, -0.1, 0.9, 0.86, ("Cơ quan", "Doanh nghiệp", *BASE)),
    "21442": Profile(6, 0.0, 1.0, 0.88, ("Trường học", *BASE)),
    "21445": Profile(8, -0.6, 0.5, 0.85, ("Trường học", "Khác", *BASE)),
    "21448": Profile(5, -0.3, 0.6, 0.86, BASE, training_lag=2023),
    "21457": Profile(5, -0.2, 0.8, 0.89, ("Cơ quan", *BASE)),
    "21472": Profile(6, -0.1, 1.2, 0.87, ("Trường học", *BASE)),
    "21475": Profile(5, -0.4, 0.5, 0.86, BASE, training_lag=2025),
    "21481": Profile(3, -0.3, 0.7, 0.87, ("Trường học", *BASE), training_lag=2024),
}
# (unit, first dry year, last dry year): its smallest village cell admits nobody in those years
DRY_SPELLS = (("21445", 2020, 2024), ("21475", 2021, 2025), ("21481", 2020, 2022),
              ("21466", 2022, 2025), ("21448", 2023, 2025), ("21478", 2020, 2023))
FIRST = ("An", "Hòa", "Tân", "Phước", "Long", "Vĩnh", "Mỹ", "Đông", "Trung", "Hải", "Thạch",
         "Phú", "Bình", "Quang", "Đức", "Thanh", "Hưng", "Xuân")
SECOND = ("Thạnh", "Bình", "An", "Lợi", "Hòa", "Phú", "Tân", "Trung", "Lộc", "Sơn", "Hải",
          "Quang", "Hiệp", "Thọ", "Khánh", "Long")
COMPANIES = {"21439": "Công ty CP May Đức Phổ", "21460": "Công ty TNHH Gạch ngói Phổ Ninh",
             "21478": "Công ty TNHH Thủy sản Sa Huỳnh"}
# the ownership the v2 workbooks write for each unit's enterprise cell (v1 says `Doanh nghiệp` only)
OWNERSHIP = {"21439": c.ENTERPRISE_STATE, "21460": c.ENTERPRISE_PRIVATE, "21478": c.ENTERPRISE_PRIVATE}
# militia and police cells are where many young members are admitted
ADMIT_WEIGHT = {"Quân sự": 2.5, "Công an": 1.5, "Doanh nghiệp": 0.7}
SIZES = {"Thôn": (10, 32), "Tổ dân phố": (12, 34), "Cơ quan": (10, 20), "Trường học": (8, 18),
         "Doanh nghiệp": (5, 12), "Công an": (5, 11), "Quân sự": (6, 12), "Khác": (5, 9)}


@dataclass(frozen=True)
class Cell:
    unit_code: str  # the pre-2025 unit
    code: str
    name: str
    cell_type: str


def _other_name(cell_type: str, unit: Unit) -> str:
    place = f"{unit.kind.lower()} {unit.name}"
    return {
        "Cơ quan": f"Chi bộ Cơ quan {place}", "Trường học": f"Chi bộ Trường THCS {unit.name}",
        "Doanh nghiệp": f"Chi bộ {COMPANIES.get(unit.code, '')}",
        "Công an": f"Chi bộ Công an {place}", "Quân sự": f"Chi bộ Quân sự {place}",
        "Khác": f"Chi bộ Hợp tác xã nông nghiệp {unit.name}",
    }[cell_type]


def town_cells(old_units: list[Unit], rng: random.Random) -> list[Cell]:
    """Every cell of the town: village cells first in each unit, codes `<unit code>-NN`."""
    names = [f"{a} {b}" for a in FIRST for b in SECOND if a != b]
    rng.shuffle(names)
    cells = []
    for unit in old_units:
        profile = PROFILES[unit.code]
        village_type = "Tổ dân phố" if unit.kind == "Phường" else "Thôn"
        kinds = [village_type] * profile.villages + list(profile.others)
        for number, cell_type in enumerate(kinds, start=1):
            name = f"Chi bộ {cell_type.lower()} {names.pop()}" if cell_type == village_type \
                else _other_name(cell_type, unit)
            cells.append(Cell(unit.code, f"{unit.code}-{number:02d}", name, cell_type))
    return cells


def member_plans(cells: list[Cell], rng: random.Random) -> list[CellPlan]:
    starts = {cell.code: rng.randint(*SIZES[cell.cell_type]) for cell in cells}
    dry = {}
    for unit_code, first, last in DRY_SPELLS:
        villages = [x for x in cells if x.unit_code == unit_code and x.cell_type in c.VILLAGE_CELL_TYPES]
        smallest = min(villages, key=lambda x: (starts[x.code], x.code))
        dry[smallest.code] = tuple(range(first, last + 1))
    plans = []
    for cell in cells:
        village = cell.cell_type in c.VILLAGE_CELL_TYPES
        plans.append(CellPlan(
            cell.code, cell.unit_code, cell.cell_type, starts[cell.code],
            rng.uniform(0.6, 1.5) * ADMIT_WEIGHT.get(cell.cell_type, 1.0),
            dry.get(cell.code, ()), rng.uniform(0.05, 0.16) if village else 0.0,
            rng.uniform(0.02, 0.09) if village else rng.uniform(0.0, 0.02),
        ))
    return plans


def cadre_slots(cells: list[Cell], plans: list[CellPlan], rng: random.Random) -> list[Slot]:
    """The posts of every cell. Village cells: a secretary, a deputy in all but the smallest,
    committee members 1–3 by size, as many in all as the Đề án counts."""
    size = {p.code: p.start for p in plans}
    villages = [x for x in cells if x.cell_type in c.VILLAGE_CELL_TYPES]
    by_size = sorted(villages, key=lambda x: (size[x.code], x.code))
    no_deputy = {x.code for x in by_size[: 2 * len(villages) - BASELINE["leaders"]]}
    committee = {x.code: 1 if size[x.code] < 20 else 2 if size[x.code] < 32 else 3 for x in villages}
    while sum(committee.values()) != BASELINE["members_only"]:
        step = 1 if sum(committee.values()) < BASELINE["members_only"] else -1
        cell = rng.choice([x for x in villages if 1 <= committee[x.code] + step <= 3])
        committee[cell.code] += step
    slots = []
    for cell in cells:
        bi_thu, pho_bi_thu, chi_uy_vien = c.ROLES
        if cell.code in committee:
            roles = [bi_thu] + [pho_bi_thu] * (cell.code not in no_deputy) + [chi_uy_vien] * committee[cell.code]
        else:
            roles = [bi_thu] + [pho_bi_thu] * (size[cell.code] >= 7) + [chi_uy_vien] * (size[cell.code] >= 15)
        slots.extend(Slot(cell.unit_code, cell.code, role, cell.code in committee) for role in roles)
    return slots


@dataclass
class Town:
    cells: list[Cell]
    members: dict[tuple[str, int], dict]
    slots: list[Slot]
    ratings: dict[tuple[str, int], tuple[str, bool]]  # cell rating and four-good, by (code, year)


def _rating(rng: random.Random, quality: float) -> str:
    draw = rng.random() + 0.25 * quality
    return "KHTNV" if draw < 0.02 else "HTNV" if draw < 0.14 else "HTTNV" if draw < 0.78 else "HTXSNV"


def build_town() -> Town:
    """The wards and communes of the fictional town, every year; all randomness is seeded here."""
    old_units = [u for u in load_units() if u.valid_in(OLD_YEARS.stop - 1) and u.territorial]
    cells = town_cells(old_units, random.Random(f"{SEED}/cells"))
    plans = member_plans(cells, random.Random(f"{SEED}/plans"))
    year_rng = random.Random(f"{SEED}/good-share")
    shift = {(u.code, y): year_rng.gauss(0, 0.008) for u in old_units for y in YEARS}
    members = simulate(plans, YEARS, lambda unit_code, year: PROFILES[unit_code].good_share + shift[unit_code, year],
                       random.Random(f"{SEED}/members"))
    slots = cadre_slots(cells, plans, random.Random(f"{SEED}/slots"))
    people = People(random.Random(f"{SEED}/cadres"))
    calibrate(slots, {code: p.quality for code, p in PROFILES.items()}, people)
    other_holders(slots, people)
    fill_years(slots, YEARS, {code: p.pace for code, p in PROFILES.items()}, people)
    rng = random.Random(f"{SEED}/ratings")
    ratings = {}
    for cell in cells:
        propensity = rng.random()
        for year in YEARS:
            rating = _rating(rng, PROFILES[cell.unit_code].quality)
            ratings[cell.code, year] = (rating, rating in c.GOOD_RATINGS and propensity < FOUR_GOOD_SHARE[year])
    return Town(cells, members, slots, ratings)


def _training_share(rng: random.Random, year: int, lag: int) -> float:
    if year <= 2022:
        return rng.uniform(0.62, 0.9)
    return rng.uniform(0.8, 0.95) if year <= lag else 1.0


def unit_year(town: Town, unit: Unit, year: int, old_codes: list[str], rng: random.Random) -> dict:
    """The content of one workbook: info, cells, members and cadres of `unit` in `year`."""
    cells = [x for x in town.cells if x.unit_code in old_codes]
    codes = {x.code for x in cells}
    slots = [s for s in town.slots if s.cell_code in codes]
    profiles = [PROFILES[code] for code in old_codes]
    lag = max(p.training_lag for p in profiles)
    trained_share = _training_share(rng, year, lag)
    untrained = round(len(slots) * (1 - trained_share))
    trained = set(range(len(slots))) - set(rng.sample(range(len(slots)), untrained))
    committee = sum(13 + int(p.quality * 3 + 2) for p in profiles)  # 13–16, more in stronger units
    if len(profiles) > 1:
        committee = round(committee * 0.6)  # the merged unit's appointed committee
    quality = sum(p.quality for p in profiles) / len(profiles)
    info = {
        "org_rating": _rating(rng, quality),
        "committee_members": committee,
        "committee_trained": round(committee * _training_share(rng, year, lag)),
        "prepared_on": f"{rng.randint(10, 28):02d}/12/{year}",
    }
    cell_rows = [
        {"cell_code": x.code, "cell_name": x.name, "cell_type": _cell_type(x, year),
         "rating": town.ratings[x.code, year][0], "four_good": town.ratings[x.code, year][1]}
        for x in cells
    ]
    members = [town.members[x.code, year] for x in cells]
    content = {"info": info, "cells": cell_rows, "members": members, "cadres": cadre_rows(slots, year, trained)}
    return with_v2(content, unit, year) if year >= FIRST_V2_YEAR else content


def _cell_type(cell: Cell, year: int) -> str:
    """As the workbook of `year` writes it: from the v2 workbooks on, an enterprise's ownership."""
    if cell.cell_type == c.ENTERPRISE_UNSPECIFIED and year >= FIRST_V2_YEAR:
        return OWNERSHIP[cell.unit_code]
    return cell.cell_type


def with_v2(content: dict, unit: Unit, year: int) -> dict:
    """The content of a v2 workbook: the v1 rows as they are, with the v2 fields added."""
    types = {cell["cell_code"]: cell["cell_type"] for cell in content["cells"]}
    admitted = sum(m["admitted"] for m in content["members"])
    return {
        "info": {**content["info"], **unit_report(unit.code, year, admitted, content["info"]["org_rating"])},
        "cells": [{**cell, **cell_life(cell["cell_code"], cell["cell_type"], year)} for cell in content["cells"]],
        "members": [{**m, **member_extras(m, year)} for m in content["members"]],
        "cadres": [{**x, "dual_role": dual_role(x, types[x["cell_code"]])} for x in content["cadres"]],
        "version": c.FORMAT_V2,
    }


def file_name(unit: Unit, year: int) -> str:
    return f"mau_{year}_{unit.code}_{fold(unit.name).replace(' ', '_')}.xlsx"


def generate(out_dir: Path) -> list[Path]:
    """Write every sample workbook into `out_dir`, dropping older ones there; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    town = build_town()
    units = load_units()
    organisations = [u for u in units if not u.territorial and u.sample]
    names = {person.full_name for slot in town.slots for person in slot.held.values()}
    others = organisation_years(organisations, YEARS, names)
    rng = random.Random(f"{SEED}/units")
    paths = []
    for year in YEARS:
        for unit in (u for u in units if u.valid_in(year)):
            if unit in organisations:
                content = others[unit.code, year]
                content = with_v2(content, unit, year) if year >= FIRST_V2_YEAR else content
            else:
                merged = [u.code for u in units if u.successor_id == unit.unit_id]
                content = unit_year(town, unit, year, merged if year >= NEW_YEAR else [unit.code], rng)
            path = out_dir / file_name(unit, year)
            write_workbook(path, unit, year, sample=True, **content)
            paths.append(path)
    for stale in set(out_dir.glob("mau_*.xlsx")) - set(paths):
        stale.unlink()
    return paths


def main() -> None:
    paths = generate(SAMPLES_DIR)
    print(f"Đã ghi {len(paths)} tệp dữ liệu mẫu vào {SAMPLES_DIR}")


if __name__ == "__main__":
    main()
