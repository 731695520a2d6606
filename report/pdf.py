"""The report as an A4 PDF, each section from a new page.

fpdf2 (pure Python) writes the PDF with the DejaVu Sans font that matplotlib ships in its wheel
(full Vietnamese coverage), and matplotlib draws the charts: `pip install -r requirements.txt`
is all a fresh machine needs, no browser and no system package.
"""

from __future__ import annotations

import copy
import io
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import matplotlib
import pandas as pd
from fontTools import ttLib
from fpdf import FPDF
from fpdf import encryption as fpdf_encryption
from fpdf.fonts import TTFFont
from PIL import Image

from core.numbers import vi_count
from queries.programme import programme
from queries.rate_text import rate_text
from queries.report_data import MeetingData, left_out_text
from rendering.boundaries import BOUNDARY_LABELS
from rendering.verdicts import ROLE_INK, ROLE_RGB
from report.cards import change_notes, change_text
from report.pdf_table import draw_table, fit_widths
from report.sections import (
    SAMPLE_NOTE,
    Cards,
    Chart,
    Compared,
    ComparedCards,
    Heading,
    Note,
    Scorecard,
    Section,
    Table,
    outline,
    title,
)
from report.tables import figure_column

# fpdf keeps the ImportError of its optional `cryptography` (encrypted PDFs, not used here) and with its
# traceback every frame of the import: the page run that first imported this module, with its figures (the
# meeting's, 170 MB at national scale), for the life of the process. The error's text is all it reads.
if fpdf_encryption.import_error is not None:
    fpdf_encryption.import_error.__traceback__ = None

FONT = "DejaVu"
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
MARGIN = 14  # mm
TEXT_WIDTH = 210 - 2 * MARGIN
MIN_TABLE_FONT = 5.6  # pt: the smallest a table may shrink to so that no word is split
RED, GREY, INK = (183, 28, 28), (120, 120, 120), (26, 26, 26)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}

CARD_HEIGHT, CARD_PAD = 46, 2  # mm: a card's least height, the space above and below its texts


@dataclass(frozen=True)
class CardText:
    """One text of a card: wrapped to the card's width, `leading` mm a line, `least` mm however short."""

    text: str
    style: str
    size: float  # pt
    leading: float
    least: float = 0
    colour: tuple[int, int, int] = INK


def card_texts(card: dict) -> list[CardText]:
    """A headline card's texts, top to bottom, each wrapped to the card's width as the HTML card's are
    (report.cards): the heading over two lines at least, so that the figures of a row start level; the verdict
    in its role's colour."""
    note = f" · {card['basis_note']}" if card["basis_note"] else ""
    beside = f" · {card['beside_text']}" if card.get("beside_text") else ""
    return [
        CardText(card["heading"], "B", 7.5, 3.4, least=7.5),
        CardText(rate_text(card["rate"]), "B", 17, 8),
        CardText(f"{vi_count(card['numerator'], card['denominator'])} — năm {card['year']}", "", 7.5, 4),
        CardText(change_text(card) or "", "", 7.5, 4, least=4),
        CardText(card["verdict"], "B", 8, 3.8, least=4.5, colour=ROLE_INK[card["role"]]),
        CardText(f"Mục tiêu năm {card['year']}: {card['target_text']}{beside}{note}", "", 7, 3.3),
    ]


_PARSED: dict[str, TTFFont] = {}  # style → the font file read by fpdf2 once per process, never written out
_PARSING = threading.Lock()


def _font(pdf: FPDF, style: str, file: str) -> TTFFont:
    """What `pdf.add_font(FONT, style, FONT_DIR / file)` adds, without reading the font file again for every
    document (~50 ms a style): a copy of the one read first, made as fpdf2 copies a document's fonts for its
    recorder (widths and glyph ids copied, the font's name and metrics shared), with its own fontTools font
    and descriptor, which writing the PDF changes (the font is subset in place, the descriptor numbered)."""
    with _PARSING:
        if style not in _PARSED:
            scratch = FPDF()
            scratch.add_font(FONT, style, FONT_DIR / file)
            _PARSED[style] = scratch.fonts[f"{FONT.lower()}{style}"]
    font = copy.deepcopy(_PARSED[style])
    font.i = len(pdf.fonts) + 1
    font.ttfont = ttLib.TTFont(font.ttffile, recalcTimestamp=False, lazy=True)
    font.desc = copy.deepcopy(font.desc)
    return font


class ReportPDF(FPDF):
    def __init__(self, data: MeetingData, today: date):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.data, self.today = data, today
        for style, file in FONT_FILES.items():
            self.fonts[f"{FONT.lower()}{style}"] = _font(self, style, file)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=16)
        self.set_title(f"{title()} — {data.scope_label} — {data.year}")
        self.set_author(programme().issuer)
        self.set_lang("vi")

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*GREY)
        sample = " · DỮ LIỆU MẪU" if self.data.any_sample else ""
        self.cell(0, 4, f"Báo cáo họp Ban Thường vụ — {self.data.scope_label} — năm {self.data.year}{sample}",
                  new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*GREY)
        self.cell(0, 4, f"Trang {self.page_no()}/{{nb}} · lập ngày {self.today:%d/%m/%Y}", align="C")
        self.set_text_color(*INK)

    # ---- blocks ----------------------------------------------------------------------------

    def paragraph(self, text: str, size: float = 9, style: str = "") -> None:
        self.set_font(FONT, style, size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def heading(self, text: str, size: float = 11) -> None:
        if self.will_page_break(20):
            self.add_page()
        self.ln(2)
        self.paragraph(text, size, "B")

    def section_title(self, text: str) -> None:
        self.add_page()
        self.start_section(text)
        self.set_font(FONT, "B", 15)
        self.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*RED)
        self.set_line_width(0.8)
        self.line(MARGIN, self.get_y() + 1, MARGIN + TEXT_WIDTH, self.get_y() + 1)
        self.set_line_width(0.2)
        self.set_draw_color(0)
        self.ln(4)

    def card(self, card: dict, x: float, y: float, w: float, h: float) -> None:
        self.set_draw_color(200, 195, 185)
        self.rect(x, y, w, h)
        self.set_fill_color(*ROLE_INK[card["role"]])
        self.rect(x, y, 2, h, style="F")
        self.set_draw_color(0)
        self.card_texts(card, x, y, w)

    def card_texts(self, card: dict, x: float, y: float, w: float, dry_run: bool = False) -> float:
        """Draws the texts of `card` in a card `w` wide at (x, y), each wrapped to the card's width (or, with
        `dry_run`, only measures them, where the page's cursor is); the height the card needs."""
        inner, left, below = w - 5.5, x + 3.5, y + CARD_PAD
        for text in card_texts(card):
            self.set_font(FONT, text.style, text.size)
            self.set_text_color(*text.colour)
            if not dry_run:
                self.set_xy(left, below)
            below += max(text.least, self.multi_cell(inner, text.leading, text.text, align="L", dry_run=dry_run,
                                                     output="HEIGHT"))
        self.set_text_color(*INK)
        return below + CARD_PAD - y

    def cards(self, cards: pd.DataFrame) -> None:
        per_row, gap = 4, 3
        w = (TEXT_WIDTH - gap * (per_row - 1)) / per_row
        records = cards.to_dict("records")
        for start in range(0, len(records), per_row):
            row = records[start:start + per_row]
            h = max(CARD_HEIGHT, *(self.card_texts(card, 0, 0, w, dry_run=True) for card in row))
            if self.will_page_break(h + gap):
                self.add_page()
            y = self.get_y()
            for index, card in enumerate(row):
                self.card(card, MARGIN + index * (w + gap), y, w, h)
            self.set_xy(MARGIN, y + h + gap)
        for note in change_notes(cards):  # why the cards show no change from the year before
            self.paragraph(f"{note}.", 8.5)
        self.ln(2)

    def data_table(self, name: str, frame: pd.DataFrame, widths: tuple[float, ...] | None,
                   fills: list[list[tuple | None]] | None = None, headings: list[str] | None = None,
                   size: float = 7.5) -> None:
        self.heading(name, 9.5)
        headings = headings or [str(c) for c in frame.columns]
        aligns = ["R" if figure_column(frame[c]) else "L" for c in frame.columns]
        rows = [[str(v) for v in values] for values in frame.itertuples(index=False)]
        relative = widths or (1,) * len(frame.columns)
        while True:  # the largest font, down to MIN_TABLE_FONT, at which no column splits a word
            self.set_font(FONT, "", size)
            fitted = fit_widths(self, headings, rows, relative, TEXT_WIDTH)
            if fitted is not None or size <= MIN_TABLE_FONT:
                break
            size = max(MIN_TABLE_FONT, size - 0.4)
        draw_table(self, headings, rows, fitted or [w * TEXT_WIDTH / sum(relative) for w in relative], aligns, fills)
        self.ln(3)

    def scorecard(self, block: Scorecard) -> None:
        grid = block.grid
        frame = grid[block.columns]
        fills = [[ROLE_RGB.get(row.get(f"role:{c}")) if row.get(f"role:{c}") not in (None, "none") else None
                  for c in block.columns] for row in grid.to_dict("records")]
        headings = [f"{c}\n({block.targets[c]})" if c in block.targets else c for c in block.columns]
        widths = (1.3, 4.2, 1.6, 1.4, *[2.5] * (len(block.columns) - 4))
        self.data_table("Bảng xếp hạng đơn vị", frame, widths, fills, headings, size=6.8)
        self.paragraph("Nền xanh lá: đạt mục tiêu hoặc đúng tiến độ; nền đỏ: chưa đạt hoặc chậm tiến độ; nền xanh lam: "
                       "kết nạp vượt khung. Mỗi ô: tỷ lệ và tử số/mẫu số.", 7.5, "I")

    def chart(self, block: Chart) -> None:
        png = block.png() if block.png else None
        if png is None:
            return
        width_px, height_px = Image.open(io.BytesIO(png)).size
        height = TEXT_WIDTH * height_px / width_px
        if self.will_page_break(height + 4):
            self.add_page()
        self.image(io.BytesIO(png), x=MARGIN, w=TEXT_WIDTH)
        self.ln(3)

    # ---- the document ----------------------------------------------------------------------

    def cover(self, sections: list[Section]) -> None:
        self.add_page()
        data = self.data
        self.set_text_color(*RED)
        self.paragraph(programme().owner, 10, "B")
        self.set_text_color(*INK)
        self.ln(8)
        self.set_font(FONT, "B", 18)
        self.multi_cell(0, 9, title(), align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(8)
        self.set_font(FONT, "B", 14)
        self.multi_cell(0, 7, f"{data.scope_label} — năm {data.year}", align="C", new_x="LMARGIN", new_y="NEXT")
        if gone := left_out_text(data):  # chosen units merged away: not in the figures, as the pages say under their title
            self.ln(2)
            self.set_font(FONT, "B", 10)
            self.multi_cell(0, 5.5, gone, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)
        self.set_font(FONT, "", 10)
        self.multi_cell(0, 6, f"Địa giới: {BOUNDARY_LABELS[data.boundary].lower()}", align="C",
                        new_x="LMARGIN", new_y="NEXT")
        loaded = f" · số liệu cập nhật {data.last_load:%d/%m/%Y %H:%M}" if data.last_load else ""
        self.multi_cell(0, 6, f"Ngày lập báo cáo: {self.today:%d/%m/%Y}{loaded}", align="C",
                        new_x="LMARGIN", new_y="NEXT")
        if data.any_sample:
            self.ln(4)
            self.set_text_color(*RED)
            self.paragraph(SAMPLE_NOTE, 10, "B")
            self.set_text_color(*INK)
        self.ln(10)
        self.paragraph("Nội dung", 11, "B")
        for section in sections:
            self.paragraph(section.title, 10)

    def block(self, block: object) -> None:
        if isinstance(block, Note):
            self.paragraph(block.text, 8.5)
        elif isinstance(block, Heading):
            self.heading(block.text)
        elif isinstance(block, Cards):
            self.cards(block.cards)
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, Scorecard):
            self.scorecard(block)
        elif isinstance(block, ComparedCards):
            pass  # the compared units' table that follows has their headline figures too
        elif isinstance(block, Table):
            if not block.details:  # the chart's own path table: in the HTML only
                self.data_table(block.name, block.frame, block.widths)
        else:
            raise TypeError(f"unknown block {block!r}")


def report_pdf(data: MeetingData, today: date | None = None, compared: Compared | None = None) -> bytes:
    """The whole report as A4 PDF bytes; `compared`: the units also side by side."""
    pdf = ReportPDF(data, today or date.today())
    sections = outline(data, compared)
    pdf.cover(sections)
    for section in sections:
        pdf.section_title(section.title)
        for block in section.blocks:
            pdf.block(block)
    return bytes(pdf.output())

