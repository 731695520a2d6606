"""`Đảng viên`: one row of member figures per cell, its identities and the total row."""

from __future__ import annotations

from etl import contract as c
from etl.vocab import BadValue, as_text, cell_key, is_blank, is_number, whole_number
from etl.workbook import CellIndex, Findings, Row, Table

NAMES = {col.field: col.name for col in c.MEMBER_COUNT_COLUMNS}
ADDED = ("admitted", "transferred_in")
REMOVED = ("transferred_out", "died", "struck_off", "expelled", "resigned")
ADMITTED_GROUPS = ("admitted_students", "admitted_workers", "admitted_owners")
RATED = ("rated_excellent", "rated_good", "rated_fulfilled", "rated_not_fulfilled", "unrated")
AT_MOST_END = ("exempted", "working_away")
COUNT_COLUMNS = tuple((col.field, col.name) for col in c.MEMBER_COUNT_COLUMNS)


def _code_text(value: object) -> str | None:
    return as_text(value) or None


def read_members(table: Table | None, cells: CellIndex | None, found: Findings) -> list[dict]:
    """Member figure rows, keyed by the cell code as `Chi bộ` writes it."""
    if table is None:
        return []
    rows: list[dict] = []
    seen: dict[str, int] = {}
    read = found.read
    for row in table.rows:
        code = read(table, row, "Mã chi bộ", _code_text, required=True)
        counts = {field: read(table, row, name, whole_number) for field, name in COUNT_COLUMNS}
        if code is not None:
            code = _check_code(table, row, code, cells, seen, found)
        check_identities(table, row, counts, found)
        rows.append({"cell_code": code, **counts})
    if cells is not None and "Mã chi bộ" in table.columns:
        for key, (code, number) in cells.items():
            if key not in seen:
                found.problem(
                    table.sheet, None, "Mã chi bộ", code,
                    f"chi bộ '{code}' (sheet '{c.SHEET_CELLS}', dòng {number}) chưa có dòng số liệu đảng viên",
                )
    if table.total is not None:
        check_total(table, rows, found)
    return rows


def _check_code(table: Table, row: Row, code: str, cells: CellIndex | None, seen: dict[str, int], found: Findings) -> str:
    key = cell_key(code)
    if key in seen:
        found.problem(
            table.sheet, row.number, "Mã chi bộ", code,
            f"mỗi chi bộ chỉ một dòng; chi bộ '{code}' đã có ở dòng {seen[key]}",
        )
    seen.setdefault(key, row.number)
    if cells is None:
        return code
    if key not in cells:
        found.problem(table.sheet, row.number, "Mã chi bộ", code, f"không có trong sheet '{c.SHEET_CELLS}'; cần một mã chi bộ đã khai ở đó")
        return code
    return cells[key][0]


def _terms(fields: tuple[str, ...], counts: dict[str, int | None]) -> str:
    return " + ".join(f"{NAMES[f]} {counts[f]}" for f in fields)


def check_identities(table: Table, row: Row, counts: dict[str, int | None], found: Findings) -> None:
    """The four identities of the contract, each where all its figures were read."""

    def known(*fields: str) -> bool:
        return all(counts[f] is not None for f in fields)

    def report(column: str, expected: str) -> None:
        found.problem(table.sheet, row.number, column, counts[_field(column)], expected)

    end = counts["end_count"]
    if known("start_count", "end_count", *ADDED, *REMOVED):
        computed = counts["start_count"] + sum(counts[f] for f in ADDED) - sum(counts[f] for f in REMOVED)
        if end != computed:
            removed = " − ".join(f"{NAMES[f]} {counts[f]}" for f in REMOVED)
            report("Cuối năm", f"Cuối năm = {_terms(('start_count', *ADDED), counts)} − {removed} = {computed}")
    if known("admitted", *ADMITTED_GROUPS):
        groups = sum(counts[f] for f in ADMITTED_GROUPS)
        if groups > counts["admitted"]:
            report("Kết nạp", f"Kết nạp không nhỏ hơn {_terms(ADMITTED_GROUPS, counts)} = {groups}")
    if known("end_count", *RATED):
        rated = sum(counts[f] for f in RATED)
        if rated != end:
            report(
                "Chưa xếp loại",
                f"{_terms(RATED, counts)} = {rated}, phải bằng Cuối năm {end}",
            )
    for field in AT_MOST_END:
        if known("end_count", field) and counts[field] > end:
            report(NAMES[field], f"không lớn hơn Cuối năm ({end})")


def _field(name: str) -> str:
    return next(f for f, n in NAMES.items() if n == name)


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


def check_total(table: Table, rows: list[dict], found: Findings) -> None:
    """Each number of the total row equals its column's sum over the data rows."""
    total = table.total
    for field, name in NAMES.items():
        if name not in table.columns or is_blank(total.values[name]):
            continue
        written = _total_number(total.values[name])
        column = [row[field] for row in rows]
        if written is None or None in column:
            continue  # a word, not a number; or a bad cell above, already reported
        if written != sum(column):
            found.problem(table.sheet, total.number, name, total.values[name], f"bằng tổng cột = {sum(column)}")
