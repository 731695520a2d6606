"""The one formatter of every figure a person reads in a table, a chart or a download: the column
formats and chart separators, built on the figure words of core/numbers.py (the same decimals for
the same kind of figure everywhere: cards, heat map, tables, downloads, slides, the report)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pandas as pd

from core.numbers import off_zero, vi_decimal, vi_number
from queries.rate_text import rate_format, rate_percents

PLOTLY_SEPARATORS = ",."  # decimal comma, thousands dot
RATE_PREFIX = "Tỷ lệ"  # a table column of rates (fractions) is named so: `Tỷ lệ`, `Tỷ lệ năm gốc`
YEAR_PREFIX = "Năm"  # a column of years: never `2.024`
FILE_UNITS = 60  # characters of the units' names in a download's file name


def is_rate_column(name: object) -> bool:
    return str(name).startswith(RATE_PREFIX)


def column_format(name: object, values: pd.Series) -> Callable[[object], str] | None:
    """How a table column's cells read (screen tables, the report): rates `67,78%` (`2,997%` off a level of the
    programme, queries.rate_text), counts `2.963`, other decimals (points, means) with POINT_DECIMALS; None: as it
    is (text, years)."""
    if is_rate_column(name):
        return rate_format()
    if str(name).startswith(YEAR_PREFIX) or pd.api.types.is_bool_dtype(values):
        return None
    if pd.api.types.is_integer_dtype(values):
        return vi_number
    if pd.api.types.is_float_dtype(values):
        return vi_decimal
    return None


def rounded_column(name: object, values: pd.Series) -> pd.Series:
    """A column as a download writes it: rates as percentages and other decimals rounded half up to
    the decimals shown on screen (a file says `67.78`, never `67.7811…`; `2.997` where the screen does); counts and
    text as they are."""
    if is_rate_column(name):
        return pd.Series(rate_percents(values.astype(float)), index=values.index, dtype=float)
    if pd.api.types.is_float_dtype(values) and not str(name).startswith(YEAR_PREFIX):
        return pd.Series([off_zero(v)[0] for v in values.astype(float)], index=values.index)
    return values


def slug(text: str, limit: int | None = None) -> str:
    """ASCII file-name part: `Phường Phổ Hòa` → `phuong-pho-hoa`; with `limit`, at most that many
    characters, cut after a whole word (`…-xa-pho-nhon`, never `…-xa-pho-nho`)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if limit is None or len(text) <= limit:
        return text
    if text[limit] == "-":  # the cut falls between two words
        return text[:limit]
    words = text[:limit].rsplit("-", 1)[0]
    return words if words != text[:limit] else text[:limit]  # one word longer than `limit`: cut it
