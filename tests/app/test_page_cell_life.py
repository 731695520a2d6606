"""Sinh hoạt chi bộ, kiểm tra, kỷ luật: one run of the page on the samples, its figures those of the KPI
export on screen and in its CSV, and "chưa báo cáo" said where a year was reported in format v1."""

from __future__ import annotations

import io

import pandas as pd

from core.numbers import vi_number
from database.db import cursor
from queries.cell_life import CELL_LIFE_CODES
from queries.kpi import kpi_table
from queries.programme import programme
from tests.support.apptest_pages import run_page, table, texts
from ui.blocks import export_frame
from ui.exports import csv_bytes

PAGE = "pages/cell_life.py"
SUMMARY = "Sinh hoạt chi bộ, kiểm tra, kỷ luật năm {year}"
NOT_REPORTED = "Chưa báo cáo (không tính)"


def test_the_page_shows_the_kpi_exports_figures_and_what_was_not_reported(sample_env):
    at = run_page(PAGE, year=2024)
    figures, shown = table(at, SUMMARY.format(year=2024))
    kpi = kpi_table(cursor(), 2024).set_index("indicator")
    labels = {programme().indicator(code).label: code for code in CELL_LIFE_CODES}
    assert list(figures["Chỉ tiêu"]) == list(labels)
    exported = pd.read_csv(io.BytesIO(csv_bytes(export_frame(figures))), encoding="utf-8-sig")
    for (_, row), (_, text), (_, csv_row) in zip(figures.iterrows(), shown.iterrows(), exported.iterrows(),
                                                 strict=True):
        facts = kpi.loc[labels[row["Chỉ tiêu"]]]
        assert (row["Tử số"], row["Mẫu số"], row[NOT_REPORTED]) == (
            facts["numerator"], facts["denominator"], facts["not_reported"])
        assert (csv_row["Tử số"], csv_row["Mẫu số"]) == (facts["numerator"], facts["denominator"])
        assert csv_row["Tỷ lệ (%)"] == round(100 * facts["rate"], 2)
        assert text["Tử số"] == vi_number(facts["numerator"])
    for name in ("Sinh hoạt thường kỳ theo đơn vị", "Chỉ tiêu theo loại chi bộ", "Kỷ luật theo hình thức",
                 "Sinh hoạt chi bộ, kiểm tra, quy chế qua các năm"):
        table(at, name)  # every chart has its table (and downloads)
    assert "Chưa báo cáo (không tính vào tử số" not in texts(at)  # 2024: every v2 field reported

    at.selectbox(key="nam").set_value(2022).run()  # v1 workbooks: nothing reported, nothing counted as 0
    assert not at.exception
    figures, shown = table(at, SUMMARY.format(year=2022))
    assert (figures["Mẫu số"] == 0).all() and (figures[NOT_REPORTED] > 0).all()
    assert set(shown["Tỷ lệ"]) == {"—"}
    assert "Chưa báo cáo (không tính vào tử số, mẫu số): Chi bộ sinh hoạt thường kỳ đủ hằng tháng — 150 chi bộ" \
        in texts(at)
