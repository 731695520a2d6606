"""The ward template: layout, validation lists, text columns, prefill and byte-stable output."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from database.store import create_schema
from database.units import units_by_id
from etl.checking import contract as c
from queries.prefill import Prefill, prefill_from_db
from rendering.template import FREEZE, ZIP_TIME, write_template

UNITS = units_by_id()
PHO_HOA = UNITS["21469-2015"]
PHO_MINH = UNITS["21463-2015"]
DUC_PHO = UNITS["21439-2025"]
TABLE_SHEETS = (c.SHEET_CELLS, c.SHEET_MEMBERS, c.SHEET_CADRES)
YES_NO = ("Có", "Không")
CLOSED_LISTS = [
    (c.SHEET_CELLS, "cell_type", c.CELL_TYPES_OFFERED),
    (c.SHEET_CELLS, "has_working_rules", YES_NO),
    (c.SHEET_CADRES, "dual_role", c.DUAL_ROLES),
    (c.SHEET_CADRES, "education", c.EDUCATION_OFFERED),
    (c.SHEET_CELLS, "rating", c.RATINGS),
    (c.SHEET_CELLS, "four_good", YES_NO),
    (c.SHEET_CADRES, "role", c.ROLES),
    (c.SHEET_CADRES, "gender", c.GENDERS),
    (c.SHEET_CADRES, "professional", c.PROFESSIONAL_LEVELS),
    (c.SHEET_CADRES, "political", c.POLITICAL_LEVELS),
    (c.SHEET_CADRES, "trained", YES_NO),
]
PREFILL = Prefill(
    cells=[{"cell_code": "12", "cell_name": "Chi bộ thôn An Thạch", "cell_type": "Thôn",
            "rating": None, "four_good": None}],
    cadres=[{"full_name": "Nguyễn Văn An", "birth_year": 1970, "gender": "Nam", "cell_code": "12",
             "role": "Bí thư", "education": "12/12", "professional": "Trung cấp",
             "political": "Sơ cấp", "trained": None}],
    start_counts={"12": 31},
    info={"committee_members": 15},
)


def _open(unit=PHO_HOA, year=2024, prefill=None) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    write_template(buffer, unit, year, prefill)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))


def _letter(sheet: str, field: str) -> str:
    index = [col.field for col in c.SHEET_COLUMNS[sheet]].index(field)
    return openpyxl.utils.get_column_letter(index + 1)


def _rules_at(ws: Worksheet, cell: str) -> list:
    return [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]


def _info(ws: Worksheet) -> dict:
    return {row[0]: row[1] for row in ws.iter_rows(values_only=True)}


def test_sheets_in_order_with_guide_first():
    assert _open().sheetnames == [c.SHEET_GUIDE, c.SHEET_INFO, c.SHEET_CELLS, c.SHEET_MEMBERS, c.SHEET_CADRES]


def test_guide_explains_every_column_and_rule():
    guide = [row for row in _open()[c.SHEET_GUIDE].iter_rows(values_only=True)]
    names = {row[0] for row in guide}
    for sheet, columns in c.SHEET_COLUMNS.items():
        assert f"Sheet {sheet}" in names
        assert {col.name for col in columns} <= names
    text = " ".join(str(value) for row in guide for value in row if value)
    assert "Cuối năm = Đầu năm + Kết nạp + Chuyển đến − Chuyển đi" in text
    for value in (*c.CELL_TYPES, *c.ROLES, *c.POLITICAL_LEVELS, *c.PROFESSIONAL_LEVELS, "12/12", "9/12"):
        assert value in text


@pytest.mark.parametrize("sheet", TABLE_SHEETS)
def test_table_header_bold_and_frozen(sheet):
    ws = _open()[sheet]
    header = next(ws.iter_rows(min_row=1, max_row=1))
    assert [cell.value for cell in header] == [col.name for col in c.SHEET_COLUMNS[sheet]]
    assert all(cell.font.bold for cell in header)
    assert ws.freeze_panes == FREEZE == "B2"
    assert all(ws.column_dimensions[cell.column_letter].width for cell in header)


@pytest.mark.parametrize(("sheet", "field", "values"), CLOSED_LISTS)
def test_closed_vocabularies_have_dropdowns(sheet, field, values):
    ws = _open()[sheet]
    letter = _letter(sheet, field)
    for row in (2, 501):
        rules = _rules_at(ws, f"{letter}{row}")
        assert len(rules) == 1
        assert rules[0].type == "list"
        assert rules[0].formula1 == '"' + ",".join(values) + '"'


def test_info_rating_dropdown_and_prefilled_unit():
    ws = _open(DUC_PHO, 2025)[c.SHEET_INFO]
    info = _info(ws)
    assert info["Đơn vị"] == "Phường Đức Phổ"
    assert info["Năm báo cáo"] == 2025
    assert "Dữ liệu mẫu" not in info
    keys = [row[0] for row in ws.iter_rows(values_only=True)]
    rating_row = keys.index("Xếp loại TCCSĐ") + 1
    (rule,) = _rules_at(ws, f"B{rating_row}")
    assert rule.formula1 == '"' + ",".join(c.RATINGS) + '"'


@pytest.mark.parametrize("field", [col.field for col in (*c.MEMBER_COUNT_COLUMNS, *c.MEMBER_V2_COLUMNS)])
def test_member_counts_are_whole_numbers_at_least_zero(field):
    ws = _open()[c.SHEET_MEMBERS]
    (rule,) = _rules_at(ws, f"{_letter(c.SHEET_MEMBERS, field)}2")
    assert (rule.type, rule.operator, rule.formula1) == ("whole", "greaterThanOrEqual", "0")


@pytest.mark.parametrize(("sheet", "field"), [
    (c.SHEET_CADRES, "education"), (c.SHEET_CADRES, "cell_code"),
    (c.SHEET_CELLS, "cell_code"), (c.SHEET_MEMBERS, "cell_code"),
])
def test_text_columns_formatted_as_text(sheet, field):
    letter = _letter(sheet, field)
    assert _open()[sheet].column_dimensions[letter].number_format == "@"
    filled = _open(prefill=PREFILL)[sheet]
    assert filled[f"{letter}2"].number_format == "@"
    assert filled[f"{letter}1"].number_format == "General"  # the header stays as it is


def test_prefill_writes_cells_cadres_and_start_counts_only():
    wb = _open(prefill=PREFILL)
    assert [row for row in wb[c.SHEET_CELLS].iter_rows(min_row=2, values_only=True)] == [
        ("12", "Chi bộ thôn An Thạch", "Thôn", None, None) + (None,) * 8
    ]
    members = list(wb[c.SHEET_MEMBERS].iter_rows(min_row=2, values_only=True))
    formulas = {_letter(c.SHEET_MEMBERS, f): f for f in c.FORMULA_FIELDS}
    assert {letter: wb[c.SHEET_MEMBERS][f"{letter}2"].value for letter in formulas} == {
        _letter(c.SHEET_MEMBERS, "end_count"): "=B2+C2+G2-H2-I2-J2-K2-L2",
        _letter(c.SHEET_MEMBERS, "rated_total"): "=P2+Q2+R2+S2+T2",
        _letter(c.SHEET_MEMBERS, "disciplined"): '=IF(COUNTA(V2,W2,X2,Y2)=0,"",V2+W2+X2+Y2)',
    }
    figures = [value for index, value in enumerate(members[0]) if openpyxl.utils.get_column_letter(index + 1) not in formulas]
    assert figures == ["12", 31] + [None] * (len(c.MEMBER_COLUMNS) - 2 - len(formulas))
    cadres = list(wb[c.SHEET_CADRES].iter_rows(min_row=2, values_only=True))
    assert cadres == [("Nguyễn Văn An", 1970, "Nam", "12", "Bí thư", "12/12", "Trung cấp", "Sơ cấp", None, None)]
    assert _info(wb[c.SHEET_INFO])["Số cấp ủy viên cơ sở"] == 15


def test_output_is_byte_stable(tmp_path: Path):
    write_template(tmp_path / "a.xlsx", PHO_HOA, 2024, PREFILL)
    buffer = io.BytesIO()
    write_template(buffer, PHO_HOA, 2024, PREFILL)
    data = (tmp_path / "a.xlsx").read_bytes()
    assert data == buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        core = archive.read("docProps/core.xml").decode()
    assert infos[0].filename == "[Content_Types].xml"
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    assert {i.date_time for i in infos} == {ZIP_TIME}
    assert "2025-01-01T00:00:00Z" in core


# --- prefill from the database ---------------------------------------------------------------

def _store(con: duckdb.DuckDBPyConnection, unit_id: str, year: int, cells: dict[str, int],
           committee: int = 15) -> None:
    """A minimal stored submission: `cells` maps cell code to year-end members, one secretary each."""
    con.execute(
        "INSERT INTO submissions (unit_id, year, file_name, file_hash, loaded_at, is_sample, committee_members)"
        " VALUES (?, ?, 'f.xlsx', 'h', TIMESTAMP '2025-01-01', false, ?)", [unit_id, year, committee])
    for number, (code, end) in enumerate(cells.items(), start=1):
        con.execute("INSERT INTO cells VALUES (?, ?, ?, ?, 'Thôn', 'HTTNV', true)",
                    [unit_id, year, code, f"Chi bộ {unit_id} {code}"])
        counts = [end] + [0] * 10 + [end] + [0] * 6 + [end]
        con.execute(f"INSERT INTO member_figures VALUES (?, ?, ?, {', '.join('?' * 19)})",
                    [unit_id, year, code, *counts])
        con.execute(
            "INSERT INTO cadres VALUES (?, ?, ?, ?, 1970, 'Nam', ?, 'Bí thư', '12/12', true,"
            " 'Trung cấp', 2, 'Sơ cấp', 1, true)",
            [unit_id, year, number + 1, f"Bí thư {unit_id} {code} {year}", code])


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    create_schema(connection)
    _store(connection, PHO_HOA.unit_id, 2023, {"01": 20})
    _store(connection, PHO_HOA.unit_id, 2024, {"01": 21, "02": 30}, committee=17)
    _store(connection, PHO_MINH.unit_id, 2024, {"02": 12, "03": 40})
    return connection


def test_prefill_from_own_latest_submission(con):
    prefill = prefill_from_db(con, PHO_HOA, 2025)
    assert prefill.start_counts == {"01": 21, "02": 30}
    assert [cell["cell_name"] for cell in prefill.cells] == ["Chi bộ 21469-2015 01", "Chi bộ 21469-2015 02"]
    assert all(cell["rating"] is None and cell["four_good"] is None for cell in prefill.cells)
    assert [cadre["full_name"] for cadre in prefill.cadres] == [
        "Bí thư 21469-2015 01 2024", "Bí thư 21469-2015 02 2024"]
    assert all(cadre["trained"] is None for cadre in prefill.cadres)
    assert prefill.info == {"committee_members": 17}
    assert prefill_from_db(con, PHO_HOA, 2024).start_counts == {"01": 20}


def test_prefill_of_merged_unit_combines_predecessors(con):
    prefill = prefill_from_db(con, DUC_PHO, 2025)
    # Phổ Hòa and Phổ Minh both had a cell 02: every code gets its old unit's code in front
    assert prefill.start_counts == {"21463-02": 12, "21463-03": 40, "21469-01": 21, "21469-02": 30}
    assert len(prefill.cadres) == 4
    assert {cadre["cell_code"] for cadre in prefill.cadres} == set(prefill.start_counts)
    assert prefill.info == {}


def test_prefill_is_none_without_history(con):
    assert prefill_from_db(con, PHO_HOA, 2023) is None
    assert prefill_from_db(con, UNITS["21451-2025"], 2025) is None


def test_prefilled_template_from_db_round_trips(con):
    buffer = io.BytesIO()
    write_template(buffer, DUC_PHO, 2025, prefill_from_db(con, DUC_PHO, 2025))
    wb = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    codes = [row[0] for row in wb[c.SHEET_MEMBERS].iter_rows(min_row=2, values_only=True)]
    assert len(codes) == len(set(codes)) == 4
