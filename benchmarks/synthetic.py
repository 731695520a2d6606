"""Synthetic, deterministic data at three scales: a town, a province, the whole country.

`town` is the 15 + 5 real units of data/units.csv; `province` and `national` get a unit table
of their own (fake codes from 50001, written to a CSV that DP_UNITS_CSV points the loader at).
Every unit-year is a workbook's content in the shape `rendering.template.write_workbook` takes;
`submission` turns it into what `etl.checking.validate.parse_workbook` makes of that workbook (a test
checks both agree), so the page benchmark can fill a database through the loader's write path
without writing 60,000 files. The figures obey every rule of docs/DATA_CONTRACT.md.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from database.units import Unit, load_units
from etl.checking import contract as c
from etl.checking.cell_life import NOT_REPORTED
from etl.checking.model import Submission
from etl.checking.validate import NO_REPORT
from etl.checking.vocab import education as read_education
from etl.checking.vocab import level as read_level
from rendering.template import SAMPLE_AUTHOR
from samples.cadres import FAMILY, GIVEN, MIDDLE
from samples.town import FIRST, SECOND

YEARS = range(2020, 2026)
FIRST_CODE = 50001  # real commune codes stay below 33000
OTHER_TYPES = ("Cơ quan", "Trường học", "Doanh nghiệp", "Công an", "Quân sự", "Khác")
RATING_SHARES = {"HTXSNV": 0.2, "HTTNV": 0.62, "HTNV": 0.15, "KHTNV": 0.03}
PROFESSIONAL_SHARES = (0.35, 0.1, 0.3, 0.08, 0.15, 0.015, 0.005)
POLITICAL_SHARES = (0.2, 0.55, 0.2, 0.04, 0.01)
THPT_TEXTS = ("12/12", "12/12", "THPT", "10/10")
BELOW_TEXTS = ("9/12", "THCS", "8/10", "11/12")
MEMBER_FIELDS = tuple(col.field for col in c.MEMBER_COUNT_COLUMNS)


@dataclass(frozen=True)
class Scale:
    name: str
    units: int | None  # synthetic units; None = the real units of data/units.csv
    cells_per_unit: int  # on average
    members_per_cell: float  # on average, on 1 January of the first year

    def describe(self) -> str:
        units = "15 + 5 real units" if self.units is None else f"{self.units:,} units"
        return f"{units}, ~{self.cells_per_unit} cells/unit, ~{self.members_per_cell:g} members/cell, {len(YEARS)} years"


# national: 10,000 units x 30 cells = 300,000 cells, ~900,000 cell cadres, ~5.6 M members
SCALES = {
    "town": Scale("town", None, 9, 17.0),
    "province": Scale("province", 180, 30, 18.7),
    "national": Scale("national", 10_000, 30, 18.7),
}


def synthetic_units(count: int) -> list[Unit]:
    """`count` units valid from 2015, never merged; names unique, codes 50001, 50002, …"""
    names = [f"{a} {b}" for a in FIRST for b in SECOND if a != b]
    units = []
    for index in range(count):
        lap, place = divmod(index, len(names))
        name = names[place] + (f" {lap + 1}" if lap else "")
        code = str(FIRST_CODE + index)
        units.append(Unit(f"{code}-2015", code, name, "Phường" if index % 3 == 0 else "Xã", 2015, None, None))
    return units


def write_units_csv(units: list[Unit], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["unit_id", "code", "name", "kind", "valid_from", "valid_to", "successor_id"])
        for u in units:
            writer.writerow([u.unit_id, u.code, u.name, u.kind, u.valid_from, u.valid_to or "", u.successor_id or ""])
    return path


def _rng(*key: object) -> np.random.Generator:
    digest = hashlib.sha256("/".join(map(str, ("benchmarks", *key))).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def _pick(rng: np.random.Generator, options: tuple, shares: tuple | None, size: int) -> list:
    return [options[i] for i in rng.choice(len(options), size=size, p=shares).tolist()]


UNITS_PER_BATCH = 100  # units drawn together: one numpy draw per field and year for all their cells
PLACES = tuple(f"{a} {b}" for a in FIRST for b in SECOND if a != b)
GENDERS = ("Nam", "Nữ")
NAMES = {g: [f"{f} {m} {n}" for f in FAMILY for m in MIDDLE[g] for n in GIVEN[g]] for g in GENDERS}


@dataclass
class Group:
    """The cells of one unit as first reported, every year; a merged unit reports several groups."""

    cells: list[dict]  # cell_code, cell_name, cell_type
    members: dict[int, list[dict]]  # year → one row per cell
    ratings: dict[int, list[tuple[str, bool]]]  # year → (rating, four good) per cell
    cadres: dict[int, list[dict]]  # year → cadre rows (trained filled in per unit-year)


def _split(rows: list, bounds: np.ndarray) -> list[list]:
    """`rows` cut at `bounds` (first index of each unit, then the end)."""
    edges = bounds.tolist()
    return [rows[a:b] for a, b in zip(edges, edges[1:], strict=False)]


def _members(rng: np.random.Generator, start: np.ndarray, village: np.ndarray) -> dict[int, list[dict]]:
    """Member figures per cell and year: every identity of the contract holds, Đầu năm = last Cuối năm."""
    rows = {}
    for year in YEARS:
        step = year - YEARS.start
        admitted = rng.poisson(start * (0.028 + 0.002 * step) * np.where(village, 1.0, 1.6))
        students = rng.binomial(admitted, 0.05)
        workers = rng.binomial(admitted - students, 0.06)
        owners = rng.binomial(admitted - students - workers, 0.03)
        moved_in = rng.poisson(start * np.where(village, 0.012, 0.06))
        left = start.copy()
        removed = {}
        for field, share in (("transferred_out", 0.014), ("died", 0.012), ("struck_off", 0.003 + 0.0005 * step),
                             ("expelled", 0.0005), ("resigned", 0.001 + 0.0003 * step)):
            removed[field] = np.minimum(left, rng.poisson(start * share))
            left = left - removed[field]
        end = left + admitted + moved_in
        unrated = rng.binomial(end, 0.03)
        excellent = rng.binomial(end - unrated, 0.15)
        good = rng.binomial(end - unrated - excellent, 0.86)
        failed = rng.binomial(end - unrated - excellent - good, 0.1)
        columns = {
            "start_count": start, "admitted": admitted, "admitted_students": students, "admitted_workers": workers,
            "admitted_owners": owners, "transferred_in": moved_in, **removed, "end_count": end,
            "exempted": rng.binomial(end, 0.04), "working_away": rng.binomial(end, 0.05),
            "rated_excellent": excellent, "rated_good": good, "rated_fulfilled": end - unrated - excellent - good - failed,
            "rated_not_fulfilled": failed, "unrated": unrated,
        }
        lists = [columns[f].tolist() for f in MEMBER_FIELDS]
        rows[year] = [dict(zip(MEMBER_FIELDS, values, strict=True)) for values in zip(*lists, strict=True)]
        start = end
    return rows


def _people(rng: np.random.Generator, leader: np.ndarray) -> dict[str, np.ndarray]:
    """New people for slots (`leader`: a Bí thư): indices into NAMES, levels, schooling."""
    size = len(leader)
    return {
        "woman": rng.random(size) < np.where(leader, 0.12, 0.28),
        "name": rng.integers(0, 1 << 30, size),
        "birth_year": rng.integers(1958, 1996, size),
        "thpt": rng.random(size) < 0.78,
        "text": rng.integers(0, 4, size),
        "professional": rng.choice(len(PROFESSIONAL_SHARES), size=size, p=PROFESSIONAL_SHARES),
        "political": rng.choice(len(POLITICAL_SHARES), size=size, p=POLITICAL_SHARES),
    }


def _cadres(rng: np.random.Generator, codes: list[str], village: np.ndarray) -> tuple[dict[int, list[dict]], np.ndarray]:
    """The post holders of every cell per year (most stay, some are replaced, some gain a level),
    and the number of posts of each cell."""
    cells = len(codes)
    deputy = rng.random(cells) < np.where(village, 0.9, 0.8)
    committee = np.where(village, 1 + (rng.random(cells) < 0.3), rng.random(cells) < 0.9).astype(int)
    posts = 1 + deputy + committee
    slot_cell = np.repeat(np.arange(cells), posts)
    first = np.concatenate([[0], np.cumsum(posts)[:-1]])
    within = np.arange(len(slot_cell)) - first[slot_cell]
    role = np.where(within == 0, 0, np.where((within == 1) & deputy[slot_cell], 1, 2))
    people = _people(rng, role == 0)
    roles = [c.ROLES[r] for r in role.tolist()]
    slot_codes = [codes[i] for i in slot_cell.tolist()]
    by_year = {}
    for year in YEARS:
        if year > YEARS.start:
            replaced = rng.random(len(role)) < 0.08
            fresh = _people(rng, role == 0)
            people = {field: np.where(replaced, fresh[field], values) for field, values in people.items()}
            people["professional"] = np.minimum(people["professional"] + (rng.random(len(role)) < 0.04), 6)
            people["political"] = np.minimum(people["political"] + (rng.random(len(role)) < 0.07), 4)
        blank = (rng.random(len(role)) < 0.2).tolist()  # an untrained level is sometimes left blank
        women = people["woman"].tolist()
        names = [NAMES[GENDERS[w]][n % len(NAMES[GENDERS[w]])] for w, n in zip(women, people["name"].tolist(), strict=True)]
        schools = [(THPT_TEXTS if t else BELOW_TEXTS)[i]
                   for t, i in zip(people["thpt"].tolist(), people["text"].tolist(), strict=True)]
        by_year[year] = [
            {"full_name": name, "birth_year": born, "gender": GENDERS[woman], "cell_code": code, "role": post,
             "education": school,
             "professional": None if skip and not pro else c.PROFESSIONAL_LEVELS[pro],
             "political": None if skip and not pol else c.POLITICAL_LEVELS[pol]}
            for name, born, woman, code, post, school, pro, pol, skip in zip(
                names, people["birth_year"].tolist(), women, slot_codes, roles, schools,
                people["professional"].tolist(), people["political"].tolist(), blank, strict=True)
        ]
    return by_year, posts


def build_groups(scale: Scale, units: list[Unit], batch: int) -> dict[str, Group]:
    """Every cell of `units` (batch number `batch` of the unit table) with its figures for every year.

    The same scale and batch always give the same groups, whichever unit-years are asked for.
    """
    rng = _rng(scale.name, "batch", batch)
    counts = rng.integers(round(scale.cells_per_unit * 0.6), round(scale.cells_per_unit * 1.4) + 1, len(units))
    cell_unit = np.repeat(np.arange(len(units)), counts)
    bounds = np.concatenate([[0], np.cumsum(counts)])
    position = np.arange(len(cell_unit)) - bounds[cell_unit]
    village = position < np.round(counts * 0.6)[cell_unit]
    others = rng.integers(0, len(OTHER_TYPES), len(cell_unit)).tolist()
    places = rng.integers(0, len(PLACES), len(cell_unit)).tolist()
    cells = []
    for u, number, is_village, other, place in zip(cell_unit.tolist(), position.tolist(), village.tolist(), others,
                                                   places, strict=True):
        unit = units[u]
        kind = ("Tổ dân phố" if unit.kind == "Phường" else "Thôn") if is_village else OTHER_TYPES[other]
        cells.append({"cell_code": f"{unit.code}-{number + 1:03d}", "cell_name": f"Chi bộ {kind.lower()} {PLACES[place]}",
                      "cell_type": kind})
    members = _members(rng, np.maximum(3, rng.poisson(scale.members_per_cell, len(cells))), village)
    ratings = {}
    for year in YEARS:
        drawn = rng.choice(len(RATING_SHARES), size=len(cells), p=tuple(RATING_SHARES.values())).tolist()
        lucky = (rng.random(len(cells)) < 0.05 + 0.03 * (year - YEARS.start)).tolist()
        names = [tuple(RATING_SHARES)[d] for d in drawn]
        ratings[year] = [(r, r in c.GOOD_RATINGS and luck) for r, luck in zip(names, lucky, strict=True)]
    cadres, posts = _cadres(rng, [cell["cell_code"] for cell in cells], village)
    slot_bounds = np.concatenate([[0], np.cumsum(posts)])[bounds]
    split_cells = _split(cells, bounds)
    split_members = {year: _split(rows, bounds) for year, rows in members.items()}
    split_ratings = {year: _split(rows, bounds) for year, rows in ratings.items()}
    split_cadres = {year: _split(rows, slot_bounds) for year, rows in cadres.items()}
    return {
        unit.unit_id: Group(split_cells[u], {y: rows[u] for y, rows in split_members.items()},
                            {y: rows[u] for y, rows in split_ratings.items()},
                            {y: rows[u] for y, rows in split_cadres.items()})
        for u, unit in enumerate(units)
    }


def _origins(units: tuple[Unit, ...]) -> dict[str, tuple[str, ...]]:
    """Reporting unit id → the unit ids whose cells it reports (itself, or those merged into it)."""
    merged: dict[str, list[str]] = {}
    for unit in units:
        if unit.successor_id and unit.successor_id != unit.unit_id:
            merged.setdefault(unit.successor_id, []).append(unit.unit_id)
    return {u.unit_id: tuple(merged.get(u.unit_id, [u.unit_id])) for u in units}


def unit_years(units: tuple[Unit, ...]) -> Iterator[tuple[Unit, int]]:
    """Every (unit, year) that reports, year by year, in the order of the unit table."""
    for year in YEARS:
        for unit in units:
            if unit.valid_in(year):
                yield unit, year


def content(scale: Scale, unit: Unit, year: int, groups: list[Group]) -> dict:
    """The workbook content of `unit` in `year` (write_workbook's info, cells, members, cadres)."""
    rng = _rng(scale.name, unit.unit_id, year)
    cells, members, cadres = [], [], []
    for group in groups:
        cells += [{**cell, "rating": rating, "four_good": good}
                  for cell, (rating, good) in zip(group.cells, group.ratings[year], strict=True)]
        members += [{"cell_code": cell["cell_code"], **row} for cell, row in zip(group.cells, group.members[year], strict=True)]
        cadres += group.cadres[year]
    trained = (rng.random(len(cadres)) < min(0.98, 0.8 + 0.03 * (year - YEARS.start))).tolist()
    cadres = [{**row, "trained": t} for row, t in zip(cadres, trained, strict=True)]
    committee = int(rng.integers(11, 17))
    info = {
        "org_rating": _pick(rng, tuple(RATING_SHARES), tuple(RATING_SHARES.values()), 1)[0],
        "committee_members": committee,
        "committee_trained": int(rng.binomial(committee, min(1.0, 0.8 + 0.04 * (year - YEARS.start)))),
        "prepared_on": f"{int(rng.integers(10, 29)):02d}/12/{year}",
    }
    return {"info": info, "cells": cells, "members": members, "cadres": cadres}


@cache
def _level(value: str | None, ladder: tuple[str, ...]) -> tuple[str, int]:
    return read_level(value, ladder) if value is not None else (ladder[0], 0)


@cache
def _school(text: str) -> tuple[str, bool]:
    return read_education(text)


def submission(unit: Unit, year: int, workbook: dict) -> Submission:
    """What `parse_workbook` reads from the sample workbook `write_workbook(..., sample=True, **workbook)`."""
    info = {**workbook["info"], "prepared_by": SAMPLE_AUTHOR, "is_sample": True}
    cadres = []
    for row_no, row in enumerate(workbook["cadres"], start=2):
        school, has_thpt = _school(row["education"])
        professional, professional_rank = _level(row["professional"], c.PROFESSIONAL_LEVELS)
        political, political_rank = _level(row["political"], c.POLITICAL_LEVELS)
        cadres.append({
            "row_no": row_no, "full_name": row["full_name"], "birth_year": row["birth_year"], "gender": row["gender"],
            "cell_code": row["cell_code"], "role": row["role"], "education": school, "has_thpt": has_thpt,
            "professional": professional, "professional_rank": professional_rank,
            "political": political, "political_rank": political_rank, "trained": row["trained"],
        })
    # a v1 workbook: its format v2 parts are "not reported" (etl.checking.cell_life, etl.checking.cadres)
    life = [{"cell_code": cell["cell_code"], **NOT_REPORTED} for cell in workbook["cells"]]
    dual_roles = [{"row_no": cadre["row_no"], "dual_role": None} for cadre in cadres]
    return Submission(unit.unit_id, year, info, workbook["cells"], workbook["members"], cadres, [],
                      dict(NO_REPORT), life, dual_roles)


def scale_units(scale: Scale, units_csv: Path | None) -> tuple[Unit, ...]:
    """The unit table of `scale`; synthetic ones are written to `units_csv` (for DP_UNITS_CSV)."""
    if scale.units is None:  # the town's wards and communes (its other organisations have no village cells)
        return tuple(u for u in load_units() if u.territorial)
    assert units_csv is not None
    if not units_csv.exists():
        write_units_csv(synthetic_units(scale.units), units_csv)
    return load_units(units_csv)


def generate(scale: Scale, units: tuple[Unit, ...], only: set[str] | None = None) -> Iterator[tuple[Unit, int, dict]]:
    """(unit, year, workbook content) for every unit-year of the scale (of the units in `only`),
    all years of a unit together. Batches of units are drawn as needed and dropped when passed,
    so memory stays that of a few hundred units.
    """
    origins = _origins(units)
    index = {u.unit_id: i for i, u in enumerate(units)}
    by_unit: dict[str, list[int]] = {}
    for unit, year in unit_years(units):
        if only is None or unit.unit_id in only:
            by_unit.setdefault(unit.unit_id, []).append(year)
    built: dict[int, dict[str, Group]] = {}
    for unit_id, years in sorted(by_unit.items(), key=lambda item: index[item[0]]):
        groups = []
        for origin in origins[unit_id]:
            batch = index[origin] // UNITS_PER_BATCH
            if batch not in built:
                if len(built) > 2:
                    built.pop(min(built))
                first = batch * UNITS_PER_BATCH
                built[batch] = build_groups(scale, list(units[first:first + UNITS_PER_BATCH]), batch)
            groups.append(built[batch][origin])
        unit = units[index[unit_id]]
        for year in years:
            yield unit, year, content(scale, unit, year, groups)
