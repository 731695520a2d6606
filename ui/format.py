"""Vietnamese number formats: `1.234`, `67,78%`."""

from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd

from queries.rounding import percent, round_half_up

PLOTLY_SEPARATORS = ",."  # decimal comma, thousands dot


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def vi_number(value: float | int | None, decimals: int = 0) -> str:
    """`1234.5` → `1.234,5` (with decimals=1), rounded half up; missing → `—`."""
    if _is_missing(value):
        return "—"
    text = f"{round_half_up(value, decimals):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def vi_percent(rate: float | None, decimals: int = 2) -> str:
    """`0.67781` → `67,78%`, `3/96` → `3,13%` (half up); missing → `—`."""
    if _is_missing(rate):
        return "—"
    return vi_number(percent(rate, decimals), decimals) + "%"


def vi_points(delta: float | None, decimals: int = 2) -> str:
    """A change of rate in percentage points with its sign: `+1,25 điểm %`."""
    if _is_missing(delta):
        return "—"
    points = percent(abs(delta), decimals)
    sign = "±" if points == 0 else ("+" if delta > 0 else "−")
    return f"{sign}{vi_number(points, decimals)} điểm %"


def vi_count(numerator: int | None, denominator: int | None) -> str:
    """`223/329`."""
    if _is_missing(numerator) or _is_missing(denominator):
        return "—"
    return f"{vi_number(numerator)}/{vi_number(denominator)}"


def slug(text: str) -> str:
    """ASCII file-name part: `Phường Phổ Hòa` → `phuong-pho-hoa`."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
