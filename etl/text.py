"""Text normalisation shared by every match: sheet names, headers, units, vocabularies."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
CACHED_LENGTH = 200  # longer text is never cached: a hostile file must not fill memory through the cache


def clean(value: object) -> str:
    """A cell value as readable text: NFC, non-breaking spaces and line breaks folded, trimmed."""
    if isinstance(value, str) and len(value) > CACHED_LENGTH:
        return _clean(value)
    return _cached_clean(value)


@lru_cache(maxsize=65536)
def _cached_clean(value: object) -> str:
    return _clean(value)


def _clean(value: object) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def fold(value: object) -> str:
    """A matching key: case, diacritics, spacing and tone-mark placement ignored.

    `Hoà` and `Hòa`, NFD and NFC, `Đ` and `D` all fold to the same key.
    """
    if isinstance(value, str) and len(value) > CACHED_LENGTH:
        return _fold(value)
    return _cached_fold(value)


@lru_cache(maxsize=65536)
def _cached_fold(value: object) -> str:
    return _fold(value)


def _fold(value: object) -> str:
    text = clean(value).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()
