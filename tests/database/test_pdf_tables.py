"""The PDF report's tables never split a word across lines ("Hạn/g", "3%–4%/nă/m" did), nor give a short column
the room a long one needs."""

from __future__ import annotations

from datetime import date

import pytest

import report.pdf
from report.pdf import ReportPDF
from report.pdf_table import PAD_X, wrap
from report.sections import Scorecard, Table, outline
from tests.support.sample_report import sample_meeting_data


@pytest.mark.parametrize(("year", "unit"), [(2022, None), (2024, None), (2025, None), (2024, "Phổ Hòa")])
def test_no_table_of_the_pdf_splits_a_word(sample_var, monkeypatch, year, unit):
    """Every table the report draws, checked as drawn: each cell's lines, joined again, hold the
    cell's words whole, at the font and column widths the table was drawn with."""
    draw = report.pdf.draw_table
    split, tables, tall_verdicts = [], [], []

    def checked(pdf, headings, rows, widths, aligns, fills=None):
        for cells, style in [(headings, "B"), *[(row, "") for row in rows]]:
            pdf.set_font(style=style)
            for text, width in zip(cells, widths, strict=True):
                lines = wrap(pdf, text, width - 2 * PAD_X)
                if " ".join(lines).split() != text.split():
                    split.append((text, lines))
        if headings[0] == "Mã":  # the indicators: a verdict («Chưa đạt (mức 2025)») on three lines beside a code
            at = headings.index("Đánh giá")  # column as wide as the indicator's name («T4a») read badly
            tall_verdicts.extend(row[at] for row in rows if len(wrap(pdf, row[at], widths[at] - 2 * PAD_X)) > 2)
        pdf.set_font(style="")
        tables.append(headings)
        return draw(pdf, headings, rows, widths, aligns, fills)

    monkeypatch.setattr(report.pdf, "draw_table", checked)
    data = sample_meeting_data(sample_var, year, unit)
    pdf = ReportPDF(data, date.today())
    for section in outline(data):  # the report's tables as report_pdf draws them (its text and charts aside)
        pdf.section_title(section.title)
        for block in section.blocks:
            if isinstance(block, (Table, Scorecard)):
                pdf.block(block)
    assert len(tables) >= 3  # the indicators, the scorecard, the pace at least
    assert split == []
    assert tall_verdicts == []
