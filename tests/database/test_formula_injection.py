"""CSV / formula injection: names typed as formulas are kept as typed, flagged on load, and defused
in every file we hand out (CSV and XLSX downloads, extracts, the KPI CLI, the template, the report)."""

from __future__ import annotations

import csv
import html
import io
import re

import openpyxl
import pytest
from pypdf import PdfReader

from database.db import cursor
from etl.loading.batch import load_files
from etl.loading.loader import DATA_TABLES
from queries.extracts import EXTRACTS, extract
from tests.support.hostile_text import HOSTILE_CELLS, PREPARED_BY, UNIT, UNIT_ID, dangerous
from tests.support.workbooks import default_spec, write
from ui.exports import csv_bytes, xlsx_bytes

STORED = (*HOSTILE_CELLS, "@SUM(A1)", "=1+1", PREPARED_BY)  # as the database holds them


def test_formula_like_text_is_flagged_and_stored_defused(loaded):
    cfg, results = loaded
    assert [r.outcome for r in results] == ["thay thế"] * 3
    flagged = [w for w in results[-1].warnings if "công thức" in w]
    assert [w.split(":")[0] for w in flagged] == [
        "Sheet «Thông tin», dòng 6, cột «Người lập»",
        "Sheet «Chi bộ», dòng 2, cột «Tên chi bộ»",
        "Sheet «Chi bộ», dòng 3, cột «Tên chi bộ»",
        "Sheet «Chi bộ», dòng 4, cột «Tên chi bộ»",
        "Sheet «Cán bộ chi bộ», dòng 2, cột «Họ và tên»",
        "Sheet «Cán bộ chi bộ», dòng 3, cột «Họ và tên»",
    ]
    assert "bắt đầu bằng «+»" in flagged[2] and "kèm dấu «'» ở đầu" in flagged[2]
    con = cursor(cfg)
    names = con.execute("SELECT cell_name FROM cells WHERE unit_id = ? AND year = 2024 ORDER BY cell_code",
                        [UNIT_ID]).fetchall()
    # stored defused: Streamlit's own table download cannot be made safe, so the data must be
    assert [n for (n,) in names] == ["'" + n for n in HOSTILE_CELLS]
    cadres = con.execute("SELECT full_name FROM cadres WHERE unit_id = ? AND year = 2024 ORDER BY row_no LIMIT 3",
                         [UNIT_ID]).fetchall()
    assert [n for (n,) in cadres] == ["'@SUM(A1)", "'=1+1", "Võ Văn Tab"]


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
    named = ("'" + HOSTILE_CELLS[0] + " (", "'+1 (")  # a cell's name, then its kind: `'+1 (Thôn)`
    assert all(any(v.startswith(start) for v in cells) for start in named)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(data))).pages)
    assert "'+1 (" in text and "'=HYPERLINK" in text


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
