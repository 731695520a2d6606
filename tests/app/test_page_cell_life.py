"""Sinh hoạt chi bộ, kiểm tra, kỷ luật: one run of the page and one year switch show, table for table, what
the named queries return, on screen and in the summary's CSV, and "chưa báo cáo" said where a year was
reported in format v1. The figures themselves (the KPI export, what was not reported) are checked in
tests/database/test_cell_life.py."""

from __future__ import annotations

import io

import pandas as pd

from core.numbers import vi_number
from queries.cell_life import ACTIVITY_CODES, CELL_LIFE_CODES, REGULAR_CODE
from queries.targets import not_reported_note
from tests.support.apptest_pages import run_page, table, texts
from tests.support.page_queries import assert_shows, named
from tests.support.page_support import has_table, open_tables
from ui.blocks import export_frame
from ui.exports import csv_bytes

PAGE = "pages/cell_life.py"
FIRST_YEAR = 2020
NOT_REPORTED = "Chưa báo cáo (không tính)"


def assert_page_shows_its_queries(at, year: int, every_table: bool) -> pd.DataFrame:
    """Each table drawn is its query's frame (`every_table`: each one is drawn); the summary's query."""
    scope = ("reported", None)
    summary = named("indicator_trend", *scope, year, year, CELL_LIFE_CODES)
    tables = {
        f"Sinh hoạt chi bộ, kiểm tra, kỷ luật năm {year}": summary,
        "Sinh hoạt thường kỳ theo đơn vị": named("indicator_units", *scope, year, year, (REGULAR_CODE,)),
        "Sinh hoạt chuyên đề, kiểm tra, quy chế theo đơn vị": named(
            "indicator_units", *scope, year, year, tuple(c for c in ACTIVITY_CODES if c != REGULAR_CODE)),
        f"Mọi chỉ tiêu theo đơn vị, năm {year}": named("indicator_units", *scope, year, year, CELL_LIFE_CODES),
        "Chỉ tiêu theo loại chi bộ": named("cell_life_by_kind", *scope, year),
        "Kỷ luật theo hình thức": named("discipline_by_form", *scope, FIRST_YEAR, year),
        "Sinh hoạt chi bộ, kiểm tra, quy chế qua các năm": named("indicator_trend", *scope, FIRST_YEAR, year,
                                                                 ACTIVITY_CODES),
    }
    for name, frame in tables.items():
        if every_table or has_table(at, name):
            assert_shows(table(at, name)[0], frame)
    return summary


def test_the_page_shows_its_named_queries_and_what_was_not_reported(sample_env):
    at = open_tables(run_page(PAGE, year=2024))
    summary = assert_page_shows_its_queries(at, 2024, every_table=True)  # every chart has its table (and downloads)
    figures, shown = table(at, "Sinh hoạt chi bộ, kiểm tra, kỷ luật năm 2024")
    exported = pd.read_csv(io.BytesIO(csv_bytes(export_frame(figures))), encoding="utf-8-sig")  # what "Tải CSV" gives
    assert list(exported["Tử số"]) == list(summary["numerator"])
    assert list(exported["Mẫu số"]) == list(summary["denominator"])
    assert list(exported["Tỷ lệ (%)"]) == [round(100 * r, 2) for r in summary["rate"]]
    assert list(shown["Tử số"]) == [vi_number(n) for n in summary["numerator"]]
    assert "Chưa báo cáo (không tính vào tử số" not in texts(at)  # 2024: every v2 field reported

    at.selectbox(key="nam").set_value(2022).run()  # v1 workbooks: nothing reported, nothing counted as 0
    assert not at.exception, [e.value for e in at.exception]
    summary = assert_page_shows_its_queries(open_tables(at), 2022, every_table=False)
    figures, shown = table(at, "Sinh hoạt chi bộ, kiểm tra, kỷ luật năm 2022")
    assert set(shown["Tỷ lệ"]) == {"—"}
    assert not_reported_note(summary) in [i.value for i in at.info]
