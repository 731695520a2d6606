"""A lean table for fpdf2: word-wrapped cells, fills, the heading row repeated after a page break.

fpdf2's own `FPDF.table` lays every cell out twice through `multi_cell`; on a report of a thousand
cells that takes many seconds, this takes a fraction of one.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF

Colour = tuple[int, int, int]
PAD_X, PAD_Y = 1.2, 0.8  # mm
HEAD_FILL: Colour = (244, 241, 234)
BORDER: Colour = (190, 190, 190)


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` at the current font (words longer than a line
    are cut); explicit line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if pdf.get_string_width(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while pdf.get_string_width(word) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and pdf.get_string_width(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _widest_word(pdf: FPDF, texts: Sequence[str], bold: bool) -> float:
    pdf.set_font(style="B" if bold else "")
    widest = max((pdf.get_string_width(word) for text in texts for word in text.split()), default=0.0)
    pdf.set_font(style="")
    return widest


def fit_widths(pdf: FPDF, headings: Sequence[str], rows: Sequence[Sequence[str]], relative: Sequence[float],
               total: float) -> list[float] | None:
    """Column widths in mm summing to `total`, near the `relative` shares, each wide enough for the
    longest word of its heading and cells at the current font (a word is never cut: `Hạn/g`,
    `3%–4%/nă/m` read badly); None when even that does not fit: a smaller font is needed."""
    columns = range(len(headings))
    least = [max(_widest_word(pdf, [headings[i]], True), _widest_word(pdf, [r[i] for r in rows], False))
             + 2 * PAD_X + 0.05 for i in columns]
    if sum(least) > total:
        return None
    widths = [max(least[i], relative[i] * total / sum(relative)) for i in columns]
    excess, spare = sum(widths) - total, sum(w - m for w, m in zip(widths, least, strict=True))
    if excess > 0:  # take it from the columns above their least, in proportion
        widths = [m + (w - m) * (1 - excess / spare) for w, m in zip(widths, least, strict=True)]
    return widths


def _layout(pdf: FPDF, cells: Sequence[str], widths: Sequence[float], bold: bool,
            line_height: float) -> tuple[list[list[str]], float]:
    """Each cell's lines and the row's height."""
    pdf.set_font(style="B" if bold else "")
    wrapped = [wrap(pdf, text, w - 2 * PAD_X) for text, w in zip(cells, widths, strict=True)]
    pdf.set_font(style="")
    return wrapped, max(len(lines) for lines in wrapped) * line_height + 2 * PAD_Y


def _draw(pdf: FPDF, wrapped: list[list[str]], height: float, widths: Sequence[float], aligns: Sequence[str],
          fills: Sequence[Colour | None], bold: bool, line_height: float) -> None:
    pdf.set_font(style="B" if bold else "")
    pdf.set_draw_color(*BORDER)
    x, y = pdf.l_margin, pdf.get_y()
    for lines, w, align, fill in zip(wrapped, widths, aligns, fills, strict=True):
        if fill:
            pdf.set_fill_color(*fill)
        pdf.rect(x, y, w, height, style="DF" if fill else "D")
        for index, line in enumerate(lines):
            pdf.set_xy(x + PAD_X, y + PAD_Y + index * line_height)
            pdf.cell(w - 2 * PAD_X, line_height, line, align=align)
        x += w
    pdf.set_draw_color(0)
    pdf.set_font(style="")
    pdf.set_xy(pdf.l_margin, y + height)


def draw_table(pdf: FPDF, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
               aligns: Sequence[str], fills: Sequence[Sequence[Colour | None]] | None = None) -> None:
    """Draw the table at the current position, across pages as needed, in the current font size;
    `widths` in mm, `aligns` "L" / "R" / "C" per column."""
    line_height = pdf.font_size * 1.3
    bottom = pdf.h - pdf.b_margin
    head, head_height = _layout(pdf, headings, widths, True, line_height)
    head_fills = [HEAD_FILL] * len(headings)
    for index, cells in enumerate(rows):
        lines, height = _layout(pdf, cells, widths, False, line_height)
        new_page = pdf.get_y() + height + (head_height if index == 0 else 0) > bottom
        if new_page:
            pdf.add_page()
        if new_page or index == 0:
            _draw(pdf, head, head_height, widths, aligns, head_fills, True, line_height)
        _draw(pdf, lines, height, widths, aligns, fills[index] if fills else [None] * len(cells), False,
              line_height)
