"""Figures in Vietnamese words: `1.234`, `67,78%`, `−13,33 điểm %`, `223/329`, `—` for a missing value.

The same decimals for the same kind of figure, half up (core/rounding.py), the typographic minus.
Below every stage because the judgement's and the warnings' sentences quote figures too; the
formats of table columns and chart labels build on these (rendering/format.py).

Kinds of figure and their decimals:
- a rate (a fraction shown as a percentage): RATE_DECIMALS, `67,78%`;
- a change or distance in percentage points: POINT_DECIMALS, `−13,33 điểm %` (in a table whose
  header says `(điểm %)`: `−13,33`);
- a count: whole, `2.963`; a year: as it is, `2024`; a span of years: `2020–2025`, one year alone `2023`;
- a number as a spreadsheet cell holds it (a workbook's problem quotes it): every decimal it has, `29,5`.

Without pandas: the spreadsheet decoder's process formats its limits here too and never loads it.
"""

from __future__ import annotations

import math
import sys
from decimal import Decimal

from core.rounding import percent, round_half_up

RATE_DECIMALS = 2
POINT_DECIMALS = 2
MISSING = "—"
MINUS = "−"  # U+2212: "-1,93" reads as a hyphen on a projector
CELL_DIGITS = 15  # significant digits a spreadsheet keeps of a number, and shows


def is_missing(value: object) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pandas = sys.modules.get("pandas")  # pandas' own missing values exist only once it is loaded
    return pandas is not None and (value is pandas.NA or value is pandas.NaT)


def vi_number(value: float | int | None, decimals: int = 0) -> str:
    """`1234.5` → `1.234,5` (with decimals=1), rounded half up; `-1.925` → `−1,93`; missing → `—`."""
    if is_missing(value):
        return MISSING
    text = f"{round_half_up(value, decimals):,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return MINUS + text[1:] if text.startswith("-") else text


def vi_cell_number(value: float | int, grouped: bool = True) -> str:
    """A number as a spreadsheet cell holds it, never rounded to fewer decimals: `29.5` → `29,5`, `1e15` →
    `1.000.000.000.000.000`, `-1` → `−1`, `0.1 + 0.2` → `0,3` (the 15 digits a spreadsheet shows); `grouped`
    False for a year or a code (`2030`, not `2.030`)."""
    if is_missing(value):
        return MISSING
    try:
        value = float(value)  # what a cell holds: a spreadsheet number is a double
    except OverflowError:  # an int no spreadsheet can hold
        return str(value).replace("-", MINUS)
    if not math.isfinite(value):
        return str(value)
    digits = format(value, f".{CELL_DIGITS}g")
    decimals = max(0, -Decimal(digits).normalize().as_tuple().exponent)
    if decimals > CELL_DIGITS or abs(value) >= 1e21:  # as a spreadsheet writes it too: `1,5E−16`
        return digits.upper().replace("-", MINUS).replace(".", ",")
    text = vi_number(value, decimals)
    return text if grouped else text.replace(".", "")


def vi_percent(rate: float | None) -> str:
    """`0.67781` → `67,78%`, `3/96` → `3,13%` (half up); missing → `—`."""
    if is_missing(rate):
        return MISSING
    return vi_number(percent(rate, RATE_DECIMALS), RATE_DECIMALS) + "%"


def vi_points(delta: float | None) -> str:
    """A change of rate (a fraction) in percentage points with its sign: `+1,25 điểm %`, `−13,33 điểm %`."""
    if is_missing(delta):
        return MISSING
    points = percent(abs(delta), POINT_DECIMALS)
    sign = "±" if points == 0 else ("+" if delta > 0 else MINUS)
    return f"{sign}{vi_number(points, POINT_DECIMALS)} điểm %"


def year_span(first: int, last: int) -> str:
    """`2020–2025` in a title over years; `2023` when the span is that one year."""
    return str(last) if first == last else f"{first}–{last}"


def vi_count(numerator: int | None, denominator: int | None) -> str:
    """`223/329`."""
    if is_missing(numerator) or is_missing(denominator):
        return MISSING
    return f"{vi_number(numerator)}/{vi_number(denominator)}"

