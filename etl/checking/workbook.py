"""A submitted spreadsheet read into located tables: sheets by name, header row, data rows.

`etl.reading.spreadsheet` turns the bytes into grids; here they become tables (`etl.checking.tables`).
Row numbers are the ones Excel shows (1-based).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import chain, compress, count, repeat
from operator import itemgetter, not_

from core.text import CACHED_LENGTH, fold
from core.wording import in_quotes
from etl.checking import contract as c
from etl.checking.contract import Column
from etl.checking.tables import Findings, RawSheet, Row, Table, quoted_value
from etl.checking.vocab import as_text, is_blank, is_number, key
from etl.reading import spreadsheet
from etl.reading.decoder import MAX_ROWS
from etl.reading.sheetscan import column_letters
from etl.reading.spreadsheet import Unreadable, read_sheets
from settings import Settings

HEADER_SCAN_ROWS = 30
TOTAL_LABELS = {fold(label) for label in c.TOTAL_ROW_LABELS}
_NUMBERING = re.compile(r"^\(?(\d{1,2})\)?$")
V1_NAMES = {sheet: frozenset(col.name for col in c.columns_of(cols, c.FORMAT_V1)) for sheet, cols in c.SHEET_COLUMNS.items()}
SHEETS_LISTED = 10  # sheet names a missing sheet's problem lists
SHEET_NAME_SHOWN = 40  # characters of each
WANTED = {fold(name): name for name in c.SHEETS}  # the contract's sheets by folded name


def read_ahead(data: bytes, cfg: Settings | None = None) -> None:
    """Have the decoder start on `data` now: its `read_workbook` to come takes the answer (`spreadsheet.read_ahead`)."""
    spreadsheet.read_ahead(data, WANTED, cfg)


def read_workbook(data: bytes, found: Findings, upcoming: bytes | None = None, cfg: Settings | None = None,
                  ) -> dict[str, RawSheet]:
    """The contract's sheets by canonical name, read as grids.

    A file that is no spreadsheet or cannot be read is rejected at once. A missing sheet is a
    problem; other sheets are skipped with a warning (the guide sheet silently).
    """
    try:
        sheets = read_sheets(data, WANTED, upcoming, cfg)
    except Unreadable as error:
        found.problem(None, None, None, None, error.expected)
        found.reject()
    matched: dict[str, RawSheet] = {}
    for sheet in sheets:
        canonical = WANTED.get(fold(sheet.name))
        if sheet.grid is not None:
            matched[canonical] = RawSheet(sheet.name, sheet.grid)
            if sheet.last_row and sheet.last_row > MAX_ROWS:
                found.problem(
                    canonical, sheet.last_row, None, None,
                    f"sheet có nội dung đến dòng {sheet.last_row}; chỉ đọc {MAX_ROWS} dòng đầu, hãy xóa phần thừa",
                )
        elif canonical in matched:
            found.warnings.append(f"Sheet {in_quotes(sheet.name)} trùng tên với sheet {in_quotes(matched[canonical].name)}: bỏ qua")
        elif fold(sheet.name) != fold(c.SHEET_GUIDE):
            found.warnings.append(f"Sheet {in_quotes(sheet.name)} không thuộc mẫu báo cáo: bỏ qua")
    for name in c.SHEETS:
        if name not in matched:
            found.problem(name, None, None, None, _missing_sheet(name, [sheet.name for sheet in sheets]))
    return matched


def _missing_sheet(name: str, present: list[str]) -> str:
    """What a missing sheet's problem says: the sheets the file has, so that a renamed one shows."""
    if not present:
        return "thiếu sheet này: tệp không có sheet nào"
    listed = ", ".join(in_quotes(sheet[:SHEET_NAME_SHOWN]) for sheet in present[:SHEETS_LISTED])
    more = f" và {len(present) - SHEETS_LISTED} sheet khác" if len(present) > SHEETS_LISTED else ""
    return (f"thiếu sheet này; tệp có {len(present)} sheet: {listed}{more}. Nếu số liệu của sheet này nằm ở một "
            f"sheet khác tên, hãy đổi tên sheet đó thành {in_quotes(name)}")


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


def _named_twice(line: list[object], keys: dict[str, str]) -> dict[str, list[int]]:
    """Canonical name → the 0-based columns of a header row that name it, where more than one does."""
    named: dict[str, list[int]] = {}
    for index, value in enumerate(line):
        if isinstance(value, str) and (name := keys.get(key(value))):
            named.setdefault(name, []).append(index)
    return {name: at for name, at in named.items() if len(at) > 1}


def _check_named_twice(sheet: RawSheet, canonical: str, header: int, keys: dict[str, str], rows: list[Row],
                       found: Findings) -> None:
    """A column the header row names twice (`Xếp loại`, `Xếp loại (sửa)`) is read from the first; with other
    figures in the second that would be a guess, so it is refused, naming both columns and a row where they
    differ. The same figures twice (a copied column) are one column."""
    for name, at in _named_twice(sheet.grid[header], keys).items():
        for row in rows:
            values = [sheet.cell(row.number - 1, col) for col in at]
            if len({as_text(v) for v in values}) > 1:
                texts = ["ô để trống" if is_blank(v) else in_quotes(quoted_value(v, name)) for v in values]
                letters = " và ".join(column_letters(col + 1) for col in at)
                found.problem(canonical, header + 1, name, None,
                              f"dòng tiêu đề có {len(at)} cột {in_quotes(name)} (cột {letters}) với số liệu khác nhau, ví dụ "
                              f"dòng {row.number}: {' và '.join(texts)}; hãy giữ một cột {in_quotes(name)} và xóa hoặc đổi tên "
                              "cột còn lại")
                break


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


def _is_empty(values: Iterable[object]) -> bool:
    """No value in the mapped columns: each blank (`vocab.is_blank`), or a zero (template rows with formulas).

    One loop with the tests written out, stopping at the first filled cell: it runs for every row of
    every upload, where a call per cell costs more than the tests."""
    for value in values:
        if value is None:
            continue
        if isinstance(value, str):
            if value.strip():
                return False
        elif not (value == 0 and isinstance(value, int | float) and not isinstance(value, bool)):
            return False
    return True


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
    keys = _column_keys(columns)
    best, header = _find_header(sheet.grid, keys, V1_NAMES.get(canonical, frozenset()))
    if len(best) < 2:
        names = ", ".join(in_quotes(col.name) for col in columns if col.required)
        found.problem(canonical, None, None, None, f"không tìm thấy dòng tiêu đề trong {HEADER_SCAN_ROWS} dòng đầu; cần các cột: {names}")
        return None
    for column in columns:
        if column.required and column.name not in best:
            spellings = ", ".join(map(in_quotes, (column.name, *column.aliases)))
            found.problem(canonical, header + 1, column.name, None, f"thiếu cột bắt buộc {in_quotes(column.name)} ở dòng tiêu đề (có thể ghi: {spellings})")
    table = Table(canonical, header + 1, best, [])
    grid, start = sheet.grid, header + 1
    labels = _total_labels(grid)
    end = len(grid)
    if labels:  # the first row below the header holding a total label (`_is_total`), in one pass
        end = next(compress(count(start), map(not_, map(labels.isdisjoint, grid[start:]))), end)
    names = tuple(best)
    cells = _mapped_cells(sheet, best, start, end + 1 if end < len(grid) else end)
    if end < len(grid):
        table.total = Row(end + 1, dict(zip(names, cells.pop(), strict=True)))
    rows = list(map(Row, range(start + 1, end + 1), repeat(None), cells, repeat(names)))
    _check_named_twice(sheet, canonical, header, keys, rows, found)
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
            f"Sheet {in_quotes(canonical)}: bỏ qua dòng {ignored[0]}–{ignored[-1]} dưới bảng (chữ ký, ghi chú), không phải số liệu"
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
