"""Valid workbooks, clean and messy, in every format: exact figures read back."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.text import fold
from etl.checking import contract as c
from etl.checking.validate import parse_workbook
from samples.builder import Mess, render, write_xls
from tests.support import FIXTURES
from tests.support.workbooks import (
    CADRES,
    MEMBER_FIGURES,
    default_spec,
    parse,
    rejected_bytes,
    write,
)

COUNT_FIELDS = [col.field for col in c.MEMBER_COUNT_COLUMNS]
CADRE_KEYS = {
    "row_no", "full_name", "birth_year", "gender", "cell_code", "role", "education", "has_thpt",
    "professional", "professional_rank", "political", "political_rank", "trained",
}
EXPECTED_CADRES = [
    # full_name, birth_year, gender, cell, role, education, has_thpt, professional, rank, political, rank, trained
    ("Nguyễn Văn Hùng", 1968, "Nam", "CB01", "Bí thư", "12/12", True, "Đại học", 4, "Trung cấp", 2, True),
    ("Lê Thị Hoa", 1975, "Nữ", "CB01", "Phó Bí thư", "9/12", False, "Chưa qua đào tạo", 0, "Sơ cấp", 1, True),
    ("Phạm Văn Tài", 1980, "Nam", "CB01", "Chi ủy viên", "THPT", True, "Trung cấp", 2, "Chưa qua đào tạo", 0, False),
    ("Võ Văn Bình", 1959, "Nam", "CB02", "Bí thư", "10/10", True, "Cao đẳng", 3, "Sơ cấp", 1, True),
    ("Huỳnh Thị Mai", 1984, "Nữ", "CB02", "Chi ủy viên", "Tốt nghiệp THCS", False, "Sơ cấp", 1, "Sơ cấp", 1, False),
    ("Đặng Văn Sơn", 1977, "Nam", "TH01", "Bí thư", "12/12", True, "Đại học", 4, "Cao cấp", 3, True),
]
ALL_MESS = {
    "title_block": True, "blank_rows_above": 2, "blank_cols_left": 1, "stt_column": True, "total_row": True,
    "signature": True, "blank_row_inside": True, "numbering_row": True, "numbers_as_text": True,
    "education_dates": True, "header_aliases": True, "guide_sheet": True,
}


def assert_default_figures(sub, cadre_rows: list[int], names_as_written: bool = True) -> None:
    assert (sub.unit_id, sub.year) == ("21469-2015", 2024)
    assert sub.info == {
        "org_rating": "HTTNV", "committee_members": 13, "committee_trained": 12,
        "prepared_by": sub.info["prepared_by"], "prepared_on": "2025-01-10", "is_sample": False,
    }
    assert [(x["cell_code"], x["cell_type"], x["rating"], x["four_good"]) for x in sub.cells] == [
        ("CB01", "Tổ dân phố", "HTTNV", True),
        ("CB02", "Thôn", "HTXSNV", False),
        ("TH01", "Trường học", "HTNV", False),
    ]
    assert {m["cell_code"]: tuple(m[f] for f in COUNT_FIELDS) for m in sub.members} == MEMBER_FIGURES
    assert all(set(m) == {"cell_code", *COUNT_FIELDS} for m in sub.members)
    assert all(set(x) == CADRE_KEYS for x in sub.cadres)
    assert [x["row_no"] for x in sub.cadres] == cadre_rows
    got = [
        (x["birth_year"], x["gender"], x["cell_code"], x["role"], x["has_thpt"], x["professional"],
         x["professional_rank"], x["political"], x["political_rank"], x["trained"])
        for x in sub.cadres
    ]
    assert got == [(e[1], *e[2:5], *e[6:]) for e in EXPECTED_CADRES]
    assert [fold(x["education"]) for x in sub.cadres] == [fold(e[5]) for e in EXPECTED_CADRES]
    if names_as_written:
        assert [x["full_name"] for x in sub.cadres] == [e[0] for e in EXPECTED_CADRES]


@pytest.mark.parametrize("kind", ["xlsx", "ods", "xls"])
def test_clean_workbook_reads_exact_figures(tmp_path, kind):
    if kind == "xls":
        pytest.importorskip("xlwt")
    sub = parse(default_spec(), tmp_path, kind)
    assert_default_figures(sub, [2, 3, 4, 5, 6, 7])
    assert sub.warnings == []
    assert sub.cells[0]["cell_name"] == "Chi bộ Tổ dân phố Hòa Thạnh"
    assert sub.info["prepared_by"] == "Trần Thị Lan"


@pytest.mark.parametrize("kind", ["xlsx", "ods", "xls"])
def test_all_mess_at_once_reads_exact_figures(tmp_path, kind):
    if kind == "xls":
        pytest.importorskip("xlwt")
    spec = default_spec(**ALL_MESS)
    path, layout = write(spec, tmp_path, kind=kind)
    sub = parse_workbook(path.read_bytes(), path.name)
    # 2 blank rows, 5 title rows, header on row 8, numbering row 9, data from row 10, blank row 11
    assert layout.rows[c.SHEET_CADRES] == [10, 12, 13, 14, 15, 16]
    assert_default_figures(sub, [10, 12, 13, 14, 15, 16])
    assert sub.warnings == [
        f"Sheet «{c.SHEET_CADRES}»: bỏ qua dòng 18–22 dưới bảng (chữ ký, ghi chú), không phải số liệu"
    ]


MESS_CASES = {
    "title block": Mess(title_block=True),
    "blank rows and columns": Mess(blank_rows_above=3, blank_cols_left=2),
    "STT column": Mess(stt_column=True),
    "total row": Mess(total_row=True),
    "signature block": Mess(signature=True),
    "blank row inside table": Mess(blank_row_inside=True),
    "column numbering row": Mess(numbering_row=True),
    "numbers as text, zeros blank": Mess(numbers_as_text=True),
    "12/12 typed into a date cell": Mess(education_dates=True),
    "header variants": Mess(header_aliases=True),
    "NFD text": Mess(style="nfd"),
    "non-breaking spaces": Mess(style="nbsp"),
    "capitals": Mess(style="upper"),
    "no diacritics": Mess(style="ascii"),
    "guide sheet": Mess(guide_sheet=True),
}


@pytest.mark.parametrize("mess", MESS_CASES.values(), ids=MESS_CASES.keys())
def test_each_kind_of_mess_reads_exact_figures(tmp_path, mess):
    spec = dataclasses.replace(default_spec(), mess=mess)
    path, layout = write(spec, tmp_path)
    sub = parse_workbook(path.read_bytes(), path.name)
    assert_default_figures(sub, layout.rows[c.SHEET_CADRES], names_as_written=mess.style in (None, "nfd", "nbsp"))


def test_nfd_and_nbsp_text_is_stored_nfc_and_trimmed(tmp_path):
    for style in ("nfd", "nbsp"):
        sub = parse(default_spec(style=style), tmp_path)
        assert sub.cells[0]["cell_name"] == "Chi bộ Tổ dân phố Hòa Thạnh"
        assert sub.info["prepared_by"] == "Trần Thị Lan"


def test_row_numbers_count_leading_blank_rows_and_title(tmp_path):
    """calamine's to_python() drops leading empty rows; the rows must still be Excel's."""
    spec = default_spec(blank_rows_above=4, title_block=True)
    sub = parse(spec, tmp_path)
    assert [x["row_no"] for x in sub.cadres] == [11, 12, 13, 14, 15, 16]  # 4 blank + 5 title + header


def test_ods_from_disk(tmp_path):
    spec = default_spec(title_block=True, total_row=True, signature=True, education_dates=True, style="nfd")
    path, layout = write(spec, tmp_path, kind="ods")
    assert path.read_bytes()[:2] == b"PK"
    sub = parse_workbook(path.read_bytes(), "bao-cao.ods")
    assert_default_figures(sub, layout.rows[c.SHEET_CADRES])


def test_committed_xls_fixture():
    """An Excel 97–2003 file, kept on disk so the test runs without xlwt."""
    path = FIXTURES / "pho-hoa-2024.xls"
    assert path.read_bytes()[:4] == bytes.fromhex("D0CF11E0")
    sub = parse_workbook(path.read_bytes(), path.name)
    assert_default_figures(sub, [8, 9, 10, 11, 12, 13])  # 1 blank row, 5 title rows, header


def test_xls_fixture_is_what_the_builder_writes(tmp_path):
    pytest.importorskip("xlwt")
    path = tmp_path / "x.xls"
    write_xls(xls_fixture_spec(), path)
    fixture = parse_workbook((FIXTURES / "pho-hoa-2024.xls").read_bytes(), "f.xls")
    assert parse_workbook(path.read_bytes(), "x.xls") == fixture


def xls_fixture_spec():
    return default_spec(title_block=True, blank_rows_above=1, stt_column=True, total_row=True, signature=True)


def test_type_is_read_from_content_not_extension(tmp_path):
    path, _ = write(default_spec(), tmp_path, kind="ods")
    sub = parse_workbook(path.read_bytes(), "bao-cao.xls")  # an .ods named .xls
    assert sub.unit_id == "21469-2015"


def test_formula_cells_give_cached_values_never_evaluated(tmp_path):
    """Cuối năm as formulas written by xlsxwriter with cached results; the cache is what counts."""
    import xlsxwriter

    sheets, _ = render(default_spec())
    path = tmp_path / "formulas.xlsx"
    book = xlsxwriter.Workbook(path)
    end_col = c.MEMBER_COLUMNS.index(next(x for x in c.MEMBER_COLUMNS if x.name == "Cuối năm"))
    cached = {2: 46, 3: 31, 4: 0}  # row 4 caches a stale 0 although the formula gives 21
    for name, grid in sheets.items():
        sheet = book.add_worksheet(name)
        for r, line in enumerate(grid):
            for col, value in enumerate(line):
                if name == c.SHEET_MEMBERS and r + 1 in cached and col == end_col:
                    sheet.write_formula(r, col, f"=B{r + 1}+C{r + 1}+G{r + 1}-SUM(H{r + 1}:L{r + 1})", None, cached[r + 1])
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, col, dt.datetime.combine(value, dt.time()), book.add_format({"num_format": "dd/mm/yyyy"}))
                elif value is not None:
                    sheet.write(r, col, value)
    book.close()
    problems = rejected_bytes(path.read_bytes(), path.name)
    # one wrong figure, one problem: the ratings add up to what the flow gives, so only Cuối năm
    assert [(p.sheet, p.row, p.column, p.value) for p in problems] == [(c.SHEET_MEMBERS, 4, "Cuối năm", "0")]


def test_cadre_row_keys_match_the_cadres_table():
    import re

    from database.sql import read_sql

    schema = read_sql("schema")
    body = re.search(r"CREATE TABLE cadres \((.*?)\);", schema, re.DOTALL)[1]
    columns = {line.split()[0] for line in body.strip().splitlines() if line.strip()}
    assert columns - {"unit_id", "year"} == CADRE_KEYS


def test_default_spec_rows_are_the_contract_columns():
    spec = default_spec()
    assert list(spec.cadres[0]) == [col.name for col in c.columns_of(c.CADRE_COLUMNS, c.FORMAT_V1)]
    assert len(spec.cadres) == len(CADRES)


def test_text_keys_of_values_that_compare_equal_stay_apart():
    """`True`, `1` and `1.0` are equal to Python but are three cell values: the cache of
    `fold` / `clean` / `key` must not answer one with another's text."""
    from core.text import clean
    from etl.checking.vocab import key

    for read in (fold, clean, key):
        first = [read(v) for v in (True, 1.0, 1)]
        again = [read(v) for v in (1, 1.0, True)][::-1]
        assert first == again == [read.__wrapped__(v) for v in (True, 1.0, 1)], read.__name__
    assert [fold(v) for v in (True, 1.0, 1)] == ["true", "1.0", "1"]
    long = "Chi bộ " * 50  # beyond CACHED_LENGTH: read each time
    assert fold(long) == fold.__wrapped__(long)
