"""Text that a spreadsheet would run as a formula, and how every export defuses it.

A name typed as `=HYPERLINK("http://…")` or `@SUM(A1)` is flagged on load and stored with a
leading apostrophe (the OWASP remedy for CSV injection), because Streamlit's own table download
cannot be made safe; every file we hand out (CSV, XLSX, the meeting report) passes text through
`neutralise_text` as well, which leaves already-defused text alone. Numbers, negative ones included, are
never touched: only text is.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from core.text import visible

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_NAME = 120  # characters of a file name as stored and shown
UNNAMED = "(không tên)"


def looks_like_formula(value: object) -> bool:
    """True for text that Excel, LibreOffice or Google Sheets could read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralise_text(value: object) -> object:
    """`=1+1` → `'=1+1`; anything else (numbers, dates, None, plain or defused text) unchanged."""
    return "'" + value if looks_like_formula(value) else value


def clean_text(value: str) -> str:
    """Text from outside (a file name, a typed name) as stored: NFC, no control, format (bidi
    overrides, zero-width) or unassigned characters, runs of spaces as one, neutralised."""
    if value.isascii() and value.isprintable():  # the usual file name: nothing to normalise or drop
        return neutralise_text(" ".join(value.split()))
    return neutralise_text(" ".join(visible(unicodedata.normalize("NFC", value)).split()))


def display_name(file_name: str) -> str:
    """A file name as stored and shown beside its content hash: the last part of any path only,
    cleaned (`clean_text`), at most MAX_NAME characters with its extension kept."""
    name = clean_text(re.split(r"[\\/]", file_name)[-1]).strip(" .") or UNNAMED
    if len(name) > MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        suffix = dot + suffix if stem and len(suffix) <= 5 else ""
        name = name[:MAX_NAME - len(suffix) - 1] + "…" + suffix
    return name


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell through `neutralise_text`; numeric columns untouched."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_text)
    return safe
