"""`Cán bộ chi bộ`: one row per person holding a cell post, with qualifications read as ranks."""

from __future__ import annotations

import datetime as dt
from functools import partial

from etl.checking import contract as c
from etl.checking.model import row_ranges
from etl.checking.vocab import (
    DUAL_ROLE_TERMS,
    GENDER_TERMS,
    ROLE_TERMS,
    as_text,
    cell_key,
    education,
    is_blank,
    level,
    term,
    year_between,
    yes_no,
)
from etl.checking.workbook import CellIndex, Findings, Table

FIRST_BIRTH_YEAR = 1900
DUAL_ROLE = "Kiêm nhiệm"


def _birth_year(value: object, report_year: int) -> int | None:
    if as_text(value) == "":
        return None
    return year_between(value, FIRST_BIRTH_YEAR, report_year, f"phải là năm sinh, từ {FIRST_BIRTH_YEAR} đến {report_year}")


def _text_or_none(value: object) -> str | None:
    return as_text(value) or None


def _gender(value: object) -> str | None:
    return term(value, GENDER_TERMS, c.GENDERS)


def _role(value: object) -> str | None:
    return term(value, ROLE_TERMS, c.ROLES)


def _professional(value: object) -> tuple[str, int]:
    return level(value, c.PROFESSIONAL_LEVELS)


def _political(value: object) -> tuple[str, int]:
    return level(value, c.POLITICAL_LEVELS)


def read_cadres(table: Table | None, cells: CellIndex | None, year: int | None, found: Findings) -> list[dict]:
    """Cadre rows as the `cadres` table holds them (without unit_id and year)."""
    if table is None:
        return []
    last_year = year or dt.date.today().year
    untrained = c.PROFESSIONAL_LEVELS[0]
    birth_year_of = partial(_birth_year, report_year=last_year)
    cadres = []
    for row in table.rows:
        read = partial(found.read, table, row)
        full_name = read("Họ và tên", _text_or_none, required=True)
        birth_year = read("Năm sinh", birth_year_of)
        gender = read("Giới tính", _gender)
        code = read("Mã chi bộ", _text_or_none, required=True)
        if code is not None and cells is not None:
            known = cells.get(cell_key(code))
            if known is not None:
                code = known[0]
            else:
                found.problem(table.sheet, row.number, "Mã chi bộ", code, f"không có trong sheet '{c.SHEET_CELLS}'; phải là một mã chi bộ đã khai ở đó")
        role = read("Chức vụ", _role, required=True)
        written, has_thpt = read("Học vấn", education, required=True) or (None, None)
        professional, professional_rank = read("Chuyên môn", _professional) or (untrained, 0)
        political, political_rank = read("Lý luận chính trị", _political) or (untrained, 0)
        cadres.append({
            "row_no": row.number,
            "full_name": full_name,
            "birth_year": birth_year,
            "gender": gender,
            "cell_code": code,
            "role": role,
            "education": written,
            "has_thpt": has_thpt,
            "professional": professional,
            "professional_rank": professional_rank,
            "political": political,
            "political_rank": political_rank,
            "trained": bool(read("Bồi dưỡng trong năm", yes_no)),
        })
    return cadres


def _dual_role(value: object) -> str | None:
    return term(value, DUAL_ROLE_TERMS, c.DUAL_ROLES)


def _roles_fitting(cell_type: str) -> list[str]:
    return [r for r in c.DUAL_ROLES if cell_type in c.DUAL_ROLE_CELL_TYPES.get(r, (cell_type,))]


def read_dual_roles(table: Table | None, cadres: list[dict], cells: list[dict], found: Findings) -> list[dict]:
    """Format v2 `Kiêm nhiệm` of each cadre row (row_no, dual_role); blank is "chưa báo cáo".

    A village head's post fits a village cell (the type of `cells`), a head of agency's post any
    other cell."""
    if table is None:
        return []
    present = DUAL_ROLE in table.columns
    if not present:  # a v1 sheet: not reported
        return [{"row_no": row.number, "dual_role": None} for row in table.rows]
    cell_types = {cell_key(cell["cell_code"]): cell["cell_type"] for cell in cells if cell["cell_code"]}
    roles = []
    unreported = []
    for row, cadre in zip(table.rows, cadres, strict=True):
        role = found.read(table, row, DUAL_ROLE, _dual_role)
        cell_type = cell_types.get(cell_key(cadre["cell_code"] or ""))
        if role is not None and cell_type is not None and role not in _roles_fitting(cell_type):
            fitting = ", ".join(_roles_fitting(cell_type))
            found.problem(table.sheet, row.number, DUAL_ROLE, role,
                          f"phải là một trong: {fitting} (chi bộ '{cadre['cell_code']}' là chi bộ {cell_type})")
        if present and role is None and cadre["role"] == c.ROLES[0] and is_blank(row.values[DUAL_ROLE]):
            unreported.append(row.number)
        roles.append({"row_no": row.number, "dual_role": role})
    if unreported:
        found.warnings.append(
            f"Sheet '{table.sheet}', cột '{DUAL_ROLE}': {len(unreported)} bí thư để trống (dòng {row_ranges(unreported)}), "
            f"ghi nhận là chưa báo cáo; nếu không kiêm nhiệm, hãy ghi {c.NO_DUAL_ROLE}"
        )
    return roles
