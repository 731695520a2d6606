"""`Đảng viên`: one row of member figures per cell, its identities and the total row.

One wrong figure is one problem: a rule that fails only because of a figure another rule has
already flagged (a wrong `Cuối năm` breaks the ratings total too) is not reported again, and a
mistyped cell code is one problem naming the cell that then lacks a row.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import chain
from operator import itemgetter

import numpy as np

from core.wording import in_quotes
from etl.checking import contract as c
from etl.checking.plausible import cell_bound_problem, within_cell_bound
from etl.checking.tables import CellIndex, Findings, Row, Table, row_dicts
from etl.checking.vocab import BadValue, as_text, cell_key, is_blank, is_number, whole_number

NAMES = {col.field: col.name for col in c.MEMBER_COUNT_COLUMNS}
ADDED = ("admitted", "transferred_in")
REMOVED = ("transferred_out", "died", "struck_off", "expelled", "resigned")
ADMITTED_GROUPS = ("admitted_students", "admitted_workers", "admitted_owners")
RATED = ("rated_excellent", "rated_good", "rated_fulfilled", "rated_not_fulfilled", "unrated")
AT_MOST_END = ("exempted", "working_away")
COUNT_COLUMNS = tuple((col.field, col.name) for col in c.MEMBER_COUNT_COLUMNS)
RATED_TOTAL = c.RATED_TOTAL.name
_COUNTS = itemgetter(*(field for field, _ in COUNT_COLUMNS))
_FLOW = ("start_count", "end_count", *ADDED, *REMOVED)
_ADDED, _REMOVED, _GROUPS, _RATED = (itemgetter(*fields) for fields in (ADDED, REMOVED, ADMITTED_GROUPS, RATED))


def _code_text(value: object) -> str | None:
    return as_text(value) or None


READ = {  # what each row reads: field → (column, reader, required)
    "cell_code": ("Mã chi bộ", _code_text, False),
    **{field: (name, whole_number, False) for field, name in COUNT_COLUMNS},
}


def read_members(table: Table | None, cells: CellIndex | None, found: Findings) -> list[dict]:
    """Member figure rows, keyed by the cell code as `Chi bộ` writes it."""
    if table is None:
        return []
    seen: dict[str, int] = {}
    orphans: list[tuple[Row, str | None]] = []  # rows whose code is blank or names no cell
    columns, clean = found.read_columns(table, READ)
    counted = [columns[field] for field, _ in COUNT_COLUMNS]
    if clean is None and within_cell_bound(chain.from_iterable(counted)) and _identities_hold(table, counted):
        # every row reads as it is, within the bound and its identities: only the codes are left to check
        codes = [_code_of(table, row, code, cells, seen, orphans, found)
                 for row, code in zip(table.rows, columns["cell_code"], strict=True)]
        rows = [dict(zip(READ, values, strict=True)) for values in zip(codes, *counted, strict=True)]
        implied = [{}] * len(rows)
    else:
        rows, implied = _read_one_by_one(table, row_dicts(columns, clean), cells, seen, orphans, found)
    if cells is not None and "Mã chi bộ" in table.columns:
        missing = [(code, number) for key, (code, number) in cells.items() if key not in seen]
        _report_orphans(table, orphans, missing, found)
    elif orphans:
        _report_orphans(table, orphans, None, found)
    if table.total is not None:
        check_total(table, rows, NAMES, found, implied)
    return rows


def _read_one_by_one(table: Table, quick: list[dict | None], cells: CellIndex | None, seen: dict[str, int],
                     orphans: list[tuple[Row, str | None]], found: Findings) -> tuple[list[dict], list[dict[str, int]]]:
    """The rows and the figures their failed identities imply (`check_identities`), row by row; `quick`:
    each row's fields when it reads as it is (`row_dicts`)."""
    rows, implied = [], []
    bounded = within_cell_bound(chain.from_iterable(map(_COUNTS, filter(None, quick))))  # then no row to check
    for row, read in zip(table.rows, quick, strict=True):
        counts = read or found.read_row(table, row, READ)
        code = _code_of(table, row, counts.pop("cell_code"), cells, seen, orphans, found)
        if read is None or not bounded:
            _check_plausible(table, row, code, counts, found)
        implied.append(check_identities(table, row, counts, found))
        rows.append({"cell_code": code, **counts})
    return rows, implied


def _code_of(table: Table, row: Row, code: str | None, cells: CellIndex | None, seen: dict[str, int],
             orphans: list[tuple[Row, str | None]], found: Findings) -> str | None:
    """The code of a row as `Chi bộ` writes it, once checked; a blank one noted as an orphan."""
    if code is not None:
        return _check_code(table, row, code, cells, seen, orphans, found)
    if "Mã chi bộ" in table.columns and is_blank(row.values["Mã chi bộ"]):
        orphans.append((row, None))
    return None


def _check_code(table: Table, row: Row, code: str, cells: CellIndex | None, seen: dict[str, int],
                orphans: list[tuple[Row, str | None]], found: Findings) -> str:
    key = cell_key(code)
    if key in seen:
        found.problem(
            table.sheet, row.number, "Mã chi bộ", code,
            f"mỗi chi bộ chỉ một dòng; chi bộ {in_quotes(code)} đã có ở dòng {seen[key]}",
        )
    seen.setdefault(key, row.number)
    if cells is None:
        return code
    if key not in cells:
        orphans.append((row, code))
        return code
    return cells[key][0]


def _report_orphans(table: Table, orphans: list[tuple[Row, str | None]], missing: list[tuple[str, int]] | None,
                    found: Findings) -> None:
    """Rows with a blank or unknown code, and cells of `Chi bộ` without a row: as many of each is
    one mistake per pair (a mistyped code), reported once on the row."""
    paired = missing is not None and len(missing) == len(orphans)
    for index, (row, code) in enumerate(orphans):
        hint = ""
        if paired:
            lacking, number = missing[index]
            hint = f"; chi bộ {in_quotes(lacking)} (sheet {in_quotes(c.SHEET_CELLS)}, dòng {number}) chưa có dòng số liệu: có phải mã này?"
        if code is None:
            found.problem(table.sheet, row.number, "Mã chi bộ", None, "bắt buộc phải điền" + hint, blank=True)
        else:
            found.problem(table.sheet, row.number, "Mã chi bộ", code,
                          f"không có trong sheet {in_quotes(c.SHEET_CELLS)}; phải là một mã chi bộ đã khai ở đó" + hint)
    if paired or missing is None:
        return
    for code, number in missing:
        found.problem(
            table.sheet, None, "Mã chi bộ", code,
            f"chi bộ {in_quotes(code)} (sheet {in_quotes(c.SHEET_CELLS)}, dòng {number}) chưa có dòng số liệu đảng viên",
        )


def _check_plausible(table: Table, row: Row, code: str | None, counts: dict[str, int | None], found: Findings) -> None:
    """A count no cell can have is a problem naming the cell, and is left out of the identities."""
    for field, name in COUNT_COLUMNS:
        problem = None if counts[field] is None else cell_bound_problem(code, counts[field])
        if problem:
            found.problem(table.sheet, row.number, name, counts[field], problem)
            counts[field] = None


def flow_holds(counts: Mapping[str, int | None]) -> bool:
    """Whether every figure of the flow identity was read and `Cuối năm` follows from them."""
    if any(counts.get(f) is None for f in _FLOW):
        return False
    return counts["end_count"] == _flow(counts)


def _flow(counts: Mapping[str, int | None]) -> int:
    return counts["start_count"] + sum(_ADDED(counts)) - sum(_REMOVED(counts))


def _terms(fields: tuple[str, ...], counts: Mapping[str, int | None], sign: str = "+") -> str:
    return f" {sign} ".join(f"{NAMES[f]} {counts[f]}" for f in fields)


def check_identities(table: Table, row: Row, counts: dict[str, int | None], found: Findings) -> dict[str, int]:
    """The four identities of the contract, each where all its figures were read.

    Returns the figures a failed rule implies (`end_count` → what the flow gives), which later
    rules and the total row accept too: the knock-on of one wrong figure is not reported.
    """

    def known(*fields: str) -> bool:
        return None not in itemgetter(*fields)(counts)

    def report(field: str, expected: str) -> None:
        name = NAMES[field]
        blank = name in table.columns and is_blank(row.values[name])
        found.problem(table.sheet, row.number, name, counts[field], expected, blank=blank)

    implied: dict[str, int] = {}
    end = counts["end_count"]
    if known(*_FLOW):
        computed = _flow(counts)
        if end != computed:
            added = _terms(("start_count", *ADDED), counts)
            report("end_count", f"phải bằng {computed} = {added} − {_terms(REMOVED, counts, '−')}")
            implied["end_count"] = computed
    ends = (end, implied["end_count"]) if implied else (end,)
    if known("admitted", *ADMITTED_GROUPS):
        groups = sum(_GROUPS(counts))
        if groups > counts["admitted"]:
            report("admitted", f"phải lớn hơn hoặc bằng {groups} = {_terms(ADMITTED_GROUPS, counts)}")
    if known("end_count", *RATED):
        _check_ratings(table, row, counts, ends, report, found)
    upper = max(ends)
    for field in AT_MOST_END:
        if known("end_count", field) and counts[field] > upper:
            report(field, f"phải nhỏ hơn hoặc bằng Cuối năm {end}")
    return implied


def _identities_hold(table: Table, counted: list[list]) -> bool:
    """Whether `check_identities` would find nothing in any row (all read as they are, every count
    within the cell bound; `counted`: the column of each COUNT_COLUMNS field), told column by column:
    flow, admissions, ratings (and the written `Tổng xếp loại`), the counts at most `Cuối năm`.
    False when any figure is missing."""
    try:
        counts = np.array(counted, dtype=np.int64).reshape(len(COUNT_COLUMNS), len(table.rows))
    except (TypeError, ValueError, OverflowError):
        return False
    column = {field: counts[index] for index, (field, _) in enumerate(COUNT_COLUMNS)}
    end = column["end_count"]
    rated = sum(column[f] for f in RATED)
    holds = ((end == column["start_count"] + sum(column[f] for f in ADDED) - sum(column[f] for f in REMOVED)).all()
             and (sum(column[f] for f in ADMITTED_GROUPS) <= column["admitted"]).all()
             and (rated == end).all() and all((column[f] <= end).all() for f in AT_MOST_END))
    if not holds or RATED_TOTAL not in table.columns:
        return bool(holds)
    for written, total in zip(table.column(RATED_TOTAL), rated.tolist(), strict=True):
        try:
            if not is_blank(written) and whole_number(written) != total:
                return False
        except BadValue:
            return False
    return True


def _check_ratings(table: Table, row: Row, counts: dict[str, int | None], ends: tuple[int, ...], report,
                   found: Findings) -> None:
    """Ratings add up to `Cuối năm` (as written, or as the flow implies); the v2 column
    `Tổng xếp loại`, a formula in the template, adds up the ratings."""
    rated = sum(_RATED(counts))
    end = counts["end_count"]
    if rated not in ends:
        if all(is_blank(row.values.get(NAMES[f])) for f in RATED if NAMES[f] in table.columns):
            columns = " + ".join(NAMES[f] for f in RATED)
            report("rated_excellent", f"chưa điền xếp loại đảng viên; {columns} phải bằng Cuối năm {end}")
            return
        # a sum cannot tell which of its figures is wrong: the row and every figure, no column blamed
        found.problem(table.sheet, row.number, None, None, f"{_terms(RATED, counts)} = {rated}, phải bằng Cuối năm {end}")
        return
    if RATED_TOTAL in table.columns and not is_blank(row.values[RATED_TOTAL]):
        try:
            written = whole_number(row.values[RATED_TOTAL])
        except BadValue as bad:
            found.problem(table.sheet, row.number, RATED_TOTAL, row.values[RATED_TOTAL], bad.expected)
            return
        if written != rated:
            found.problem(table.sheet, row.number, RATED_TOTAL, written,
                          f"phải bằng {rated} = {_terms(RATED, counts)} (cột tính bằng công thức, đừng ghi đè)")


def _total_number(value: object) -> float | None:
    """A number written in the total row, None when it holds none (blank or a word)."""
    if is_number(value):
        return float(value)
    try:
        return float(whole_number(value, blank=None))
    except (BadValue, TypeError):
        pass
    try:
        return float(as_text(value).replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def check_total(table: Table, rows: list[dict], names: Mapping[str, str], found: Findings,
                implied: list[dict[str, int]] | None = None) -> None:
    """Each number of the total row equals its column's sum over the data rows.

    A total that equals the sum once the figures flagged by an identity are corrected is no
    second problem."""
    total = table.total
    for field, name in names.items():
        if name not in table.columns or is_blank(total.values[name]):
            continue
        written = _total_number(total.values[name])
        column = [row[field] for row in rows]
        if written is None or None in column:
            continue  # a word, not a number; a bad cell above, already reported; or not reported
        corrected = sum(fixes.get(field, value) for value, fixes in zip(column, implied or [{}] * len(column), strict=True))
        if written not in (sum(column), corrected):
            found.problem(table.sheet, total.number, name, total.values[name], f"phải bằng tổng cột: {sum(column)}")
