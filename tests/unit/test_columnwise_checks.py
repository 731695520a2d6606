"""Checks worked out column by column (or by a fast path) give the verdicts of the cell-by-cell rule
they replace.

The whole-workbook comparison is tests/unit/test_parse_equivalence.py; here the values where a
set lookup and the rule could part: numbers equal across types (0, 0.0, -0.0, False), text of
spaces only, NaN, a date."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata

from core.safe_text import _INVISIBLE, clean_text, neutralise_text
from etl.checking.members import (
    ADMITTED_GROUPS,
    AT_MOST_END,
    COUNT_COLUMNS,
    RATED,
    RATED_TOTAL,
    _flow,
    _identities_hold,
    _total_as_rated,
    check_identities,
)
from etl.checking.vocab import as_text, is_blank
from etl.checking.workbook import Findings, Row, Table, _empty_rows, _is_empty, _is_numbering

TRICKY = [None, "", " ", "\u00a0", "\t\n", "x", " x ", 0, 0.0, -0.0, 1, 1.0, 2.5, -3, float("nan"),
          dt.datetime(2024, 1, 1), dt.date(2024, 1, 1), "0", "Tổng cộng"]


def _rows(values: list[object], seed: int) -> list[tuple]:
    pick = random.Random(seed)
    return [tuple(pick.choice(values) for _ in range(pick.randint(1, 4))) for _ in range(400)]


def test_empty_rows_are_those_of_the_cell_by_cell_rule():
    for seed in range(20):
        rows = _rows(TRICKY, seed)
        assert list(_empty_rows(rows)) == list(map(_is_empty, rows))


def test_a_boolean_false_is_no_zero():
    rows = [(False,), (0,), (False, None), ("", 0.0), (True, 0)]
    assert list(_empty_rows(rows)) == [False, True, False, True, False]
    for seed in range(20):
        rows = _rows([*TRICKY, True, False], seed)
        assert list(_empty_rows(rows)) == list(map(_is_empty, rows))


def _member_rows(seed: int) -> tuple[Table, list[dict]]:
    """Member figure rows near the identities: most hold, some break one by a little."""
    pick = random.Random(seed)
    names = {field: name for field, name in COUNT_COLUMNS}
    rows, quick = [], []
    for number in range(5, 205):
        counts = {field: pick.randint(0, 3) for field, _ in COUNT_COLUMNS}
        counts["start_count"] = pick.randint(10, 40)
        def nudge() -> int:
            return pick.choice([1, -1]) if pick.random() < 0.05 else 0

        counts["end_count"] = _flow(counts) + nudge()
        counts["admitted"] = sum(counts[f] for f in ADMITTED_GROUPS) + nudge()
        counts["unrated"] = max(counts["end_count"] - sum(counts[f] for f in RATED[:-1]) + nudge(), 0)
        for field in AT_MOST_END:
            counts[field] = pick.choice([0, 1, counts["end_count"]]) + max(nudge(), 0)
        rated = sum(counts[f] for f in RATED)
        written = pick.choice([None, "", " ", rated, float(rated), rated, float(rated), None,
                               rated + 0.5, str(rated), True, float("nan"), rated + 1])
        values = {names[field]: value for field, value in counts.items()}
        rows.append(Row(number, {**values, RATED_TOTAL: written}))
        quick.append({"cell_code": f"CB{number}", **counts})
    columns = {name: index for index, name in enumerate([*names.values(), RATED_TOTAL])}
    return Table("Đảng viên", 4, columns, rows), quick


def test_the_identities_said_to_hold_report_nothing():
    for seed in range(10):
        table, quick = _member_rows(seed)
        held = _identities_hold(table, quick)
        assert 0 < sum(held) < len(held)
        for row, counts, holds in zip(table.rows, quick, held, strict=True):
            found = Findings("f.xlsx")
            clean = check_identities(table, row, dict(counts), found) == {} and not found.problems
            assert clean or not holds, f"row {row.number}: said to hold, but check_identities reports"
            written = row.values[RATED_TOTAL]
            if not (isinstance(written, str) and written.strip()):  # text '12' is read one by one, also right
                assert holds == clean, f"row {row.number}"


def test_a_written_total_holds_only_as_a_number():
    assert _total_as_rated(1.0, 1) and _total_as_rated(1, 1) and _total_as_rated(" ", 1) and _total_as_rated(None, 1)
    assert not (_total_as_rated(True, 1) or _total_as_rated("1", 1) or _total_as_rated(1.5, 1))


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
