"""Text normalisation shared by every match: sheet names, headers, units, vocabularies."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, wraps

_SPACES = re.compile(r"\s+")
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls, bidi overrides, zero-width, unassigned
CACHED_LENGTH = 200  # longer text is never cached: a hostile file must not fill memory through the cache


def short_text_cache(function: Callable[[object], str]) -> Callable[[object], str]:
    """`function` of one cell value, remembered for values other than text longer than
    CACHED_LENGTH. Typed: `True`, `1` and `1.0` are three values (they would share one entry)."""
    cached = lru_cache(maxsize=65536, typed=True)(function)

    @wraps(function)
    def call(value: object) -> str:
        if isinstance(value, str) and len(value) > CACHED_LENGTH:
            return function(value)
        return cached(value)

    return call


def visible(text: str) -> str:
    """`text` without the characters nobody sees but a program acts on (controls, a bidi override that turns
    the rest of a name round, zero-width ones; a spreadsheet refuses most controls in a cell), each
    whitespace one a space."""
    if text.isprintable():
        return text
    return "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE)


@short_text_cache
def clean(value: object) -> str:
    """A cell value as readable text: NFC, non-breaking spaces and line breaks folded, no character nobody
    sees (`visible`), trimmed."""
    if value is None:
        return ""
    text = visible(unicodedata.normalize("NFC", str(value)))
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


@short_text_cache
def fold(value: object) -> str:
    """A matching key: case, diacritics, spacing and tone-mark placement ignored.

    `Hoà` and `Hòa`, NFD and NFC, `Đ` and `D` all fold to the same key.
    """
    text = clean(value).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()
