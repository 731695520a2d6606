"""The PDF report's headline cards hold their texts: «Năm gốc — chưa tính tiến độ» ran past the card's edge."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from pypdf import PdfReader

from queries.coverage import unreported_words
from queries.judgement import COMING_IN_WORDS, FIRST_YEAR_WORDS, Status, before_baseline_words, verdict_text
from report.pdf import FONT, ReportPDF
from tests.support.sample_report import sample_meeting_data

PT = 72 / 25.4  # points a millimetre
A4_HEIGHT = 297  # mm

VERDICTS = [verdict_text(status, 2030) for status in Status] + [  # every word, with the longest level
    FIRST_YEAR_WORDS, COMING_IN_WORDS, before_baseline_words(2022), unreported_words(2026)]


def _style(base_font: str) -> str:
    return "B" if "Bold" in base_font else "I" if "Oblique" in base_font else ""


def test_every_text_of_a_card_lies_inside_the_card(sample_var, monkeypatch):
    """Each card given one of the longest verdicts (and one the counts of a whole country's members), the
    PDF's text read back: every line drawn in a card's frame ends inside the frame, measured with fpdf's
    own string width at the line's font, and every verdict is in a frame whole."""
    data = sample_meeting_data(sample_var, 2022)
    real = data.cards.to_dict("records")
    cards = pd.DataFrame([{**real[i % len(real)], "verdict": words, "change_note": None}
                          for i, words in enumerate(VERDICTS)])
    cards.loc[0, ["numerator", "denominator"]] = [4_987_654, 5_321_987]
    frames = []  # (page, x, y, w, h) in mm of every card's frame as drawn
    rect = ReportPDF.rect

    def recorded(pdf, x, y, w, h, style=None, **kwargs):
        if style is None:
            frames.append((pdf.page, x, y, w, h))
        return rect(pdf, x, y, w, h, style, **kwargs)

    monkeypatch.setattr(ReportPDF, "rect", recorded)
    pdf = ReportPDF(data, date.today())
    pdf.add_page()
    pdf.cards(cards)
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    assert len(frames) == len(cards)

    outside, inside = [], {frame: "" for frame in frames}
    for number, page in enumerate(reader.pages, start=1):
        def check(text, _cm, tm, font, size, number=number):
            if not text.strip():
                return
            x, baseline = tm[4] / PT, A4_HEIGHT - tm[5] / PT
            above = [f for f in frames if f[0] == number and f[1] <= x <= f[1] + f[3] and f[2] <= baseline]
            if not above or baseline > pdf.page_break_trigger:
                return  # the page's header and footer
            frame = max(above, key=lambda f: f[2])  # the card whose frame starts last above the line
            inside[frame] += f" {text}"
            pdf.set_font(FONT, _style(font["/BaseFont"]), size)
            if x + pdf.get_string_width(text) > frame[1] + frame[3] or baseline > frame[2] + frame[4]:
                outside.append(text)

        page.extract_text(visitor_text=check)
    assert outside == []
    texts = [" ".join(text.split()) for text in inside.values()]
    assert all(words in text for words, text in zip(VERDICTS, texts, strict=True))
