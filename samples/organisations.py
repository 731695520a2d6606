"""Fictional sample data of the town's other party organisations (data/units.csv, `sample` = Có):
an agency, a school, the military and police organisations and a private enterprise, each with
cells of its own kind and no village or residential-group cells.

Drawn from random streams of their own, after the wards' people are named, so adding them changes
no figure of any ward's sample workbook; only the wards' names are kept unique across both. The
organisations admit a little, lose few members, and are mostly rated well; the enterprise's cells
are written `Doanh nghiệp` (v1) until 2022 and `Doanh nghiệp tư nhân` from the v2 workbooks on.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from database.units import Unit
from etl.checking import contract as c
from samples.cadres import People, Slot, cadre_rows, fill_years, other_holders
from samples.cell_life import FIRST_V2_YEAR
from samples.members import FLOWS, CellPlan, member_row, poisson

SEED = "ducpho-samples/organisations"


@dataclass(frozen=True)
class Organisation:
    cells: tuple[tuple[str, str], ...]  # (cell name, cell type as v1 writes it)
    committee: int  # members of its grassroots committee (cấp ủy viên cơ sở)
    size: tuple[int, int]  # members of a cell on 1 January of the first year
    admit: float  # admissions a year, as a share of members
    good_share: float  # members rated good or better


ORGANISATIONS = {
    "53401": Organisation((("Chi bộ Văn phòng HĐND và UBND thị xã", "Cơ quan"),
                           ("Chi bộ Phòng Tài chính – Kế hoạch", "Cơ quan"),
                           ("Chi bộ Phòng Nội vụ", "Cơ quan"),
                           ("Chi bộ Phòng Giáo dục và Đào tạo", "Cơ quan"),
                           ("Chi bộ Trung tâm Y tế thị xã", "Cơ quan")), 9, (12, 22), 0.025, 0.92),
    "53402": Organisation((("Chi bộ Tổ Khoa học tự nhiên", "Trường học"),
                           ("Chi bộ Tổ Khoa học xã hội", "Trường học"),
                           ("Chi bộ Hành chính – Văn phòng", "Trường học")), 7, (9, 16), 0.04, 0.91),
    "53403": Organisation((("Chi bộ Cơ quan Ban Chỉ huy Quân sự", "Quân sự"),
                           ("Chi bộ Trung đội Dân quân cơ động", "Quân sự"),
                           ("Chi bộ Kho vũ khí – Hậu cần", "Quân sự")), 7, (8, 14), 0.06, 0.92),
    "53404": Organisation((("Chi bộ Đội Cảnh sát giao thông – Trật tự", "Công an"),
                           ("Chi bộ Đội An ninh", "Công an"),
                           ("Chi bộ Đội Tổng hợp", "Công an")), 7, (8, 15), 0.05, 0.92),
    "53405": Organisation((("Chi bộ Phân xưởng Chế biến", c.ENTERPRISE_UNSPECIFIED),
                           ("Chi bộ Văn phòng Công ty", c.ENTERPRISE_UNSPECIFIED)), 5, (11, 17), 0.05, 0.9),
}
V2_CELL_TYPES = {c.ENTERPRISE_UNSPECIFIED: c.ENTERPRISE_PRIVATE}  # the v2 workbooks say the ownership


def _rating(rng: random.Random) -> str:
    draw = rng.random()
    return "HTXSNV" if draw < 0.2 else "HTTNV" if draw < 0.9 else "HTNV"


def _members(plans: list[CellPlan], years: Sequence[int], good_share: dict[str, float],
             rng: random.Random) -> dict[tuple[str, int], dict]:
    """The `Đảng viên` row of every organisation cell and year: members move, none struck off or resigned
    (the town's rising exits are the wards' story)."""
    rows, start = {}, {p.code: p.start for p in plans}
    for year in years:
        for p in plans:
            share_in, share_out, share_died = FLOWS[p.cell_type]
            moved_out = min(max(0, start[p.code] - 4), poisson(rng, start[p.code] * share_out))
            events = {"admitted": poisson(rng, start[p.code] * p.admit_weight),
                      "transferred_in": poisson(rng, start[p.code] * share_in), "transferred_out": moved_out,
                      "died": 0, "struck_off": 0, "expelled": 0,
                      "resigned": 0}
            rows[p.code, year] = member_row(rng, p, year, start[p.code], events, lambda unit, _year: good_share[unit])
            start[p.code] = rows[p.code, year]["end_count"]
    return rows


def _slots(plans: list[CellPlan]) -> list[Slot]:
    bi_thu, pho_bi_thu, chi_uy_vien = c.ROLES
    slots = []
    for p in plans:
        roles = [bi_thu] + [pho_bi_thu] * (p.start >= 9) + [chi_uy_vien] * (p.start >= 14)
        slots.extend(Slot(p.unit_code, p.code, role, False) for role in roles)
    return slots


def organisation_years(units: Sequence[Unit], years: Sequence[int], taken_names: set[str]) -> dict:
    """The content of every organisation's workbook, by (unit code, year): info, cells, members and
    cadres as `rendering.template.write_workbook` takes them (format v1; samples.town adds the v2 fields).
    `taken_names`: the people of the wards' samples, whom nobody here may share a name with."""
    rng = random.Random(f"{SEED}/plans")
    plans, names = [], {}
    for unit in units:
        org = ORGANISATIONS[unit.code]
        for number, (name, cell_type) in enumerate(org.cells, start=1):
            code = f"{unit.code}-{number:02d}"
            names[code] = (name, cell_type)
            plans.append(CellPlan(code, unit.code, cell_type, rng.randint(*org.size), org.admit, (), 0.0,
                                  rng.uniform(0.0, 0.02)))
    members = _members(plans, years, {u.code: ORGANISATIONS[u.code].good_share for u in units},
                       random.Random(f"{SEED}/members"))
    slots = _slots(plans)
    people = People(random.Random(f"{SEED}/cadres"))
    people.used |= taken_names
    other_holders(slots, people)
    fill_years(slots, range(min(years), max(years) + 1), {u.code: 1.0 for u in units}, people)
    draws = random.Random(f"{SEED}/years")
    contents = {}
    for unit in units:
        org = ORGANISATIONS[unit.code]
        unit_plans = [p for p in plans if p.unit_code == unit.code]
        unit_slots = [s for s in slots if s.unit_code == unit.code]
        for year in years:
            # training in party work: partial until 2022, complete in most organisations from 2023 (T7)
            share = draws.uniform(0.6, 0.85) if year < FIRST_V2_YEAR else draws.choice((0.8, 1.0, 1.0))
            trained = {i for i in range(len(unit_slots)) if draws.random() < share or share == 1.0}
            cells = []
            for p in unit_plans:
                name, cell_type = names[p.code]
                rating = _rating(draws)
                cells.append({"cell_code": p.code, "cell_name": name,
                              "cell_type": V2_CELL_TYPES.get(cell_type, cell_type) if year >= FIRST_V2_YEAR
                              else cell_type,
                              "rating": rating, "four_good": rating == "HTXSNV" and draws.random() < 0.5})
            contents[unit.code, year] = {
                "info": {"org_rating": _rating(draws), "committee_members": org.committee,
                         "committee_trained": min(round(org.committee * share), org.committee - (share < 1)),
                         "prepared_on": f"{draws.randint(10, 28):02d}/12/{year}"},
                "cells": cells,
                "members": [members[p.code, year] for p in unit_plans],
                "cadres": cadre_rows(unit_slots, year, trained),
            }
    return contents
