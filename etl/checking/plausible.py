"""Figures that pass every rule of the contract but cannot be true: bounds on what one report may say.

A cell of more than MAX_CELL_MEMBERS members, or a committee of more than MAX_COMMITTEE, is refused
(etl.checking.members, etl.checking.validate: a figure typed with digits too many would swamp the town's totals). A
unit whose members at year end jump more than JUMP_FACTOR-fold from its last report, up or down, is
loaded with a warning naming both figures: a real change of that size does not happen in one year.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pyarrow as pa

from core.numbers import vi_number
from core.wording import in_quotes
from etl.checking import contract as c
from etl.checking.model import Submission
from etl.checking.vocab import BadValue, whole_number

MAX_CELL_MEMBERS = 2_000
MAX_COMMITTEE = 100
JUMP_FACTOR = 10


def cell_bound_problem(code: str | None, value: int) -> str | None:
    """Why a count of a cell's row is impossible, or None."""
    if within_cell_bound((value,)):
        return None
    cell = f"chi bộ {in_quotes(code)}" if code else "một chi bộ"
    return (f"{cell} không thể có quá {vi_number(MAX_CELL_MEMBERS)} đảng viên; hãy kiểm tra lại số này "
            "(có thể gõ thừa chữ số)")


def within_cell_bound(values: Iterable[int | None]) -> bool:
    """Whether no count of `values` (blanks skipped) is one `cell_bound_problem` refuses."""
    return max(filter(None, values), default=0) <= MAX_CELL_MEMBERS


def bounded_count(value: object) -> int | None:
    """A whole number ≥ 0 (or blank) that one cell or one unit's report can hold: what any other count
    of the workbook is read with (meetings, inspections, disciplines, candidates, the admission quota)."""
    number = whole_number(value, blank=None)
    if number is not None and number > MAX_CELL_MEMBERS:
        raise BadValue(f"không quá {vi_number(MAX_CELL_MEMBERS)}; hãy kiểm tra lại số này (có thể gõ thừa chữ số)")
    return number


def committee_bound_problem(value: int) -> str | None:
    if value <= MAX_COMMITTEE:
        return None
    return f"một ban chấp hành đảng bộ cơ sở không quá {vi_number(MAX_COMMITTEE)} người; hãy kiểm tra lại số này"


_LAST_REPORTS = """
WITH totals AS (
    SELECT unit_id, year, sum(end_count) AS members FROM member_figures
    WHERE unit_id IN (SELECT unit_id FROM incoming_reports)
    GROUP BY unit_id, year
)
SELECT i.position, t.year, t.members
FROM incoming_reports i JOIN totals t ON t.unit_id = i.unit_id AND t.year < i.year
QUALIFY row_number() OVER (PARTITION BY i.position ORDER BY t.year DESC) = 1
"""


def jump_warnings(con: duckdb.DuckDBPyConnection, subs: list[Submission]) -> list[str | None]:
    """For each submission, a warning when its members at year end differ tenfold or more from its
    unit's last report before that year; one query for all of them."""
    asked = [(position, sub) for position, sub in enumerate(subs) if sub.members]
    if not asked:
        return [None] * len(subs)
    con.register("incoming_reports", pa.table({
        "position": [position for position, _ in asked], "unit_id": [sub.unit_id for _, sub in asked],
        "year": [sub.year for _, sub in asked],
    }))
    try:
        last = {position: (year, members) for position, year, members in con.execute(_LAST_REPORTS).fetchall()}
    finally:
        con.unregister("incoming_reports")
    return [_jump(sub, *last[position]) if position in last else None for position, sub in enumerate(subs)]


def _jump(sub: Submission, last_year: int, before: int | None) -> str | None:
    if not before:
        return None
    before = int(before)
    now = sum(m["end_count"] for m in sub.members)
    if before * JUMP_FACTOR >= now and now * JUMP_FACTOR >= before:
        return None
    return (f"Sheet {in_quotes(c.SHEET_MEMBERS)}: tổng số đảng viên cuối năm là {vi_number(now)}, so với {vi_number(before)} trong báo "
            f"cáo năm {last_year} — chênh lệch hơn {JUMP_FACTOR} lần. Hãy kiểm tra lại số liệu của từng chi bộ; "
            "báo cáo vẫn được nạp")
