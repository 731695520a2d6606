"""CSV / formula injection: names typed as formulas are kept as typed, flagged on load, and defused
in every file we hand out (CSV and XLSX downloads, extracts, the KPI CLI, the template, the report)."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from core.safe_text import FORMULA_PREFIXES, neutralise_text
from database.db import cursor
from etl.checking import contract
from etl.loading.batch import load_files
from etl.loading.loader import DATA_TABLES
from queries.extracts import EXTRACTS, extract
from tests.support.cli import etl
from tests.support.workbooks import default_spec, write
from ui.exports import csv_bytes, xlsx_bytes

UNIT_ID, UNIT = "21469-2015", "Phổ Hòa"
HOSTILE_CELLS = ['=HYPERLINK("http://evil.example/x","Bấm vào")', "+1", "-2"]
HOSTILE_CADRES = ["@SUM(A1)", "\t=1+1", "\tVõ Văn Tab"]  # tab-led text is trimmed when read, like every value
PREPARED_BY = "=cmd|' /C calc'!A0"
STORED = (*HOSTILE_CELLS, "@SUM(A1)", "=1+1", PREPARED_BY)  # as the database holds them


def hostile_workbook(folder: Path, year: int) -> Path:
    """Phổ Hòa's report for `year` with formula-like names; no admissions, so its village cells (CB01,
    CB02; not the school's TH01) show in the report's warnings (three idle years) with their names."""
    spec = default_spec()
    spec.info["Năm báo cáo"], spec.info["Người lập"] = year, PREPARED_BY
    for row, name in zip(spec.cells, HOSTILE_CELLS, strict=True):
        row["Tên chi bộ"] = name
    for row, name in zip(spec.cadres, HOSTILE_CADRES, strict=False):
        row["Họ và tên"] = name
    for row in spec.members:
        admitted = row["Kết nạp"]
        row.update({"Kết nạp": 0, "Kết nạp học sinh": 0, "Kết nạp công nhân": 0, "Kết nạp chủ doanh nghiệp": 0})
        row["Cuối năm"] -= admitted
        row["HTTNV"] -= admitted
    folder.mkdir(parents=True, exist_ok=True)
    path, _ = write(spec, folder, name=f"@bao-cao-{year}")
    book = openpyxl.load_workbook(path)  # text, as a crafted file holds it: openpyxl wrote `=…` as formulas
    for sheet in book.worksheets:
        for line in sheet.iter_rows():
            for cell in line:
                if cell.data_type == "f":
                    cell.data_type = "s"
    book.save(path)
    return path


def dangerous(value: object) -> bool:
    """Text a spreadsheet would run: starts with a formula prefix and is not a plain number."""
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return False
    return not re.fullmatch(r"-\d+(\.\d+)?", value)


@pytest.fixture
def loaded(sample_env, tmp_path):
    paths = [hostile_workbook(tmp_path / "in", year) for year in (2022, 2023, 2024)]
    return sample_env, load_files([(p.name, p.read_bytes()) for p in paths], sample_env)


def test_formula_like_text_is_flagged_and_stored_defused(loaded):
    cfg, results = loaded
    assert [r.outcome for r in results] == ["thay thế"] * 3
    flagged = [w for w in results[-1].warnings if "công thức" in w]
    assert [w.split(":")[0] for w in flagged] == [
        "Sheet 'Thông tin', dòng 6, cột 'Người lập'",
        "Sheet 'Chi bộ', dòng 2, cột 'Tên chi bộ'",
        "Sheet 'Chi bộ', dòng 3, cột 'Tên chi bộ'",
        "Sheet 'Chi bộ', dòng 4, cột 'Tên chi bộ'",
        "Sheet 'Cán bộ chi bộ', dòng 2, cột 'Họ và tên'",
        "Sheet 'Cán bộ chi bộ', dòng 3, cột 'Họ và tên'",
    ]
    assert "bắt đầu bằng '+'" in flagged[2] and "kèm dấu ' ở đầu" in flagged[2]
    con = cursor(cfg)
    names = con.execute("SELECT cell_name FROM cells WHERE unit_id = ? AND year = 2024 ORDER BY cell_code",
                        [UNIT_ID]).fetchall()
    # stored defused: Streamlit's own table download cannot be made safe, so the data must be
    assert [n for (n,) in names] == ["'" + n for n in HOSTILE_CELLS]
    cadres = con.execute("SELECT full_name FROM cadres WHERE unit_id = ? AND year = 2024 ORDER BY row_no LIMIT 3",
                         [UNIT_ID]).fetchall()
    assert [n for (n,) in cadres] == ["'@SUM(A1)", "'=1+1", "Võ Văn Tab"]


def test_neutralise_keeps_numbers_and_defuses_text():
    frame = pd.DataFrame({"Số": [-2, 5], "Tỷ lệ": [-0.5, 1.0], "Tên": ["-2", "=1+1"], "Khác": ["\tx", "an toàn"]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows[1:] == [["-2", "-0.5", "'-2", "'\tx"], ["5", "1.0", "'=1+1", "an toàn"]]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame))).active
    assert [[c.value for c in line] for line in sheet.iter_rows(min_row=2)] == [
        [-2, -0.5, "'-2", "'\tx"], [5, 1, "'=1+1", "an toàn"]]
    assert (neutralise_text(-2), neutralise_text(None), neutralise_text("@x")) == (-2, None, "'@x")


def test_extract_and_history_downloads_are_defused(loaded):
    cfg, _ = loaded
    con = cursor(cfg)
    frames = [extract(con, table, "reported", [UNIT_ID], 2024) for table in EXTRACTS]
    frames.append(con.execute("SELECT file_name, outcome FROM load_history").df())
    seen = set()
    for frame in frames:
        for row in csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))):
            assert not any(dangerous(v) for v in row), row
            seen.update(v for v in row if v.startswith("'"))
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame))).active
        for line in sheet.iter_rows():
            assert not any(c.data_type == "f" or dangerous(c.value) for c in line)
    assert {"'" + HOSTILE_CELLS[0], "'+1", "'-2", "'@SUM(A1)", "'=1+1", "'" + PREPARED_BY} <= seen
    assert "'@bao-cao-2024.xlsx" in seen


def test_kpi_cli_and_template_are_defused(loaded, tmp_path):
    kpi = etl("kpi", "--year", "2024", "--unit", UNIT)
    assert kpi.returncode == 0, kpi.stderr
    rows = list(csv.reader(io.StringIO(kpi.stdout)))
    assert len(rows) > 5 and [v for row in rows for v in row if dangerous(v)] == []
    out = tmp_path / "mau.xlsx"
    made = etl("template", "--unit", "Đức Phổ", "--year", "2025", "-o", str(out))
    assert made.returncode == 0, made.stderr
    book = openpyxl.load_workbook(out)
    cells = [c for sheet in book.worksheets for line in sheet.iter_rows() for c in line]
    # names kept as text, never turned into formulas; the only formulas are the template's own sums
    computed = {col.name for col in contract.MEMBER_COLUMNS if col.field in contract.FORMULA_FIELDS}
    assert {(x.parent.title, x.parent.cell(1, x.column).value) for x in cells if x.data_type == "f"} == {
        (contract.SHEET_MEMBERS, name) for name in computed}
    assert {"'" + h for h in HOSTILE_CELLS} <= {c.value for c in cells}  # as stored: defused


def test_meeting_report_is_defused(loaded):
    from queries.report_data import meeting_data_for
    from report.html import report_html
    from report.pdf import report_pdf

    cfg, _ = loaded
    data = meeting_data_for(cursor(cfg), 2024, UNIT)
    page = report_html(data)
    cells = [html.unescape(re.sub(r"<[^>]+>", "", td)) for td in re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)]
    # the report's own figures (`+8,48 điểm %`) are ours; the wards' text must never lead a cell
    assert [v for v in cells if v in STORED or v.startswith(tuple(h + " " for h in STORED))] == []
    assert {"'" + HOSTILE_CELLS[0] + " (CB01)", "'+1 (CB02)"} <= set(cells)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(data))).pages)
    assert "'+1 (CB02)" in text and "'=HYPERLINK" in text


def stored_texts(cfg) -> dict[str, list[str]]:
    """Every text value of every table the loads write, by `table.column`."""
    con = cursor(cfg)
    columns = con.execute("SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR' "
                          "AND list_contains(?, table_name)", [[*DATA_TABLES, "load_history"]]).fetchall()
    return {f"{t}.{c}": [v for (v,) in con.execute(f'SELECT DISTINCT "{c}" FROM {t}').fetchall() if v is not None]
            for t, c in columns}


def test_every_stored_text_is_defused_as_the_load_report_says(loaded):
    """`Người lập` and the file names included: Streamlit's own table download and direct readers get them too."""
    from etl.loading.archive import Archive

    cfg, _ = loaded
    texts = stored_texts(cfg)
    assert {name: [v for v in values if dangerous(v)] for name, values in texts.items() if
            any(dangerous(v) for v in values)} == {}
    assert "'" + PREPARED_BY in texts["submissions.prepared_by"]
    assert "'@bao-cao-2024.xlsx" in texts["load_history.file_name"] and "'@bao-cao-2024.xlsx" in texts[
        "submissions.file_name"]
    assert "'@bao-cao-2024.xlsx" in {e.file_name for e in Archive(cfg.archive_dir).entries()}


HOSTILE_NAMES = {  # as sent → as stored and shown
    "../../etc/bao-cao.xlsx": "bao-cao.xlsx",
    "C:\\Users\\ward\\Desktop\\bao cao.xlsx": "bao cao.xlsx",
    "bao-cao-\u202excod.xlsx": "bao-cao-xcod.xlsx",  # a right-to-left override that shows `…docx.xlsx`
    "bao\x00cao\x1b[31m\u200b.xlsx": "baocao[31m.xlsx",
    "=cmd.xlsx": "'=cmd.xlsx",
    "..": "(không tên)",
}


@pytest.mark.parametrize(("sent", "stored"), list(HOSTILE_NAMES.items()))
def test_file_names_are_stored_and_audited_as_clean_display_names(empty_env, tmp_path, sent, stored):
    from auth.audit import record_loads
    from etl.loading.archive import Archive
    from tests.support.auth_fixtures import audit_rows

    path, _ = write(default_spec(), tmp_path)
    [result] = load_files([(sent, path.read_bytes())], empty_env)
    record_loads(empty_env, "phohoa", [result])
    assert result.ok and result.file_name == stored
    assert stored_texts(empty_env)["load_history.file_name"] == [stored]
    assert [e.file_name for e in Archive(empty_env.archive_dir).entries()] == [stored]
    assert audit_rows(empty_env)[-1][2] == stored
