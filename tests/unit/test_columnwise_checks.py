"""Checks worked out column by column give the verdicts of the cell-by-cell rule they replace.

The whole-workbook comparison is tests/unit/test_parse_equivalence.py; here the values where a
set lookup and the rule could part: numbers equal across types (0, 0.0, -0.0, False), text of
spaces only, NaN, a date."""

from __future__ import annotations

import datetime as dt
import random

from etl.checking.workbook import _empty_rows, _is_empty

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
