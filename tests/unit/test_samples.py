"""The sample workbooks of data/samples, read back as files: the contract's identities and the
Đề án's 2022 baseline, counted straight from the cells (not through the loader)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from core.text import fold
from database.units import load_units, units_by_id
from etl.checking import contract as c
from rendering.template import SAMPLE_AUTHOR
from settings import SAMPLES_DIR

YEARS = range(2020, 2026)
BI_THU, PHO_BI_THU, CHI_UY_VIEN = c.ROLES
THPT_FORMS = {fold(form) for form in c.EDUCATION_THPT}
BELOW_FORMS = {fold(form) for form in c.EDUCATION_BELOW}
UNITS = units_by_id()
FIELD_OF = {sheet: {col.name: col.field for col in columns} for sheet, columns in c.SHEET_COLUMNS.items()}


def _value(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _read(path: Path) -> dict:
    """A workbook as {info: {key: value}, sheet: [row dicts by field]}, via python-calamine."""
    book = CalamineWorkbook.from_path(str(path))
    content: dict = {"info": {row[0]: _value(row[1]) for row in book.get_sheet_by_name(c.SHEET_INFO).to_python()}}
    for sheet in (c.SHEET_CELLS, c.SHEET_MEMBERS, c.SHEET_CADRES):
        header, *rows = book.get_sheet_by_name(sheet).to_python()
        fields = [FIELD_OF[sheet][name] for name in header]
        content[sheet] = [dict(zip(fields, map(_value, row), strict=False)) for row in rows]
    return content


def has_thpt(education: str) -> bool:
    """Học vấn as docs/DATA_CONTRACT.md reads it: the THPT forms, the forms below, or grade/system."""
    key = fold(education)
    if key in THPT_FORMS:
        return True
    if key in BELOW_FORMS:
        return False
    grade, system = (int(part) for part in re.fullmatch(r"(\d+)/(\d+)", key).groups())
    assert system in (10, 12) and 1 <= grade <= system, education
    return grade == system


def rank(value: str, ladder: tuple[str, ...]) -> int:
    return ladder.index(value) if value else 0


@pytest.fixture(scope="module")
def books() -> dict[tuple[int, str], dict]:
    """Every sample workbook of data/samples by (year, unit_id) (tests/system/test_sample_generation.py: what
    the generator writes)."""
    found = {}
    for path in sorted(SAMPLES_DIR.glob("*.xlsx")):
        content = _read(path)
        year = content["info"]["Năm báo cáo"]
        unit = next(u for u in load_units() if u.valid_in(year) and u.full_name == content["info"]["Đơn vị"])
        found[year, unit.unit_id] = content
    return found


def village_cadres(book: dict) -> list[dict]:
    village = {cell["cell_code"] for cell in book[c.SHEET_CELLS] if cell["cell_type"] in c.VILLAGE_CELL_TYPES}
    return [cadre for cadre in book[c.SHEET_CADRES] if cadre["cell_code"] in village]


def town_cadres(books: dict, year: int) -> list[dict]:
    return [cadre for (y, _), book in books.items() if y == year for cadre in village_cadres(book)]


def town_members(books: dict, year: int) -> list[dict]:
    return [row for (y, _), book in books.items() if y == year for row in book[c.SHEET_MEMBERS]]


def test_one_file_per_unit_and_year(books: dict):
    names = sorted(path.name for path in SAMPLES_DIR.glob("*.xlsx"))
    assert len(names) == 80 + 6 * 5  # 15 units to 2024, 5 from 2025, 5 organisations every year
    assert "mau_2022_21469_pho_hoa.xlsx" in names
    assert "mau_2025_21439_duc_pho.xlsx" in names and "mau_2024_21439_nguyen_nghiem.xlsx" in names
    assert "mau_2025_53403_dang_bo_quan_su_thi_xa_duc_pho.xlsx" in names
    assert all(re.fullmatch(r"mau_20\d\d_\d{5}_[a-z0-9_]+\.xlsx", name) for name in names)
    assert sorted(books) == sorted((y, u.unit_id) for y in YEARS for u in load_units() if u.valid_in(y))


def test_marked_as_sample_data(books: dict):
    for (year, unit_id), book in books.items():
        info = book["info"]
        assert info["Dữ liệu mẫu"] == "Có"
        assert info["Người lập"] == SAMPLE_AUTHOR == "Dữ liệu mẫu (không phải số liệu thật)"
        assert info["Đơn vị"] == UNITS[unit_id].full_name and info["Năm báo cáo"] == year
        assert info["Xếp loại TCCSĐ"] in c.RATINGS
        assert 0 < info["Cấp ủy viên cơ sở được bồi dưỡng"] <= info["Số cấp ủy viên cơ sở"]


def test_2022_village_cadres_equal_the_de_an_baseline(books: dict):
    cadres = town_cadres(books, 2022)
    leaders = [x for x in cadres if x["role"] in (BI_THU, PHO_BI_THU)]
    members_only = [x for x in cadres if x["role"] == CHI_UY_VIEN]
    assert len(cadres) == 329
    assert (len(leaders), len(members_only)) == (164, 165)
    assert sum(has_thpt(x["education"]) for x in cadres) == 223
    assert sum(has_thpt(x["education"]) for x in leaders) == 95
    assert sum(has_thpt(x["education"]) for x in members_only) == 128
    assert sum(rank(x["political"], c.POLITICAL_LEVELS) >= 1 for x in cadres) == 274
    assert sum(rank(x["political"], c.POLITICAL_LEVELS) >= 2 for x in cadres) == 62
    assert sum(rank(x["professional"], c.PROFESSIONAL_LEVELS) >= 2 for x in cadres) == 154


def test_education_written_in_mixed_spellings(books: dict):
    spellings = Counter(x["education"] for book in books.values() for x in book[c.SHEET_CADRES])
    assert {"12/12", "10/10", "THPT", "9/12", "THCS"} <= set(spellings)
    assert all(isinstance(has_thpt(text), bool) for text in spellings)


def test_every_member_row_satisfies_the_identities(books: dict):
    for book in books.values():
        for m in book[c.SHEET_MEMBERS]:
            assert all(isinstance(m[col.field], int) and m[col.field] >= 0 for col in c.MEMBER_COUNT_COLUMNS)
            assert m["end_count"] == (m["start_count"] + m["admitted"] + m["transferred_in"] - m["transferred_out"]
                                      - m["died"] - m["struck_off"] - m["expelled"] - m["resigned"])
            assert m["admitted_students"] + m["admitted_workers"] + m["admitted_owners"] <= m["admitted"]
            assert (m["rated_excellent"] + m["rated_good"] + m["rated_fulfilled"] + m["rated_not_fulfilled"]
                    + m["unrated"]) == m["end_count"]
            assert m["exempted"] <= m["end_count"] and m["working_away"] <= m["end_count"]
        codes = [cell["cell_code"] for cell in book[c.SHEET_CELLS]]
        assert sorted(codes) == sorted(m["cell_code"] for m in book[c.SHEET_MEMBERS])
        assert {x["cell_code"] for x in book[c.SHEET_CADRES]} <= set(codes)


def test_start_of_year_is_last_year_end_for_every_cell(books: dict):
    end = {(m["cell_code"], year): m["end_count"] for (year, _), b in books.items() for m in b[c.SHEET_MEMBERS]}
    start = {(m["cell_code"], year): m["start_count"] for (year, _), b in books.items() for m in b[c.SHEET_MEMBERS]}
    for (code, year), count in start.items():
        if year > YEARS.start:
            assert count == end[code, year - 1], (code, year)


def test_cells_are_stable_and_merged_units_take_over_their_cells(books: dict):
    cells_by_year = defaultdict(dict)
    for (year, _), book in books.items():
        for cell in book[c.SHEET_CELLS]:
            assert cell["cell_code"] not in cells_by_year[year], "cell codes unique town-wide"
            cells_by_year[year][cell["cell_code"]] = (cell["cell_name"], cell["cell_type"])
    # the same cells every year; only an enterprise's kind is told apart from the v2 workbooks on (2023)
    ownership = {c.ENTERPRISE_STATE, c.ENTERPRISE_PRIVATE}
    for year in YEARS:
        for code, (name, cell_type) in cells_by_year[year].items():
            first_name, first_type = cells_by_year[2020][code]
            assert name == first_name and (cell_type == first_type or year >= 2023 and cell_type in ownership
                                           and first_type == c.ENTERPRISE_UNSPECIFIED), (year, code, cell_type)
    assert cells_by_year[2023].keys() == cells_by_year[2020].keys() == cells_by_year[2025].keys()
    types = Counter(cell_type for _, cell_type in cells_by_year[2020].values())
    assert types["Thôn"] + types["Tổ dân phố"] > sum(types.values()) / 2
    assert all(types[kind] for kind in ("Cơ quan", "Trường học", "Doanh nghiệp", "Công an", "Quân sự"))
    later = Counter(cell_type for _, cell_type in cells_by_year[2024].values())
    assert later[c.ENTERPRISE_STATE] and later[c.ENTERPRISE_PRIVATE] and not later[c.ENTERPRISE_UNSPECIFIED]
    for unit in (u for u in load_units() if u.valid_from == 2025):
        merged = [u.unit_id for u in load_units() if u.successor_id == unit.unit_id]
        old = {cell["cell_code"] for uid in merged for cell in books[2024, uid][c.SHEET_CELLS]}
        assert {cell["cell_code"] for cell in books[2025, unit.unit_id][c.SHEET_CELLS]} == old


def test_town_size_and_admission_rate(books: dict):
    rates = []
    for year in YEARS:
        rows = town_members(books, year)
        start = sum(m["start_count"] for m in rows)
        assert 2000 <= start <= 3000
        rates.append(sum(m["admitted"] for m in rows) / start)
    assert all(0.025 <= rate <= 0.04 for rate in rates)
    assert max(rates) - min(rates) > 0.005


def test_cells_admitting_nobody_for_three_years_or_more(books: dict):
    unit_of, admitted = {}, defaultdict(dict)
    for (year, unit_id), book in books.items():
        types = {cell["cell_code"]: cell["cell_type"] for cell in book[c.SHEET_CELLS]}
        for m in book[c.SHEET_MEMBERS]:
            if types[m["cell_code"]] in c.VILLAGE_CELL_TYPES:
                admitted[m["cell_code"]][year] = m["admitted"]
                if year < 2025:
                    unit_of[m["cell_code"]] = unit_id
    dry_units = set()
    for code, by_year in admitted.items():
        run = longest = 0
        for year in YEARS:
            run = run + 1 if by_year[year] == 0 else 0
            longest = max(longest, run)
        if longest >= 3:
            dry_units.add(unit_of[code])
    assert len(dry_units) >= 4


def test_struck_off_and_resigned_rise(books: dict):
    struck = [sum(m["struck_off"] for m in town_members(books, year)) for year in YEARS]
    resigned = [sum(m["resigned"] for m in town_members(books, year)) for year in YEARS]
    exits = [a + b for a, b in zip(struck, resigned, strict=True)]
    assert exits == sorted(set(exits)), exits  # strictly rising
    assert struck == sorted(struck) and resigned == sorted(resigned)


def test_member_ratings_vary_by_unit(books: dict):
    shares = {}
    for (year, unit_id), book in books.items():
        rows = book[c.SHEET_MEMBERS]
        good = sum(m["rated_excellent"] + m["rated_good"] for m in rows)
        rated = good + sum(m["rated_fulfilled"] + m["rated_not_fulfilled"] for m in rows)
        shares[year, unit_id] = good / rated
    assert all(0.82 <= share <= 0.95 for share in shares.values())
    old_units = [shares[2022, u.unit_id] for u in load_units() if u.valid_to == 2024]
    assert max(old_units) - min(old_units) > 0.04
    assert any(cell["four_good"] == "Có" for book in books.values() for cell in book[c.SHEET_CELLS])


def test_village_cells_have_secretary_deputy_and_committee(books: dict):
    for book in books.values():
        roles = defaultdict(Counter)
        for cadre in book[c.SHEET_CADRES]:
            roles[cadre["cell_code"]][cadre["role"]] += 1
        for cell in book[c.SHEET_CELLS]:
            count = roles[cell["cell_code"]]
            assert count[BI_THU] == 1 and count[PHO_BI_THU] <= 1
            if cell["cell_type"] in c.VILLAGE_CELL_TYPES:
                assert 1 <= count[CHI_UY_VIEN] <= 3


def _rates(books: dict, year: int) -> tuple[float, float, float]:
    cadres = town_cadres(books, year)
    return (
        sum(has_thpt(x["education"]) for x in cadres) / len(cadres),
        sum(rank(x["professional"], c.PROFESSIONAL_LEVELS) >= 2 for x in cadres) / len(cadres),
        sum(rank(x["political"], c.POLITICAL_LEVELS) >= 2 for x in cadres) / len(cadres),
    )


def test_cadre_qualifications_improve_year_on_year(books: dict):
    by_year = [_rates(books, year) for year in YEARS]
    for column in range(3):
        series = [rates[column] for rates in by_year]
        assert series == sorted(set(series)), series
    thpt_2025, professional_2025, political_2025 = by_year[-1]
    assert thpt_2025 < 1.0 and professional_2025 >= 0.5 and political_2025 >= 0.25


def test_units_improve_at_different_paces(books: dict):
    thpt_2024 = []
    for unit in (u for u in load_units() if u.valid_to == 2024):
        cadres = village_cadres(books[2024, unit.unit_id])
        thpt_2024.append(sum(has_thpt(x["education"]) for x in cadres) / len(cadres))
    assert max(thpt_2024) == 1.0 and min(thpt_2024) < 0.7


def test_same_people_mostly_stay_in_post(books: dict):
    for year in YEARS[1:]:
        before = {x["full_name"] for x in town_cadres(books, year - 1)}
        now = [x["full_name"] for x in town_cadres(books, year)]
        stayed = sum(name in before for name in now) / len(now)
        assert 0.8 <= stayed < 1.0, (year, stayed)


def test_training_complete_in_most_units_from_2023(books: dict):
    for year in YEARS:
        complete = []
        for (y, _), book in books.items():
            if y == year:
                cadres = village_cadres(book)
                info = book["info"]
                trained = sum(x["trained"] == "Có" for x in cadres) + info["Cấp ủy viên cơ sở được bồi dưỡng"]
                complete.append(trained == len(cadres) + info["Số cấp ủy viên cơ sở"])
        if year < 2023:
            assert not any(complete)
        else:
            assert 0 < complete.count(False) < complete.count(True)


V2_FIELDS = {sheet: [col.field for col in columns if col.since == c.FORMAT_V2] for sheet, columns in c.SHEET_COLUMNS.items()}
OPTIONAL_V2 = {"founded_month", "rules_revised_year"}  # blank when unknown or without rules


def test_v1_until_2022_and_v2_from_2023_filled_in_full(books: dict):
    """Both formats are always loaded: 2020–2022 v1, 2023–2025 v2 with every v2 field reported."""
    for (year, unit_id), book in books.items():
        v2 = year >= 2023
        for sheet, fields in V2_FIELDS.items():
            for row in book[sheet]:
                assert set(fields) <= set(row) if v2 else not set(fields) & set(row), (year, unit_id, sheet)
                if v2:
                    blank = [f for f in fields if row[f] in ("", None) and f not in OPTIONAL_V2]
                    assert blank == [], (year, unit_id, sheet, blank)
        keys = {"Chỉ tiêu kết nạp được giao", "Đảng bộ cơ sở bốn tốt"}
        assert keys <= set(book["info"]) if v2 else not keys & set(book["info"])


def test_v2_sample_fields_follow_the_rules_and_show_the_weaknesses(books: dict):
    lives = [(y, cell) for (y, _), book in books.items() if y >= 2023 for cell in book[c.SHEET_CELLS]]
    for year, cell in lives:
        assert 0 <= cell["regular_meetings"] <= 12 and cell["founded_year"] <= year
        assert (cell["rules_revised_year"] not in ("", None)) == (cell["has_working_rules"] == "Có")
    by_year = {y: [cell for year, cell in lives if year == y] for y in (2023, 2024, 2025)}
    for year, cells in by_year.items():  # some cells fall short every year, fewer as years go by
        assert 0 < sum(cell["regular_meetings"] < 12 for cell in cells) < len(cells) / 3, year
        assert 0 < sum(cell["thematic_meetings"] == 0 for cell in cells) < len(cells) / 3, year
    without_rules = [sum(cell["has_working_rules"] == "Không" for cell in by_year[y]) for y in (2023, 2024, 2025)]
    assert without_rules == sorted(without_rules, reverse=True) and without_rules[0] > without_rules[-1] > 0
