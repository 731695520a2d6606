"""`Cán bộ chi bộ`: one row per person holding a cell post, with qualifications read as ranks."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache, partial

from core.wording import in_quotes
from etl.checking import contract as c
from etl.checking.model import row_ranges
from etl.checking.tables import CellIndex, Findings, Spec, Table, row_dicts
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

FIRST_BIRTH_YEAR = 1900
MEMBER_AGE = 18  # a cell cadre is a party member, and a member is at least 18 (Điều lệ Đảng, Điều 1)
DUAL_ROLE = "Kiêm nhiệm"
_UNKNOWN_CODE = f"không có trong sheet {in_quotes(c.SHEET_CELLS)}; phải là một mã chi bộ đã khai ở đó"


def last_birth_year(report_year: int) -> int:
    """The latest birth year of a cadre in `report_year`: a party member is at least MEMBER_AGE."""
    return report_year - MEMBER_AGE


def _birth_year(value: object, report_year: int) -> int | None:
    if as_text(value) == "":
        return None
    last = last_birth_year(report_year)
    return year_between(value, FIRST_BIRTH_YEAR, last,
                        f"phải là năm sinh, từ {FIRST_BIRTH_YEAR} đến {last} (cán bộ chi bộ là đảng viên, "
                        f"đủ {MEMBER_AGE} tuổi trở lên: năm báo cáo {report_year} − {MEMBER_AGE})")


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


@lru_cache(maxsize=64)
def _readers(last_year: int) -> tuple[Spec, Spec]:
    """What each row reads (field → column, reader, required): before its cell code is checked, and
    after. Made once a year, so that the year's reader is one object (etl.checking.tables._verdict)."""
    before = {
        "full_name": ("Họ và tên", _text_or_none, True),
        "birth_year": ("Năm sinh", partial(_birth_year, report_year=last_year), False),
        "gender": ("Giới tính", _gender, False),
        "cell_code": ("Mã chi bộ", _text_or_none, True),
    }
    after = {
        "role": ("Chức vụ", _role, True),
        "education": ("Học vấn", education, True),
        "professional": ("Chuyên môn", _professional, False),
        "political": ("Lý luận chính trị", _political, False),
        "trained": ("Bồi dưỡng trong năm", yes_no, False),
    }
    return before, after


def read_cadres(table: Table | None, cells: CellIndex | None, year: int | None, found: Findings) -> list[dict]:
    """Cadre rows as the `cadres` table holds them (without unit_id and year)."""
    if table is None:
        return []
    before, after = _readers(year or dt.date.today().year)
    columns, clean = found.read_columns(table, {**before, **after})
    if clean is None:  # every row reads as it is: only the cell codes can still be wrong
        return _checked_once(table.sheet, _cadres_of_columns(table, columns, cells, found), found)
    cadres = []
    for row, read in zip(table.rows, row_dicts(columns, clean), strict=True):
        first = read or found.read_row(table, row, before)
        code = first["cell_code"]
        if code is not None and cells is not None:
            known = cells.get(cell_key(code))
            if known is not None:
                code = known[0]
            else:
                found.problem(table.sheet, row.number, "Mã chi bộ", code, _UNKNOWN_CODE)
        then = read or found.read_row(table, row, after)
        cadres.append(_cadre(row.number, first["full_name"], first["birth_year"], first["gender"], code, then["role"],
                             then["education"], then["professional"], then["political"], then["trained"]))
    return _checked_once(table.sheet, cadres, found)


def _checked_once(sheet: str, cadres: list[dict], found: Findings) -> list[dict]:
    """`cadres`, with a problem for each person written again in the same cell (same name as written, case and
    spacing aside, and the same birth year): a copied row would count one cadre twice in T4–T7. Namesakes
    differ by birth year; without one, two rows are two people."""
    first_row: dict[tuple, int] = {}
    for cadre in cadres:
        name, born, code = cadre["full_name"], cadre["birth_year"], cadre["cell_code"]
        if name is None or born is None or code is None:
            continue
        person = (" ".join(name.casefold().split()), born, cell_key(code))
        if person in first_row:
            found.problem(sheet, cadre["row_no"], "Họ và tên", name,
                          f"đã ghi ở dòng {first_row[person]}: cùng người (cùng họ tên, năm sinh {born}) trong chi bộ "
                          f"{in_quotes(code)}; mỗi người ghi một dòng, với chức vụ cao nhất; hai người trùng cả họ tên và "
                          "năm sinh thì ghi thêm chữ phân biệt sau tên, ví dụ «Nguyễn Văn An (A)»")
        else:
            first_row[person] = cadre["row_no"]
    return cadres


def _cadres_of_columns(table: Table, columns: dict[str, list], cells: CellIndex | None, found: Findings) -> list[dict]:
    """`read_cadres` of a sheet whose every cell reads as it is, built column by column: the same
    rows, and the same problem for each cell code `Chi bộ` lacks, in row order."""
    numbers = [row.number for row in table.rows]
    codes = columns["cell_code"]
    if cells is not None:
        known = {code: cells.get(cell_key(code)) for code in set(codes) if code is not None}
        for number, code in zip(numbers, codes, strict=True):
            if code is not None and known[code] is None:
                found.problem(table.sheet, number, "Mã chi bộ", code, _UNKNOWN_CODE)
        codes = [code if code is None or known[code] is None else known[code][0] for code in codes]
    return list(map(_cadre, numbers, columns["full_name"], columns["birth_year"], columns["gender"], codes,
                    columns["role"], columns["education"], columns["professional"], columns["political"],
                    columns["trained"]))


_UNTRAINED = (c.PROFESSIONAL_LEVELS[0], 0)


def _cadre(row_no: int, full_name, birth_year, gender, cell_code, role, education, professional, political,
           trained) -> dict:
    """One row of the `cadres` table from the fields as read (a level not given: untrained)."""
    written, has_thpt = education or (None, None)
    professional, professional_rank = professional or _UNTRAINED
    political, political_rank = political or _UNTRAINED
    return {"row_no": row_no, "full_name": full_name, "birth_year": birth_year, "gender": gender,
            "cell_code": cell_code, "role": role, "education": written, "has_thpt": has_thpt,
            "professional": professional, "professional_rank": professional_rank, "political": political,
            "political_rank": political_rank, "trained": bool(trained)}


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
    reads = {"dual_role": (DUAL_ROLE, _dual_role, False)}
    for row, cadre, read in zip(table.rows, cadres, found.read_rows(table, reads), strict=True):
        role = (read or found.read_row(table, row, reads))["dual_role"]
        cell_type = cell_types.get(cell_key(cadre["cell_code"] or ""))
        if role is not None and cell_type is not None and role not in _roles_fitting(cell_type):
            fitting = ", ".join(_roles_fitting(cell_type))
            found.problem(table.sheet, row.number, DUAL_ROLE, role,
                          f"phải là một trong: {fitting} (chi bộ {in_quotes(cadre['cell_code'])} là chi bộ {cell_type})")
        if present and role is None and cadre["role"] == c.ROLES[0] and is_blank(row.values[DUAL_ROLE]):
            unreported.append(row.number)
        roles.append({"row_no": row.number, "dual_role": role})
    if unreported:
        found.warnings.append(
            f"Sheet {in_quotes(table.sheet)}, cột {in_quotes(DUAL_ROLE)}: {len(unreported)} bí thư để trống (dòng {row_ranges(unreported)}), "
            f"ghi nhận là chưa báo cáo; nếu không kiêm nhiệm, hãy ghi {c.NO_DUAL_ROLE}"
        )
    return roles
