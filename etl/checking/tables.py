"""Located tables of a submitted workbook, and what reading their cells finds.

`etl.checking.workbook` finds the tables in the sheets (`RawSheet` → `Table` of `Row`s); the sheet
readers (`etl.checking.validate`, `members`, `cadres`, `cell_life`) read their cells through
`Findings`, which collects every problem and warning so that all are reported at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from operator import and_
from typing import TypeVar

from core.numbers import vi_cell_number, vi_number
from core.safe_text import looks_like_formula, neutralise_text
from core.text import CACHED_LENGTH
from core.wording import in_quotes
from etl.checking import contract as c
from etl.checking.model import Problem, WorkbookRejected, group_problems
from etl.checking.vocab import BadValue, as_text, is_blank, is_number

T = TypeVar("T")
CellIndex = dict[str, tuple[str, int]]  # cell_key(code) → (code as in `Chi bộ`, Excel row)
Spec = dict[str, tuple[str, Callable[[object], object], bool]]  # field → (column, reader, required)

MAX_TEXT = 500  # characters in one stored text value; names are far shorter
SHOWN_TEXT = 100  # characters of a value quoted back in a problem or warning
REQUIRED = "bắt buộc phải điền"
SHEET_ORDER = {name: index for index, name in enumerate(c.SHEETS)}
_OK, _FORMULA, _BLANK, _LONG, _BAD = "ok", "formula", "blank", "long", "bad"  # verdicts of Findings.read


@dataclass
class RawSheet:
    name: str  # as written in the file
    grid: list[list[object]]  # grid[i][j] is Excel row i + 1, column j + 1; '' when empty

    def cell(self, row: int, col: int) -> object:
        line = self.grid[row] if row < len(self.grid) else []
        return line[col] if col < len(line) else ""


class Row:
    """One row of a table: its Excel number and its mapped cells (`values`: canonical column name →
    raw cell value). A row of `etl.checking.workbook.read_table` holds its cells in the table's column
    order and makes the dict when first asked: most rows are read column by column (`Table.column`)."""

    __slots__ = ("_values", "cells", "names", "number")

    def __init__(self, number: int, values: dict[str, object] | None = None, cells: tuple = (), names: tuple = ()):
        self.number = number  # as Excel shows it
        self._values, self.cells, self.names = values, cells, names  # cells in the order of names

    @property
    def values(self) -> dict[str, object]:
        if self._values is None:
            self._values = dict(zip(self.names, self.cells, strict=True))
        return self._values

    def __repr__(self) -> str:
        return f"Row({self.number}, {self.values!r})"


@dataclass
class Table:
    sheet: str  # canonical sheet name
    header_row: int
    columns: dict[str, int]  # canonical column name → 0-based column index
    rows: list[Row]
    total: Row | None = None
    _columns: tuple[list[Row], dict[str, tuple]] | None = field(default=None, repr=False, compare=False)

    def column(self, name: str) -> tuple | list:
        """The raw values of the mapped column `name` in `rows`, top to bottom."""
        rows = self.rows
        if self._columns is None or self._columns[0] is not rows:
            names = rows[0].names if rows else ()
            if names and all(row.names is names for row in rows):  # rows of read_table: one transposition
                self._columns = (rows, dict(zip(names, zip(*(row.cells for row in rows), strict=True), strict=True)))
            else:
                self._columns = (rows, {})
        by_name = self._columns[1]
        if name in by_name:
            return by_name[name]
        return [row.values[name] for row in rows]


def quoted_value(value: object, column: str | None) -> str:
    """A cell's value as a problem quotes it: text as typed; a number in Vietnamese as a spreadsheet set to
    Vietnamese shows it (`29,5`, `−1`), its thousands grouped in a column that counts (`1.000.000`)."""
    if is_number(value):
        return vi_cell_number(value, grouped=column in c.COUNT_COLUMNS)
    return as_text(value)


@dataclass
class Findings:
    """Problems and warnings of one workbook, collected so that all are reported at once."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def problem(self, sheet: str | None, row: int | None, column: str | None, value: object, expected: str,
                *, blank: bool = False) -> None:
        """`blank`: the cell itself is empty, which the message says ("ô để trống")."""
        shown = None if blank or is_blank(value) else _shorten(quoted_value(value, column))
        self.problems.append(Problem(self.file, sheet, row, column, shown, expected, blank))

    def fits(self, sheet: str | None, row: int | None, column: str, value: object) -> bool:
        """False (and a problem) for text longer than any name: a 5 MB cell is no report."""
        if isinstance(value, str) and len(value) > MAX_TEXT:
            self.problem(sheet, row, column, value, f"ô dài {vi_number(len(value))} ký tự, tối đa {MAX_TEXT} ký tự")
            return False
        return True

    def flag_formula(self, sheet: str | None, row: int | None, column: str, result: object) -> None:
        """Text a spreadsheet would run as a formula is stored with a leading apostrophe, and said so.

        Stored defused, because Streamlit's own table download cannot be made safe (CSV injection)."""
        for text in result if isinstance(result, tuple) else (result,):
            if looks_like_formula(text):
                self.warnings.append(
                    f"Sheet {in_quotes(sheet)}, dòng {row}, cột {in_quotes(column)}: giá trị {in_quotes(_shorten(text))} bắt đầu bằng "
                    f"{in_quotes(text[0])} nên bảng tính có thể hiểu là công thức; đã lưu kèm dấu «'» ở đầu để không "
                    "bị chạy như công thức khi mở tệp xuất ra"
                )

    def read_row(self, table: Table, row: Row, spec: Spec) -> dict:
        """The `spec` fields of one row, each cell through `read`, in the order of `spec`."""
        return {field: self.read(table, row, column, reader, required=required)
                for field, (column, reader, required) in spec.items()}

    def read_rows(self, table: Table, spec: Spec) -> list[dict | None]:
        """`read_row` of every row, worked out column by column, reporting nothing.

        A row's dict is built only when every cell of it reads as it is: no problem, warning or
        formula to report. The other rows are None: the caller reads them with `read_row` in its
        row loop, so that what they report comes in the order a row-by-row reading gives.
        """
        return row_dicts(*self.read_columns(table, spec))

    def read_columns(self, table: Table, spec: Spec) -> tuple[dict[str, list], list[bool] | None]:
        """(field → what `read` makes of each row's cell, which rows read as they are), reporting
        nothing; None for the second when every row does. A field's entry for a row that does not
        read as it is means nothing: such a row is read with `read_row`.

        Each distinct value of a column is judged once (as `read` does)."""
        rows = table.rows
        clean: list[bool] | None = None  # whether each row reads as it is; None: every row does
        columns = {}
        for field_name, (column, reader, required) in spec.items():
            if column not in table.columns:
                columns[field_name] = [None] * len(rows)  # as `read`: the header check reported it
                continue
            values = table.column(column)
            types = set(map(type, values))
            if len(types) == 1 and not (str in types and max(map(len, values)) > CACHED_LENGTH):
                known = _verdicts_of(reader, required, types.pop(), set(values))
                keys, results, bad = values, known.results, known.bad
            else:  # several types (1, 1.0 and True are one key otherwise), or long text: value by value
                keys = list(zip(map(type, values), values, strict=True))
                judged = {key: _verdict(key[1], reader, required) for key in set(keys)}
                results = {key: detail for key, (_, detail) in judged.items()}
                bad = {key for key, (outcome, _) in judged.items() if outcome != _OK}
            if not bad.isdisjoint(keys):
                fine = [key not in bad for key in keys]
                clean = fine if clean is None else list(map(and_, clean, fine))
            columns[field_name] = list(map(results.__getitem__, keys))
        return columns, clean

    def read(self, table: Table, row: Row, column: str, reader: Callable[[object], T], *, required: bool = False) -> T | None:
        """One cell of `row` through `reader`; None (and a problem) when blank-but-required or bad.

        A column missing from the header gives None silently: the header check reported it.
        `reader` must depend on the value only, and be the same object for the same judgement
        (a module function, or a partial made once): each distinct value is judged once by a
        reader (`_verdict`), and the verdict replayed for every cell holding it.
        """
        if column not in table.columns:
            return None
        value = row.values[column]
        outcome, detail = _verdict(value, reader, required)
        if outcome == _OK:
            return detail
        if outcome == _FORMULA:
            self.flag_formula(table.sheet, row.number, column, detail)
            if isinstance(detail, tuple):
                return tuple(neutralise_text(t) for t in detail)
            return neutralise_text(detail)
        if outcome == _BLANK:
            self.problem(table.sheet, row.number, column, None, REQUIRED, blank=True)
        elif outcome == _LONG:
            self.fits(table.sheet, row.number, column, value)
        else:
            self.problem(table.sheet, row.number, column, value, detail)
        return None

    def reject(self) -> None:
        if self.problems:
            in_sheet_order = sorted(self.problems, key=lambda p: SHEET_ORDER.get(p.sheet, -1))
            raise WorkbookRejected(self.file, group_problems(in_sheet_order))


def row_dicts(columns: dict[str, list], clean: list[bool] | None) -> list[dict | None]:
    """`Findings.read_columns` row by row: a dict of the fields of each row that reads as it is, else None."""
    read = map(dict, map(partial(zip, list(columns), strict=True), zip(*columns.values(), strict=True)))
    if clean is None:
        return list(read)
    return [values if ok else None for ok, values in zip(clean, read, strict=True)]


class _Verdicts:
    """What one reader made of the values of one type (1, 1.0 and True are three types), required
    or not, remembered for every workbook the process reads: a reader depends on the value only."""

    __slots__ = ("bad", "outcomes", "results")

    def __init__(self) -> None:
        self.outcomes: dict[object, str] = {}
        self.results: dict[object, object] = {}  # the value read, or what is wrong with it
        self.bad: set[object] = set()  # the values whose outcome is not _OK


_KNOWN: dict[tuple, _Verdicts] = {}  # (reader, required, type) → its verdicts
_KEPT = [0]  # verdicts remembered in all
VERDICTS_KEPT = 65_536  # then all are forgotten at once; long text is never kept (as core.text's caches)


def _verdicts_of(reader: Callable[[object], T], required: bool, cls: type, values: set) -> _Verdicts:
    """The verdicts of `reader` on values of type `cls`, every one of `values` (short ones) judged."""
    known = _KNOWN.get((reader, required, cls))
    new = values.difference(known.outcomes) if known is not None else values  # a lookup each: O(len(values))
    if _KEPT[0] + len(new) > VERDICTS_KEPT:
        _KNOWN.clear()
        _KEPT[0], known, new = 0, None, values
    if known is None:
        known = _KNOWN[reader, required, cls] = _Verdicts()
    for value in new:
        outcome, detail = _judge(value, reader, required)
        known.outcomes[value], known.results[value] = outcome, detail
        if outcome != _OK:
            known.bad.add(value)
    _KEPT[0] += len(new)
    return known


def _verdict(value: object, reader: Callable[[object], T], required: bool) -> tuple[str, object]:
    """What `Findings.read` makes of `value` read by `reader`: (outcome, value read or what is wrong)."""
    if isinstance(value, str) and len(value) > CACHED_LENGTH:
        return _judge(value, reader, required)
    known = _verdicts_of(reader, required, value.__class__, {value})
    return known.outcomes[value], known.results[value]


def _judge(value: object, reader: Callable[[object], T], required: bool) -> tuple[str, object]:
    if required and is_blank(value):
        return _BLANK, None
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return _LONG, None
    try:
        result = reader(value)
    except BadValue as bad:
        return _BAD, bad.expected
    formula = any(map(looks_like_formula, result)) if isinstance(result, tuple) else looks_like_formula(result)
    return (_FORMULA if formula else _OK), result


def _shorten(text: str) -> str:
    return text if len(text) <= SHOWN_TEXT else text[:SHOWN_TEXT] + "…"
