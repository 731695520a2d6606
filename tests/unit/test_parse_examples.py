"""data/examples: the good ones load, the bad ones are refused with the exact problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.checking import contract as c
from etl.checking.validate import parse_workbook
from etl.reading.spreadsheet import UNREADABLE
from samples.examples import EXAMPLES_DIR, bad_examples, good_examples, main
from tests.support.workbooks import rejected_bytes, where

GOOD = {
    "pho-vinh-2024.xlsx": ("21466-2015", 2024, 11, 31),
    "pho-chau-2024.xlsx": ("21481-2015", 2024, 10, 27),
    "pho-vinh-2023.ods": ("21466-2015", 2023, 11, 31),
    "duc-pho-2025.xlsx": ("21439-2025", 2025, 14, 40),
}


def test_the_catalogue_is_what_the_tests_expect():
    assert set(good_examples()) == set(GOOD)
    assert set(bad_examples()) == {
        "pho-chau-2024-sai-so-lieu.xlsx", "pho-hoa-2025-da-sap-nhap.xlsx", "bao-cao-khong-phai-excel.xlsx",
    }


@pytest.mark.parametrize(("name", "expected"), GOOD.items(), ids=GOOD.keys())
def test_good_examples_load(name, expected):
    sub = parse_workbook((EXAMPLES_DIR / name).read_bytes(), name)
    assert (sub.unit_id, sub.year, len(sub.cells), len(sub.cadres)) == expected
    assert all(m["end_count"] == sum(m[f] for f in ("rated_excellent", "rated_good", "rated_fulfilled",
                                                    "rated_not_fulfilled", "unrated")) for m in sub.members)


def test_consecutive_years_carry_members_over():
    def ends(name: str) -> dict[str, int]:
        sub = parse_workbook((EXAMPLES_DIR / name).read_bytes(), name)
        return {m["cell_code"]: (m["start_count"], m["end_count"]) for m in sub.members}

    before, after = ends("pho-vinh-2023.ods"), ends("pho-vinh-2024.xlsx")
    assert {code: pair[1] for code, pair in before.items()} == {code: pair[0] for code, pair in after.items()}


def test_broken_figures_are_refused():
    problems = rejected_bytes((EXAMPLES_DIR / "pho-chau-2024-sai-so-lieu.xlsx").read_bytes(), "x.xlsx")
    # title block (5 rows), header on row 6, third cell on row 9, Tổng cộng on row 17
    # the wrong Cuối năm is one problem: the ratings total it breaks too is its knock-on
    assert where(problems) == [(c.SHEET_MEMBERS, 9, "Cuối năm"), (c.SHEET_MEMBERS, 17, "Kết nạp")]


def test_merged_unit_is_refused_naming_its_successor():
    [problem] = rejected_bytes((EXAMPLES_DIR / "pho-hoa-2025-da-sap-nhap.xlsx").read_bytes(), "x.xlsx")
    assert where([problem]) == [(c.SHEET_INFO, 3, "Đơn vị")]
    assert "Phường Đức Phổ (mã 21439)" in problem.expected


def test_text_renamed_xlsx_is_refused():
    [problem] = rejected_bytes((EXAMPLES_DIR / "bao-cao-khong-phai-excel.xlsx").read_bytes(), "x.xlsx")
    assert problem.expected.startswith(UNREADABLE)


def test_examples_are_byte_identical_on_every_run_and_match_the_committed_ones(tmp_path):
    first = {p.name: p.read_bytes() for p in main(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in main(tmp_path / "b")}
    assert first == second
    assert (tmp_path / "a" / "README.md").read_text() == (EXAMPLES_DIR / "README.md").read_text()
    for name, data in first.items():
        committed = (EXAMPLES_DIR / name).read_bytes()
        if name in GOOD:  # the same content, whatever zlib built the committed bytes
            assert parse_workbook(committed, name) == parse_workbook(data, name)
        else:
            assert Path(name).suffix == ".xlsx" and committed[:2] == data[:2]
