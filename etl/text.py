"""Text normalisation shared by every match: sheet names, headers, units, vocabularies."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def clean(value: object) -> str:
    """A cell value as readable text: NFC, non-breaking spaces and line breaks folded, trimmed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


@lru_cache(maxsize=65536)
def fold(value: object) -> str:
    """A matching key: case, diacritics, spacing and tone-mark placement ignored.

    `Hoà` and `Hòa`, NFD and NFC, `Đ` and `D` all fold to the same key.
    """
    text = clean(value).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()
