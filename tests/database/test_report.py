"""The meeting report on the sample data: its figures equal `python -m etl kpi`; the PDF read back."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from core.numbers import vi_count
from database.db import cursor
from queries.indicators import reported_figures
from queries.kpi import kpi_table
from queries.programme import programme
from queries.rate_text import rate_text
from queries.report_data import meeting_data_for
from report.html import report_html
from report.pdf import report_pdf
from report.sections import outline, section_titles
from report.tables import indicators_table, pace_table
from tests.support.pdf_text import pdf_pages, squeeze
from tests.support.readability import raw_codes
from tests.support.sample_report import sample_meeting_data

SECTIONS = ["1. Kết quả thực hiện các chỉ tiêu năm 2022", "2. Bảng xếp hạng đơn vị",
            "3. Tiến độ đến mục tiêu 2025 và 2030", "4. Cảnh báo"]


def _whole(value) -> int | None:
    return None if pd.isna(value) else int(value)


def figures_of(frame: pd.DataFrame) -> dict[str, tuple[int | None, int | None]]:
    """(numerator, denominator) by indicator; None for a figure that sums nothing reported."""
    return {row.indicator: (_whole(row.numerator), _whole(row.denominator)) for row in frame.itertuples()}


def kpi_figures(year: int, unit: str | None = None) -> dict[str, tuple[int | None, int | None]]:
    return figures_of(kpi_table(cursor(), year=year, unit=unit))


@pytest.fixture(scope="module")
def report_2022(sample_var: Path):
    """(data, PDF bytes, HTML) of the whole town's 2022 report, made once for the module."""
    data = sample_meeting_data(sample_var, 2022)
    return data, report_pdf(data), report_html(data)


@pytest.mark.parametrize(("year", "unit"), [(2022, None), (2024, "Phổ Hòa"), (2025, None), (2025, "21439")])
def test_report_figures_equal_the_kpi_export(sample_var, sample_env, year, unit):
    data = sample_meeting_data(sample_var, year, unit)  # the KPI export below reads this test's copy of it
    expected = kpi_figures(year, unit)
    assert figures_of(reported_figures(data.indicators)) == expected  # as the report's tables show them
    cards = {r.indicator: (r.numerator, r.denominator) for r in data.cards.itertuples()}
    headline = programme().headline
    assert list(cards) == list(headline)
    assert cards == {code: expected[code] for code in headline}
    # the verdicts too: the KPI export's status is the cards' and the report table's
    statuses = kpi_table(cursor(), year=year, unit=unit).set_index("indicator")["status"]
    assert dict(zip(data.indicators["indicator"], data.indicators["status"], strict=True)) == statuses.to_dict()


def test_pdf_has_a4_pages_sections_and_the_baseline_figures(report_2022):
    data, pdf, _ = report_2022
    pages = pdf_pages(pdf)
    assert 6 <= len(pages) <= 20
    text = squeeze("\n".join(pages))
    assert "Toàn thị xã" in pages[0] and "năm 2022" in squeeze(pages[0]) and "Dữ liệu mẫu" in pages[0]
    # every section starts a page of its own, in order
    starts = [next(i for i, page in enumerate(pages) if i > 0 and title in squeeze(page)[:250]) for title in SECTIONS]
    assert starts == sorted(starts) and len(set(starts)) == len(SECTIONS)
    # the Đề án's baseline (footnote 1) and every indicator of the KPI export, as the pages write them
    for figure in ("67,78%", "223/329", "77,58%", "128/165", "57,93%", "95/164", "83,28%", "274/329",
                   "18,84%", "62/329", "46,81%", "154/329"):
        assert figure in text, figure
    for row in reported_figures(data.indicators).itertuples():  # the KPI export's: test_report_figures_equal_…
        assert vi_count(row.numerator, row.denominator) in text
        assert rate_text(row.rate) in text
    for heading in ("Bảng xếp hạng đơn vị", "Tiến độ đến mục tiêu 2025", "Tiến độ đến mục tiêu 2030",
                    "Chi bộ nhiều năm liền không kết nạp đảng viên",
                    "Đơn vị dưới mục tiêu và không tiến bộ từ 2 chỉ tiêu trở lên", "Cách đánh giá",
                    "«Hằng năm có trên 90% tổ chức cơ sở đảng", "đạt từ 3-4% tổng số đảng viên",
                    "bắt đầu thực hiện từ năm 2023 trở đi"):
        assert heading in text, heading
    for unit in data.ranking["unit"]:  # the scorecard lists every unit
        assert unit in text


def test_the_warnings_section_does_not_compare_t1_across_its_change_of_basis(sample_env):
    # 2025 under the five new units: T1 counts the party cells, its 2024 figure counted the committees
    data = meeting_data_for(cursor(), 2025, boundary="current")
    below = data.warnings[data.warnings["rule_code"] == "below_target"]  # the slides' warnings too
    assert "Phường Trà Câu" in set(below["unit"]) and not below["detail"].str.contains("T1 ·", regex=False).any()
    pages = pdf_pages(report_pdf(data))
    start = next(i for i, page in enumerate(pages) if i > 0 and SECTIONS[3] in squeeze(page)[:250])
    warnings = squeeze("\n".join(pages[start:]))
    assert "Phường Trà Câu Năm 2025 dưới mục tiêu và không cao hơn năm trước ở 2 chỉ tiêu: T3 · Tỷ lệ kết nạp" in warnings
    assert "T1 · TCCSĐ HTTNV trở lên:" not in warnings
    assert "không được xét: T1 (Từ 2025: tính theo chi bộ cơ sở)." in warnings


def test_pdf_of_one_unit_names_it_and_its_figures(sample_var, sample_env):
    data = sample_meeting_data(sample_var, 2024, "Phổ Hòa")
    text = squeeze("\n".join(pdf_pages(report_pdf(data))))
    assert "Phường Phổ Hòa — năm 2024" in text
    for numerator, denominator in kpi_figures(2024, "Phổ Hòa").values():
        assert vi_count(numerator, denominator) in text


def test_the_whole_areas_report_names_it_inside_its_sentences(report_2022):
    _, pdf, html = report_2022
    text = squeeze("\n".join(pdf_pages(pdf)))
    for sentence in ("Tỷ lệ = tử số / mẫu số, cộng trên toàn thị xã.", "cho toàn thị xã, năm 2022."):
        assert sentence in text and sentence in html, sentence
    assert "đã chọn" not in text  # no unit is chosen


def test_the_report_names_the_boundary_as_the_app_does(report_2022, sample_env):
    """The boundary's words are the filter bar's, the pages' header's and the downloads' (rendering.boundaries)."""
    _, pdf, html = report_2022
    assert "Toàn thị xã</b> · năm <b>2022</b> · đơn vị theo từng năm</p>" in html
    assert "Địa giới: đơn vị theo từng năm" in squeeze(pdf_pages(pdf)[0])
    current = meeting_data_for(cursor(), 2025, boundary="current")
    assert "· 5 đơn vị mới (từ 2025)</p>" in report_html(current)
    assert "Địa giới: 5 đơn vị mới (từ 2025)" in squeeze(pdf_pages(report_pdf(current))[0])


def test_html_is_self_contained_with_one_plotly_bundle(report_2022):
    data, _, html = report_2022
    charts = sum(1 for section in outline(data) for block in section.blocks if type(block).__name__ == "Chart")
    assert html.count('class="plotly-graph-div"') == charts
    assert html.count("plotly.js v") == 1  # the bundle's banner: inlined once
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"?https?:", html)  # nothing fetched from a network
    assert "67,78%" in html and "223/329" in html
    for title in SECTIONS:
        assert title in html
    assert [section.title for section in outline(data)] == section_titles(data)  # what the page lists


def test_each_column_of_the_html_tables_has_one_alignment(report_2022):
    """A column is aligned as a whole, as the PDF aligns it: the targets read `100%` on some rows and `> 90%` on
    others, the figures `—` where nothing was reported, and each column stays on one side."""
    _, _, html = report_2022
    tables = re.findall(r'<table class="data"><caption>([^<]*)</caption>.*?<tbody>(.*?)</tbody>', html)
    assert tables
    for name, body in tables:
        rows = [re.findall(r"<td( class=\"num\")?>", row) for row in re.findall(r"<tr>(.*?)</tr>", body)]
        for index, column in enumerate(zip(*rows, strict=True)):
            assert len(set(column)) == 1, (name, index)


def test_the_pace_table_names_an_indicator_as_the_indicators_table_and_the_method_do(sample_var):
    """«T3b · Kết nạp so với chỉ tiêu…», not «T3 · …», which the admission rate's row also reads: the method's
    periods (`T1, T2, T7, T3b, SH1: 2020–2025`) name the rows by these codes."""
    data = sample_meeting_data(sample_var, 2025)
    codes = dict(zip(indicators_table(data)["Chỉ tiêu"], indicators_table(data)["Mã"], strict=True))
    for name in pace_table(data, 2025)["Chỉ tiêu"]:
        code, label = name.split(" · ", 1)
        assert codes[label] == code, name


def test_the_report_names_no_unit_cell_or_indicator_by_its_code(report_2022):
    """Its warnings named a cell `Chi bộ thôn Phú Tân (21448-04)`: by name and kind now, as the Cảnh báo page does.
    The HTML's scripts (plotly, the units' ids a chart keeps) are no text anyone reads."""
    _, pdf, html = report_2022
    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", html, flags=re.S)
    assert raw_codes(text) == []
    assert raw_codes(squeeze("\n".join(pdf_pages(pdf)))) == []
