"""Text that a spreadsheet would run as a formula, and how every export defuses it.

A name typed as `=HYPERLINK("http://…")` or `@SUM(A1)` is flagged on load and stored with a
leading apostrophe (the OWASP remedy for CSV injection), because Streamlit's own table download
cannot be made safe; every file we hand out (CSV, XLSX, the meeting report) passes text through
`neutralise_text` as well, which leaves already-defused text alone. Numbers, negative ones included, are
never touched: only text is.
"""

from __future__ import annotations

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """True for text that Excel, LibreOffice or Google Sheets could read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralise_text(value: object) -> object:
    """`=1+1` → `'=1+1`; anything else (numbers, dates, None, plain or defused text) unchanged."""
    return "'" + value if looks_like_formula(value) else value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell through `neutralise_text`; numeric columns untouched."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_text)
    return safe
