"""A submitted spreadsheet read into located tables: sheets by name, header row, data rows.

`etl.reading.spreadsheet` turns the bytes into grids; here they become tables. Row numbers are the
ones Excel shows (1-based).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import chain, compress, count
from operator import and_, attrgetter, itemgetter, not_
from typing import TypeVar

from core.safe_text import looks_like_formula, neutralise_text
from core.text import CACHED_LENGTH, fold
from etl.checking import contract as c
from etl.checking.contract import Column
from etl.checking.model import Problem, WorkbookRejected, group_problems
from etl.checking.vocab import BadValue, as_text, is_blank, is_number, key
from etl.reading.decoder import MAX_ROWS
from etl.reading.sheetscan import dotted
from etl.reading.spreadsheet import Unreadable, read_sheets
from settings import Settings

T = TypeVar("T")
CellIndex = dict[str, tuple[str, int]]  # cell_key(code) → (code as in `Chi bộ`, Excel row)
Spec = dict[str, tuple[str, Callable[[object], object], bool]]  # field → (column, reader, required)

HEADER_SCAN_ROWS = 30
MAX_TEXT = 500  # characters in one stored text value; names are far shorter
SHOWN_TEXT = 100  # characters of a value quoted back in a problem or warning
TOTAL_LABELS = {fold(label) for label in c.TOTAL_ROW_LABELS}
_NUMBERING = re.compile(r"^\(?(\d{1,2})\)?$")
REQUIRED = "bắt buộc phải điền"
SHEET_ORDER = {name: index for index, name in enumerate(c.SHEETS)}
V1_NAMES = {sheet: frozenset(col.name for col in c.columns_of(cols, c.FORMAT_V1)) for sheet, cols in c.SHEET_COLUMNS.items()}
_OK, _FORMULA, _BLANK, _LONG, _BAD = "ok", "formula", "blank", "long", "bad"  # verdicts of Findings.read
_VALUES = attrgetter("values")


@dataclass
class Findings:
    """Problems and warnings of one workbook, collected so that all are reported at once."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def problem(self, sheet: str | None, row: int | None, column: str | None, value: object, expected: str,
                *, blank: bool = False) -> None:
        """`blank`: the cell itself is empty, which the message says ("ô để trống")."""
        shown = None if blank or is_blank(value) else _shorten(as_text(value))
        self.problems.append(Problem(self.file, sheet, row, column, shown, expected, blank))

    def fits(self, sheet: str | None, row: int | None, column: str, value: object) -> bool:
        """False (and a problem) for text longer than any name: a 5 MB cell is no report."""
        if isinstance(value, str) and len(value) > MAX_TEXT:
            self.problem(sheet, row, column, value, f"ô dài {dotted(len(value))} ký tự, tối đa {MAX_TEXT} ký tự")
            return False
        return True

    def flag_formula(self, sheet: str | None, row: int | None, column: str, result: object) -> None:
        """Text a spreadsheet would run as a formula is stored with a leading apostrophe, and said so.

        Stored defused, because Streamlit's own table download cannot be made safe (CSV injection)."""
        for text in result if isinstance(result, tuple) else (result,):
            if looks_like_formula(text):
                self.warnings.append(
                    f"Sheet '{sheet}', dòng {row}, cột '{column}': giá trị '{_shorten(text)}' bắt đầu bằng "
                    f"'{text[0]}' nên bảng tính có thể hiểu là công thức; đã lưu kèm dấu ' ở đầu để không "
                    "bị chạy như công thức khi mở tệp xuất ra"
                )

    def read_row(self, table: Table, row: Row, spec: Spec) -> dict:
        """The `spec` fields of one row, each cell through `read`, in the order of `spec`."""
        return {field: self.read(table, row, column, reader, required=required)
                for field, (column, reader, required) in spec.items()}

    def read_rows(self, table: Table, spec: Spec) -> list[dict | None]:
        """`read_row` of every row, worked out column by column, reporting nothing.

        Each distinct value of a column is judged once (as `read` does), and a row's dict is built
        only when every cell of it reads as it is: no problem, warning or formula to report. The
        other rows are None: the caller reads them with `read_row` in its row loop, so that what
        they report comes in the order a row-by-row reading gives.
        """
        rows = table.rows
        clean: list[bool] | None = None  # whether each row reads as it is; None: every row does
        columns = []
        for column, reader, required in spec.values():
            if column not in table.columns:
                columns.append([None] * len(rows))  # as `read`: the header check reported it
                continue
            values = list(map(itemgetter(column), map(_VALUES, rows)))
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
            columns.append(list(map(results.__getitem__, keys)))
        read = map(dict, map(partial(zip, list(spec), strict=True), zip(*columns, strict=True)))
        if clean is None:
            return list(read)
        return [values if ok else None for ok, values in zip(clean, read, strict=True)]

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


@dataclass
class RawSheet:
    name: str  # as written in the file
    grid: list[list[object]]  # grid[i][j] is Excel row i + 1, column j + 1; '' when empty

    def cell(self, row: int, col: int) -> object:
        line = self.grid[row] if row < len(self.grid) else []
        return line[col] if col < len(line) else ""


@dataclass
class Row:
    number: int  # as Excel shows it
    values: dict[str, object]  # canonical column name → raw cell value, mapped columns only


@dataclass
class Table:
    sheet: str  # canonical sheet name
    header_row: int
    columns: dict[str, int]  # canonical column name → 0-based column index
    rows: list[Row]
    total: Row | None = None


def read_workbook(data: bytes, found: Findings, upcoming: bytes | None = None, cfg: Settings | None = None,
                  ) -> dict[str, RawSheet]:
    """The contract's sheets by canonical name, read as grids.

    A file that is no spreadsheet or cannot be read is rejected at once. A missing sheet is a
    problem; other sheets are skipped with a warning (the guide sheet silently).
    """
    wanted = {fold(name): name for name in c.SHEETS}
    try:
        sheets = read_sheets(data, wanted, upcoming, cfg)
    except Unreadable as error:
        found.problem(None, None, None, None, error.expected)
        found.reject()
    matched: dict[str, RawSheet] = {}
    for sheet in sheets:
        canonical = wanted.get(fold(sheet.name))
        if sheet.grid is not None:
            matched[canonical] = RawSheet(sheet.name, sheet.grid)
            if sheet.last_row and sheet.last_row > MAX_ROWS:
                found.problem(
                    canonical, sheet.last_row, None, None,
                    f"sheet có nội dung đến dòng {sheet.last_row}; chỉ đọc {MAX_ROWS} dòng đầu, hãy xóa phần thừa",
                )
        elif canonical in matched:
            found.warnings.append(f"Sheet '{sheet.name}' trùng tên với sheet '{matched[canonical].name}': bỏ qua")
        elif fold(sheet.name) != fold(c.SHEET_GUIDE):
            found.warnings.append(f"Sheet '{sheet.name}' không thuộc mẫu báo cáo: bỏ qua")
    for name in c.SHEETS:
        if name not in matched:
            found.problem(name, None, None, None, f"thiếu sheet '{name}'")
    return matched


@cache
def _column_keys(columns: tuple[Column, ...]) -> dict[str, str]:
    """Folded header → canonical name; a column shared by sheets takes the aliases of all.

    Cached per column set: callers only read the mapping."""
    shared = [col for cols in c.SHEET_COLUMNS.values() for col in cols]
    keys = {}
    for column in columns:
        for same in (column, *(col for col in shared if col.name == column.name)):
            keys.update({fold(alias): column.name for alias in same.aliases})
    keys.update({fold(column.name): column.name for column in columns})
    return keys


def _header_map(line: list[object], keys: dict[str, str]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, value in enumerate(line):
        if isinstance(value, str):
            name = keys.get(key(value))
            if name and name not in mapping:
                mapping[name] = index
    return mapping


def _find_header(grid: list[list[object]], keys: dict[str, str], v1: frozenset[str]) -> tuple[dict[str, int], int]:
    """(column mapping, 0-based row) of the row naming most columns in the first rows; first of equals.

    The search stops at a row naming every v1 column (`v1`): that is the header of a v1 or v2 table."""
    best, header = {}, -1
    for index, line in enumerate(grid[:HEADER_SCAN_ROWS]):
        mapping = _header_map(line, keys)
        if len(mapping) > len(best):
            best, header = mapping, index
            if v1.issubset(best):
                break  # a full header: the rows below are data
    return best, header


_LABELS: set[str] = set()  # texts met in a sheet that label a total row, for the process
_NOT_LABELS: set[object] = set()  # the other values met (long text is never kept: judged each time)
LABELS_KEPT = 65_536  # values remembered before they are forgotten all at once


def _total_labels(grid: list[list[object]]) -> frozenset[str]:
    """The texts of a sheet that label a total row (`Tổng cộng`, `Cộng`…), as written there.

    Each distinct value is judged once (a value met in an earlier sheet not again); `_is_total`
    then looks a row's cells up."""
    cells = set(chain.from_iterable(grid))
    found = cells & _LABELS
    for value in cells - _NOT_LABELS - _LABELS:
        label = isinstance(value, str) and value != "" and key(value) in TOTAL_LABELS
        if label:
            found.add(value)
        if not (isinstance(value, str) and len(value) > CACHED_LENGTH):
            (_LABELS if label else _NOT_LABELS).add(value)
    if len(_NOT_LABELS) > LABELS_KEPT:
        _NOT_LABELS.clear()
    return frozenset(found)


def _is_total(line: Iterable[object], labels: frozenset[str]) -> bool:
    """A row with a total label in any cell; `labels`: the sheet's `_total_labels`."""
    return not labels.isdisjoint(line)


def _blank_or_zero(value: object) -> bool:
    """A cell that leaves a row empty: blank, or zero (template rows with formulas)."""
    return is_blank(value) or (is_number(value) and value == 0)


def _is_empty(values: Iterable[object]) -> bool:
    """No value in the mapped columns (`_blank_or_zero` each)."""
    return all(map(_blank_or_zero, values))


def _looks_like_data(row: Row) -> bool:
    filled = [v for v in row.values.values() if not is_blank(v)]
    return len(filled) >= 3 or any(is_number(v) for v in filled)


def _is_numbering(line: list[object]) -> bool:
    """A row of column numbers under the header: (1) (2) (3) … or 1 2 3 …; told at the first cell that
    is not one (the first data row usually)."""
    numbers = []
    for value in line:
        if is_blank(value):
            continue
        number = _NUMBERING.match(as_text(value))
        if not number:
            return False
        numbers.append(int(number[1]))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def read_table(sheet: RawSheet, canonical: str, columns: tuple[Column, ...], found: Findings) -> Table | None:
    """The table of a sheet: header row anywhere in the first rows, data rows down to its end.

    The table ends at a total row (`Tổng cộng`, `Cộng`…) or, without one, before a block of
    rows below a blank row that holds no data (a signature block). Rows inside the table are
    kept even when partly filled, so that their gaps are reported, never dropped.
    """
    best, header = _find_header(sheet.grid, _column_keys(columns), V1_NAMES.get(canonical, frozenset()))
    if len(best) < 2:
        names = ", ".join(col.name for col in columns if col.required)
        found.problem(canonical, None, None, None, f"không tìm thấy dòng tiêu đề trong {HEADER_SCAN_ROWS} dòng đầu; cần các cột: {names}")
        return None
    for column in columns:
        if column.required and column.name not in best:
            spellings = ", ".join((column.name, *column.aliases))
            found.problem(canonical, header + 1, column.name, None, f"thiếu cột bắt buộc '{column.name}' ở dòng tiêu đề (có thể ghi: {spellings})")
    table = Table(canonical, header + 1, best, [])
    grid, start = sheet.grid, header + 1
    labels = _total_labels(grid)
    end = len(grid)
    if labels:  # the first row below the header holding a total label (`_is_total`), in one pass
        end = next(compress(count(start), map(not_, map(labels.isdisjoint, grid[start:]))), end)
    names = list(best)
    cells = _mapped_cells(sheet, best, start, end + 1 if end < len(grid) else end)
    if end < len(grid):
        table.total = Row(end + 1, dict(zip(names, cells.pop(), strict=True)))
    rows = list(map(Row, range(start + 1, end + 1), map(dict, map(partial(zip, names, strict=True), cells))))
    empty = list(map(_is_empty, cells))  # a row walk that stops at the first filled cell: cheaper than any set
    one_block = not any(empty) and not (rows and _is_numbering(grid[start]))  # the usual table
    blocks = ([rows] if rows else []) if one_block else _blocks(rows, empty, grid)
    if table.total:
        table.rows = [row for block in blocks for row in block]
        _check_below_total(sheet, table, end, labels, found)
        return table
    last = max((i for i, block in enumerate(blocks) if i == 0 or any(map(_looks_like_data, block))), default=-1)
    table.rows = [row for block in blocks[: last + 1] for row in block]
    ignored = [row.number for block in blocks[last + 1 :] for row in block]
    if ignored:
        found.warnings.append(
            f"Sheet '{canonical}': bỏ qua dòng {ignored[0]}–{ignored[-1]} dưới bảng (chữ ký, ghi chú), không phải số liệu"
        )
    return table


def _blocks(rows: list[Row], empty: list[bool], grid: list[list[object]]) -> list[list[Row]]:
    """The runs of rows between empty rows; the first row, when it numbers the columns, left out."""
    blocks: list[list[Row]] = [[]]
    first = True
    for row, blank in zip(rows, empty, strict=True):
        if blank:
            if blocks[-1]:
                blocks.append([])
            continue
        if first and _is_numbering(grid[row.number - 1]):
            first = False
            continue
        first = False
        blocks[-1].append(row)
    return [block for block in blocks if block]


def _mapped_cells(sheet: RawSheet, columns: dict[str, int], start: int, stop: int) -> list[tuple]:
    """The cells of `columns` (two at least) in grid rows `start` to `stop` (excluded), row by row;
    a short row (calamine's grids have none) gets its missing cells as `RawSheet.cell` does."""
    lines = sheet.grid[start:stop]
    if min(map(len, lines), default=0) > max(columns.values()):
        return list(map(itemgetter(*columns.values()), lines))
    return [tuple(sheet.cell(index, col) for col in columns.values()) for index in range(start, stop)]


def _check_below_total(sheet: RawSheet, table: Table, end: int, labels: frozenset[str], found: Findings) -> None:
    """Rows of data under the total row would be left out of the report: say so."""
    for index in range(end + 1, len(sheet.grid)):
        row = Row(index + 1, {name: sheet.cell(index, col) for name, col in table.columns.items()})
        if not _is_total(sheet.grid[index], labels) and _looks_like_data(row):
            found.problem(
                table.sheet, row.number, None, None,
                "dòng số liệu nằm dưới dòng tổng cộng; hãy chuyển lên trên dòng tổng cộng hoặc xóa",
            )


def read_pairs(sheet: RawSheet, keys: tuple[Column, ...]) -> list[tuple[str, int, object]]:
    """`Thông tin`: (canonical key, Excel row, raw value) for each key found, in sheet order.

    Keys are in the first filled column; values in the first column right of it that holds
    anything. A single cell `Đơn vị: Phường Phổ Hòa` also reads.
    """
    names = _column_keys(keys)
    hits: list[tuple[int, int, str]] = []  # (row index, key column, canonical key)
    for index, line in enumerate(sheet.grid):
        col = next((j for j, v in enumerate(line) if not is_blank(v)), None)
        if col is not None and isinstance(line[col], str):
            label = key(line[col].split(":")[0]) if ":" in line[col] else key(line[col])
            if label in names:
                hits.append((index, col, names[label]))
    if not hits:
        return []
    key_col = Counter(col for _, col, _ in hits).most_common(1)[0][0]
    width = max(len(sheet.grid[i]) for i, _, _ in hits)
    value_col = next(
        (j for j in range(key_col + 1, width) if any(not is_blank(sheet.cell(i, j)) for i, _, _ in hits)),
        key_col + 1,
    )
    pairs = []
    for index, col, name in hits:
        value = sheet.cell(index, value_col if col == key_col else col + 1)
        label = sheet.cell(index, col)
        if is_blank(value) and ":" in label and key(label) not in names:
            value = label.split(":", 1)[1]
        pairs.append((name, index + 1, value))
    return pairs
