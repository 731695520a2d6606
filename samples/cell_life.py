"""Fictional format v2 fields for the sample workbooks of 2023–2025 (earlier years stay v1).

Drawn from random streams of their own, keyed by cell, person or unit and year, so that adding
them changes no v1 figure of any sample file. Shaped by the Đề án's weaknesses: most cells
meet monthly, some fewer; thematic meetings and inspections missing in some cells; a few
cells without working rules that adopt them later; discipline rare; secretaries of village
cells often village heads or heads of the Front's work committee.
"""

from __future__ import annotations

import random

from etl.checking import contract as c

SEED = "ducpho-samples/v2"
FIRST_V2_YEAR = 2023
NO_RULES_SHARE = {2023: 0.12, 2024: 0.07, 2025: 0.03}  # cells still without working rules
MISSED_MEETINGS = {2023: 0.25, 2024: 0.18, 2025: 0.12}  # cells holding fewer than 12 regular meetings
NO_THEMATIC = {2023: 0.22, 2024: 0.15, 2025: 0.1}
NO_INSPECTION = {2023: 0.3, 2024: 0.2, 2025: 0.14}


def _rng(*key: object) -> random.Random:
    return random.Random("/".join(map(str, (SEED, *key))))


def _village(cell_type: str) -> bool:
    return cell_type in c.VILLAGE_CELL_TYPES


def cell_life(code: str, cell_type: str, year: int) -> dict:
    """The `Chi bộ` v2 fields of a cell in `year`: founding and rules last over the years."""
    lasting = _rng(code, "lasting")
    founded = lasting.randint(1976, 2001) if _village(cell_type) else lasting.randint(1990, 2016)
    laggard = lasting.random()  # below a year's share: no working rules yet that year
    catching_up = [y for y in sorted(NO_RULES_SHARE) if laggard >= NO_RULES_SHARE[y]]
    adopted = lasting.randint(max(founded, 2008), 2021) if laggard >= NO_RULES_SHARE[FIRST_V2_YEAR] else (
        catching_up[0] if catching_up else None)
    revised = adopted if lasting.random() < 0.6 or year < 2025 else 2025  # many revised after the 2025 congresses
    has_rules = laggard >= NO_RULES_SHARE[year]
    rng = _rng(code, year)
    weak = rng.random() < MISSED_MEETINGS[year] * (1.4 if _village(cell_type) else 0.6)
    return {
        "founded_year": founded,
        "founded_month": lasting.randint(1, 12) if lasting.random() < 0.3 else None,
        "regular_meetings": rng.randint(9, 11) if weak else 12,
        "thematic_meetings": 0 if rng.random() < NO_THEMATIC[year] else rng.randint(1, 4),
        "inspections": 0 if rng.random() < NO_INSPECTION[year] else rng.randint(1, 2),
        "supervisions": 0 if rng.random() < NO_INSPECTION[year] else rng.randint(1, 3),
        "has_working_rules": has_rules,
        "rules_revised_year": max(revised, founded) if has_rules else None,
    }


def member_extras(member: dict, year: int) -> dict:
    """The `Đảng viên` v2 fields of a cell's row: discipline by form (khai trừ as the row's
    Khai trừ) and the candidates trained, a little above the year's admissions."""
    rng = _rng(member["cell_code"], year, "discipline")
    during = member["start_count"] + member["admitted"] + member["transferred_in"]
    forms = {
        "reprimanded": 1 if rng.random() < 0.06 else 0,
        "warned": 1 if rng.random() < 0.02 else 0,
        "removed_from_post": 1 if rng.random() < 0.005 else 0,
        "expelled_by_discipline": member["expelled"],
    }
    if sum(forms.values()) > during:
        forms.update(reprimanded=0, warned=0, removed_from_post=0)
    return {**forms, "disciplined": sum(forms.values()),
            "candidates_trained": member["admitted"] + rng.randint(0, 3)}


def dual_role(cadre: dict, cell_type: str) -> str:
    """A cadre's `Kiêm nhiệm`, the same for the same person in the same cell every year."""
    draw = _rng(cadre["full_name"], cadre["cell_code"], "dual").random()
    if _village(cell_type):
        head = "Trưởng thôn" if cell_type == "Thôn" else "Tổ trưởng tổ dân phố"
        if cadre["role"] == c.ROLES[0]:
            return head if draw < 0.3 else "Trưởng ban công tác Mặt trận" if draw < 0.7 else c.NO_DUAL_ROLE
        return head if draw < 0.15 else c.NO_DUAL_ROLE
    if cadre["role"] == c.ROLES[0] and cell_type in ("Cơ quan", "Trường học") and draw < 0.5:
        return "Thủ trưởng cơ quan"
    return c.NO_DUAL_ROLE


def unit_report(unit_code: str, year: int, admitted: int, org_rating: str) -> dict:
    """The `Thông tin` v2 keys: the quota given (some units fall short of it) and four-good."""
    rng = _rng(unit_code, year, "unit")
    return {
        "admission_quota": max(1, round(admitted * rng.uniform(0.85, 1.25))),
        "four_good_unit": org_rating == "HTXSNV" and rng.random() < 0.6,
    }
