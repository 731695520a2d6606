"""What a checked workbook becomes, and what a rejected one reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from core.numbers import vi_number
from core.wording import in_quotes

GROUP_FROM = 3  # rows with the same problem in one column reported as one group from this many on
UNSAVED = "ô có công thức nhưng tệp không lưu kết quả của công thức"  # what a Problem.unsaved cell holds


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a workbook, located as Excel shows it (docs/DATA_CONTRACT.md, "Thông báo lỗi")."""

    file: str
    sheet: str | None
    row: int | None  # 1-based, as Excel shows it; the first row of a group
    column: str | None  # canonical column name (or key of `Thông tin`)
    value: object  # the value found, as text; None when there is none to quote
    expected: str  # Vietnamese: what was expected, with the figure it must equal
    blank: bool = False  # the cell is empty ("ô để trống")
    unsaved: bool = False  # the cell holds a formula whose result the file did not save (reads blank)
    rows: tuple[int, ...] = ()  # every row of a grouped problem

    def located(self) -> str:
        """The problem without the file name: sheet, row, column, value, expectation."""
        if self.rows:  # a group: `expected` says it all (group_problems)
            return f"sheet {in_quotes(self.sheet)}: {self.expected}"
        where = []
        if self.sheet:
            where.append(f"sheet {in_quotes(self.sheet)}")
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {in_quotes(self.column)}")
        if self.unsaved:
            found = f"{UNSAVED}; "
        else:
            found = "ô để trống; " if self.blank else "" if self.value is None else f"giá trị {in_quotes(self.value)}: "
        return f"{', '.join(where)}: {found}{self.expected}" if where else f"{found}{self.expected}"

    def __str__(self) -> str:
        located = self.located()
        return f"{self.file}, {located}" if self.sheet or self.row or self.column else f"{self.file}: {located}"


def row_ranges(rows: Iterable[int]) -> str:
    """Excel rows as runs: `2–48`, `2–5, 7, 9–10`."""
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def group_problems(problems: list[Problem]) -> list[Problem]:
    """Many rows with the same problem in one column become one problem naming them all.

    The same problem: a blank cell in the same column (whatever it must equal, which the group
    shows for its first row), or the same value with the same expectation. A group takes the
    place of its first row's problem.
    """
    groups: dict[tuple, list[int]] = {}
    for position, problem in enumerate(problems):
        groups.setdefault(_group_key(problem, position), []).append(position)
    kept: list[tuple[int, Problem]] = []
    for key, positions in groups.items():
        members = [problems[i] for i in positions]
        if key[0] is None or len(members) < GROUP_FROM:
            kept.extend(zip(positions, members, strict=True))
            continue
        kept.append((positions[0], _grouped(members)))
    return [problem for _, problem in sorted(kept, key=lambda item: item[0])]


def _grouped(members: list[Problem]) -> Problem:
    """One problem for many rows: `47 dòng chưa điền Cuối năm: dòng 2–48; …`."""
    first = members[0]
    rows = tuple(p.row for p in members)
    shared = len({p.expected for p in members}) == 1
    detail = first.expected if shared else f"ví dụ dòng {first.row}: {first.expected}"
    if first.unsaved:
        what = f"{vi_number(len(rows))} ô cột {in_quotes(first.column)} {UNSAVED.removeprefix('ô ')}"
    elif first.blank:
        what = f"{vi_number(len(rows))} dòng chưa điền cột {in_quotes(first.column)}"
    else:
        what = f"{vi_number(len(rows))} dòng có giá trị {in_quotes(first.value)} ở cột {in_quotes(first.column)}"
    return replace(first, expected=f"{what}: dòng {row_ranges(rows)}; {detail}", rows=rows)


def _group_key(problem: Problem, position: int) -> tuple:
    if problem.row is None or problem.column is None or problem.sheet is None:
        return (None, position)
    if problem.unsaved:
        return (problem.sheet, problem.column, "unsaved")
    if problem.blank:
        return (problem.sheet, problem.column, "blank")
    return (problem.sheet, problem.column, problem.value, problem.expected)


class WorkbookRejected(Exception):
    """The workbook cannot be loaded; `problems` lists every reason at once."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        super().__init__(f"{file}: {vi_number(len(problems))} lỗi\n" + "\n".join(str(p) for p in problems))


@dataclass
class Submission:
    """One unit's checked report for one year, ready to store. Field names match the tables."""

    unit_id: str
    year: int
    info: dict  # org_rating, committee_members, committee_trained, prepared_by, prepared_on
    cells: list[dict]  # cell_code, cell_name, cell_type, rating, four_good
    members: list[dict]  # cell_code + every MEMBER_COUNT_COLUMNS field
    cadres: list[dict]  # row_no, full_name, birth_year, gender, cell_code, role, education,
    #                     has_thpt, professional, professional_rank, political, political_rank, trained
    warnings: list[str] = field(default_factory=list)
    # format v2 (NULL = chưa báo cáo), tables unit_reports, cell_life, cadre_dual_roles
    report: dict = field(default_factory=dict)  # format_version, admission_quota, four_good_unit
    cell_life: list[dict] = field(default_factory=list)  # cell_code + CELL_LIFE_FIELDS
    dual_roles: list[dict] = field(default_factory=list)  # row_no, dual_role
