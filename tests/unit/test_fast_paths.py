"""The loader's fast paths give what the rule they shortcut gives, on the values where they could part.

The whole-workbook comparison is tests/unit/test_parse_equivalence.py."""

from __future__ import annotations

import random
import re
import unicodedata

from core.safe_text import _INVISIBLE, clean_text, neutralise_text
from etl.checking.vocab import as_text, is_blank
from etl.checking.workbook import _is_numbering


def _clean_text_char_by_char(value: str) -> str:
    """clean_text as it reads every character (its rule for text that is not plain ASCII)."""
    text = "".join(" " if ch.isspace() else ch for ch in unicodedata.normalize("NFC", value)
                   if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE)
    return neutralise_text(" ".join(text.split()))


def test_a_plain_ascii_name_is_cleaned_as_character_by_character():
    pick = random.Random(7)
    names = ["".join(chr(pick.randrange(0, 128)) for _ in range(pick.randint(0, 14))) for _ in range(20_000)]
    names += ["bao cao.xlsx", "  a  b ", "=cmd.xlsx", "a\tb", "a\x00b", "x\x7f", "Phổ Hòa.xlsx"]
    for name in names:
        assert clean_text(name) == _clean_text_char_by_char(name), repr(name)


def _numbering_all_tokens(line: list[object]) -> bool:
    """`_is_numbering` as it read every cell of the line before it judged."""
    tokens = [as_text(v) for v in line if not is_blank(v)]
    numbers = [int(m[1]) for m in map(re.compile(r"^\(?(\d{1,2})\)?$").match, tokens) if m]
    return len(tokens) >= 3 and len(numbers) == len(tokens) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_a_numbering_row_is_told_as_when_every_cell_was_read():
    pick = random.Random(3)
    cells = [None, "", " ", 1, 2, 3, 4, 1.0, 2.0, "(1)", "(2)", "(3)", "4", "(5", "x", 100, "CB01", -1, True]
    lines = [[pick.choice(cells) for _ in range(pick.randint(0, 6))] for _ in range(20_000)]
    lines += [[1, 2, 3], ["(1)", "(2)", "(3)", "(4)"], [None, 2, 3, 4], [1, 2, 4], [1, 2], ["1", 2.0, "(3)"]]
    assert sum(map(_is_numbering, lines)) > 10
    for line in lines:
        assert _is_numbering(line) == _numbering_all_tokens(line), line
