"""The one formatter of every figure a person reads: cards, chart labels, heat map, tables, downloads,
slides and the meeting report. Vietnamese formats (`1.234`, `67,78%`), the same decimals for the same
kind of figure, half up (queries/rounding.py), the typographic minus (`−1,93`), `—` for a missing value.

Kinds of figure and their decimals:
- a rate (a fraction shown as a percentage): RATE_DECIMALS, `67,78%`;
- a change or distance in percentage points: POINT_DECIMALS, `−13,33 điểm %` (in a table whose
  header says `(điểm %)`: `−13,33`);
- a count: whole, `2.963`; a year: as it is, `2024`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable

import pandas as pd

from queries.rounding import percent, round_half_up

PLOTLY_SEPARATORS = ",."  # decimal comma, thousands dot
RATE_DECIMALS = 2
POINT_DECIMALS = 2
MISSING = "—"
MINUS = "−"  # U+2212: "-1,93" reads as a hyphen on a projector
RATE_PREFIX = "Tỷ lệ"  # a table column of rates (fractions) is named so: `Tỷ lệ`, `Tỷ lệ năm gốc`
YEAR_PREFIX = "Năm"  # a column of years: never `2.024`


def is_missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def vi_number(value: float | int | None, decimals: int = 0) -> str:
    """`1234.5` → `1.234,5` (with decimals=1), rounded half up; `-1.925` → `−1,93`; missing → `—`."""
    if is_missing(value):
        return MISSING
    text = f"{round_half_up(value, decimals):,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return MINUS + text[1:] if text.startswith("-") else text


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


def vi_count(numerator: int | None, denominator: int | None) -> str:
    """`223/329`."""
    if is_missing(numerator) or is_missing(denominator):
        return MISSING
    return f"{vi_number(numerator)}/{vi_number(denominator)}"


def vi_text(value: object) -> str:
    """A cell of text as read: missing → `—`."""
    return MISSING if is_missing(value) else str(value)


def is_rate_column(name: object) -> bool:
    return str(name).startswith(RATE_PREFIX)


def column_format(name: object, values: pd.Series) -> Callable[[object], str] | None:
    """How a table column's cells read (screen tables, the report): rates `67,78%`, counts `2.963`,
    other decimals (points, means) with POINT_DECIMALS; None: as it is (text, years)."""
    if is_rate_column(name):
        return vi_percent
    if str(name).startswith(YEAR_PREFIX) or pd.api.types.is_bool_dtype(values):
        return None
    if pd.api.types.is_integer_dtype(values):
        return vi_number
    if pd.api.types.is_float_dtype(values):
        return lambda v: vi_number(v, POINT_DECIMALS)
    return None


def rounded_column(name: object, values: pd.Series) -> pd.Series:
    """A column as a download writes it: rates as percentages and other decimals rounded half up to
    the decimals shown on screen (a file says `67.78`, never `67.7811…`); counts and text as they are."""
    if is_rate_column(name):
        return pd.Series([percent(v, RATE_DECIMALS) for v in values.astype(float)], index=values.index)
    if pd.api.types.is_float_dtype(values) and not str(name).startswith(YEAR_PREFIX):
        return pd.Series([round_half_up(v, POINT_DECIMALS) for v in values.astype(float)], index=values.index)
    return values


def slug(text: str) -> str:
    """ASCII file-name part: `Phường Phổ Hòa` → `phuong-pho-hoa`."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
