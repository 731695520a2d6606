"""Fictional cell cadres for the sample data, calibrated to the Đề án's 2022 baseline.

Every post (secretary, deputy, committee member of a cell) is a `Slot` held by one person per
year. The 2022 holders of the village / residential-group slots are drawn so that the town
figures equal footnote 1 of the Đề án exactly; earlier years are derived backwards (people
without a qualification they gained later, a few predecessors), later years forwards at each
unit's own pace (courses taken, replacements, the 2025 cell congresses).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from etl.checking import contract as c

BASE_YEAR = 2022
# Đề án, footnote 1: cadres of village / residential-group cells in 2022.
BASELINE = {
    "leaders": 164, "members_only": 165, "leaders_thpt": 95, "members_only_thpt": 128,
    "so_cap_llct": 274, "trung_cap_llct": 62, "trung_cap_chuyen_mon": 154,
}
BI_THU, PHO_BI_THU, CHI_UY_VIEN = c.ROLES
TRUNG_CAP = 2  # rank of Trung cấp on both ladders

FAMILY = ("Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Huỳnh", "Võ", "Võ",
          "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ", "Dương", "Đinh", "Lương", "Đoàn")
MIDDLE = {"Nam": ("Văn", "Văn", "Văn", "Hữu", "Đình", "Minh", "Công", "Ngọc", "Thanh", "Quốc", "Tấn", "Xuân"),
          "Nữ": ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ")}
GIVEN = {"Nam": ("An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Khánh", "Long", "Minh", "Nam",
                 "Phong", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Trung", "Tuấn", "Vinh", "Hiếu", "Lộc",
                 "Phúc", "Thịnh", "Toàn", "Tín", "Hòa", "Nhân", "Nghĩa", "Thạnh", "Kiên", "Lực"),
         "Nữ": ("Hoa", "Lan", "Hương", "Mai", "Thu", "Hà", "Nga", "Hằng", "Liên", "Loan", "Phượng",
                "Trang", "Yến", "Hạnh", "Vân", "Thủy", "Linh", "Nhung", "Tuyết", "Diệu")}
BORN = {BI_THU: (1956, 1978), PHO_BI_THU: (1960, 1988), CHI_UY_VIEN: (1962, 1996)}
WOMEN = {BI_THU: 0.12, PHO_BI_THU: 0.25, CHI_UY_VIEN: 0.3}


@dataclass(frozen=True)
class Person:
    full_name: str
    birth_year: int
    gender: str
    thpt: bool
    education: str  # as a ward would write it
    professional: int  # rank in contract.PROFESSIONAL_LEVELS
    political: int  # rank in contract.POLITICAL_LEVELS


@dataclass
class Slot:
    """One post of one cell; `held` maps each year to the person in post on 31 December."""

    unit_code: str  # the pre-2025 unit whose cell this is
    cell_code: str
    role: str
    village: bool
    held: dict[int, Person] = field(default_factory=dict)


class People:
    """Draws fictional people; names are unique across the town so each stays one person."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def name(self, gender: str) -> str:
        while True:
            full = " ".join(self.rng.choice(part[gender] if isinstance(part, dict) else part)
                            for part in (FAMILY, MIDDLE, GIVEN))
            if full not in self.used:
                self.used.add(full)
                return full

    def education(self, thpt: bool, birth_year: int) -> str:
        if thpt:
            if birth_year < 1963 and self.rng.random() < 0.7:
                return "10/10"
            return self.rng.choice(("12/12", "12/12", "THPT"))
        return self.rng.choice(("9/12", "9/12", "THCS"))

    def person(self, role: str, born: tuple[int, int], thpt: float, political: tuple[float, float],
               professional: float) -> Person:
        """A new holder; the floats are probabilities of THPT, Sơ cấp / Trung cấp LLCT and
        Trung cấp chuyên môn or higher."""
        rng = self.rng
        gender = "Nữ" if rng.random() < WOMEN[role] else "Nam"
        birth_year = rng.randint(*born)
        has_thpt = rng.random() < thpt
        pol = 2 if rng.random() < political[1] else 1 if rng.random() < political[0] else 0
        prof = self.professional_level(has_thpt) if rng.random() < professional else self.low_level()
        return Person(self.name(gender), birth_year, gender, has_thpt,
                      self.education(has_thpt, birth_year), prof, pol)

    def professional_level(self, thpt: bool) -> int:
        """A rank of Trung cấp or higher; college and university need THPT."""
        if not thpt:
            return TRUNG_CAP
        return self.rng.choices((2, 3, 4, 5), weights=(45, 15, 38, 2))[0]

    def low_level(self) -> int:
        return 1 if self.rng.random() < 0.2 else 0


def _top(indices: list[int], scores: dict[int, float], count: int) -> set[int]:
    ranked = sorted(indices, key=lambda i: (-scores[i], i))
    return set(ranked[:count])


def calibrate(slots: list[Slot], quality: dict[str, float], people: People) -> None:
    """Holders of the 2022 village slots whose town totals equal `BASELINE` exactly."""
    rng = people.rng
    village = [i for i, s in enumerate(slots) if s.village]
    leaders = [i for i in village if slots[i].role != CHI_UY_VIEN]
    members_only = [i for i in village if slots[i].role == CHI_UY_VIEN]
    assert (len(leaders), len(members_only)) == (BASELINE["leaders"], BASELINE["members_only"])
    born = {i: rng.randint(*BORN[slots[i].role]) for i in village}
    q = {i: quality[slots[i].unit_code] for i in village}
    bonus = {BI_THU: 1.6, PHO_BI_THU: 0.9, CHI_UY_VIEN: 0.0}

    def noisy(i: int, base: float) -> float:
        return q[i] + base + rng.gauss(0, 1)

    thpt_score = {i: noisy(i, (born[i] - 1970) / 12) for i in village}
    thpt = _top(leaders, thpt_score, BASELINE["leaders_thpt"])
    thpt |= _top(members_only, thpt_score, BASELINE["members_only_thpt"])
    so_cap = _top(village, {i: noisy(i, bonus[slots[i].role]) for i in village}, BASELINE["so_cap_llct"])
    trung_cap_scores = {i: noisy(i, 0.8 * bonus[slots[i].role] + 0.4 * (i in thpt)) for i in so_cap}
    trung_cap = _top(sorted(so_cap), trung_cap_scores, BASELINE["trung_cap_llct"])
    prof_scores = {i: noisy(i, 1.3 * (i in thpt) + (born[i] - 1970) / 25) for i in village}
    professional = _top(village, prof_scores, BASELINE["trung_cap_chuyen_mon"])
    for i in village:
        role = slots[i].role
        gender = "Nữ" if rng.random() < WOMEN[role] else "Nam"
        has_thpt = i in thpt
        pol = TRUNG_CAP if i in trung_cap else 1 if i in so_cap else 0
        prof = people.professional_level(has_thpt) if i in professional else people.low_level()
        slots[i].held[BASE_YEAR] = Person(people.name(gender), born[i], gender, has_thpt,
                                          people.education(has_thpt, born[i]), prof, pol)


def other_holders(slots: list[Slot], people: People) -> None:
    """2022 holders of the posts of the other cells: agencies, schools, police, militia, firms."""
    for slot in slots:
        if not slot.village:
            slot.held[BASE_YEAR] = people.person(slot.role, (1968, 1994), 0.97, (0.9, 0.45), 0.85)


def _earlier(person: Person, slot: Slot, people: People) -> Person:
    """The same post a year before: a predecessor, or the same person before a course."""
    rng = people.rng
    if slot.village and rng.random() < 0.05:
        return people.person(slot.role, (BORN[slot.role][0] - 4, BORN[slot.role][1] - 4),
                             0.55, (0.75, 0.12), 0.4)
    if not slot.village:
        return person
    thpt, education, pol, prof = person.thpt, person.education, person.political, person.professional
    if thpt and person.birth_year >= 1965 and rng.random() < 0.03:  # finished bổ túc THPT later
        thpt, education = False, people.education(False, person.birth_year)
    if pol == TRUNG_CAP and rng.random() < 0.04:
        pol = 1
    elif pol == 1 and rng.random() < 0.08:
        pol = 0
    if prof >= TRUNG_CAP and rng.random() < 0.03:
        prof = people.low_level()
    return replace(person, thpt=thpt, education=education, political=pol, professional=prof)


REPLACEMENT = {2023: 0.03, 2024: 0.04, 2025: 0.1}  # 2025: cell congresses for the 2025–2027 term


def _later(person: Person, slot: Slot, year: int, pace: float, people: People) -> Person:
    """The same post a year later: a better-qualified successor, or the same person after courses."""
    rng = people.rng
    if not slot.village:
        return person
    leave = REPLACEMENT[year] + (0.06 * pace if not person.thpt else 0.0)
    if rng.random() < leave:
        return people.person(slot.role, (1975, 1998), min(1.0, 0.93 + 0.05 * pace),
                             (0.95, min(0.6, 0.15 * pace + (0.15 if slot.role == BI_THU else 0))),
                             min(0.95, 0.5 + 0.15 * pace))
    thpt, education, pol, prof = person.thpt, person.education, person.political, person.professional
    if not thpt and person.birth_year >= 1962 and rng.random() < 0.12 * pace:
        thpt, education = True, rng.choice(("12/12", "THPT"))
    if pol == 0 and rng.random() < 0.35 * pace:
        pol = 1
    elif pol == 1 and rng.random() < (0.07 if slot.role == BI_THU else 0.035) * pace:
        pol = TRUNG_CAP
    if prof < TRUNG_CAP and (thpt or person.birth_year >= 1965) and rng.random() < 0.05 * pace:
        prof = TRUNG_CAP
    return replace(person, thpt=thpt, education=education, political=pol, professional=prof)


def fill_years(slots: list[Slot], years: range, pace: dict[str, float], people: People) -> None:
    """Holders for every year of `years`, walking back and forth from 2022."""
    for year in range(BASE_YEAR - 1, years.start - 1, -1):
        for slot in slots:
            slot.held[year] = _earlier(slot.held[year + 1], slot, people)
    for year in range(BASE_YEAR + 1, years.stop):
        for slot in slots:
            slot.held[year] = _later(slot.held[year - 1], slot, year, pace[slot.unit_code], people)


def cadre_rows(slots: list[Slot], year: int, trained: set[int]) -> list[dict]:
    """The `Cán bộ chi bộ` rows of these slots for `year`; `trained` holds slot positions."""
    rows = []
    for position, slot in enumerate(slots):
        person = slot.held[year]
        professional = c.PROFESSIONAL_LEVELS[person.professional]
        political = c.POLITICAL_LEVELS[person.political]
        rows.append({
            "full_name": person.full_name, "birth_year": person.birth_year, "gender": person.gender,
            "cell_code": slot.cell_code, "role": slot.role, "education": person.education,
            # untrained is mostly written out, sometimes left blank as wards do
            "professional": professional if person.professional or position % 5 else None,
            "political": political if person.political or position % 7 else None,
            "trained": position in trained,
        })
    return rows
