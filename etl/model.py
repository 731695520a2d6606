"""What a checked workbook becomes, and what a rejected one reports."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a workbook, located as Excel shows it."""

    file: str
    sheet: str | None
    row: int | None  # 1-based, as Excel shows it
    column: str | None  # canonical column name (or key of `Thông tin`)
    value: object
    expected: str  # Vietnamese: what was expected

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột '{self.column}'")
        found = "" if self.value is None else f"giá trị '{self.value}': "
        return f"{', '.join(where)}: {found}{self.expected}"


class WorkbookRejected(Exception):
    """The workbook cannot be loaded; `problems` lists every reason at once."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        super().__init__(f"{file}: {len(problems)} lỗi\n" + "\n".join(str(p) for p in problems))


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
