"""The checks before parsing (etl/reading/guard.py, etl/reading/sheetscan.py): limits from the environment, what a
genuine file may do (lie in `<dimension>`, carry styled empty rows), formulas read, never run."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from core.text import fold
from etl.checking.validate import parse_workbook
from etl.reading.guard import declared_entries
from etl.reading.spreadsheet import read_sheets
from tests.support.hostile import HEADER_ROW, valid_xlsx, xlsx, zipped
from tests.support.workbooks import rejected_bytes


def test_cached_formula_values_are_read_and_formulas_never_run():
    rows = ('<row r="2"><c r="A2"><f>1+1</f><v>7</v></c><c r="B2"><f>WEBSERVICE("http://evil.example")</f></c>'
            '<c r="C2" t="str"><f>"a"&amp;"b"</f><v>cached</v></c><c r="D2"><f>NOW()</f><v></v></c></row>')
    [sheet] = read_sheets(xlsx(HEADER_ROW + rows), {fold("Chi bộ")})
    # the result Excel stored, or blank when none was stored (B2; D2 so blank that the grid ends before it)
    assert sheet.grid[1] == [7.0, "", "cached"]


def test_empty_rows_to_row_two_million_and_a_lying_dimension_are_fine(tmp_path):
    """Excel writes styled empty rows and a `<dimension>` far below the data; neither is content."""
    data = valid_xlsx(tmp_path)
    empty = "".join(f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/></row>' for r in range(1000, 2_000_001, 1000))
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        text = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:Z2000000"/>', parts[name].decode())
        parts[name] = text.replace("</sheetData>", empty + "</sheetData>").encode()
    doctored = zipped(parts)
    assert len(doctored) < 60_000
    assert parse_workbook(doctored, "nhieu-dong-trong.xlsx").unit_id == "21469-2015"


@pytest.mark.parametrize(("variable", "value", "needle"), [
    ("DP_ZIP_MAX_ENTRIES", "5", "giới hạn là 5"),
    ("DP_ZIP_MAX_UNCOMPRESSED_MB", "0.01", "giải nén ra hơn 10 KB"),
])
def test_zip_limits_come_from_the_environment(tmp_path, monkeypatch, variable, value, needle):
    data = valid_xlsx(tmp_path)
    assert parse_workbook(data, "ok.xlsx")
    monkeypatch.setenv(variable, value)
    [problem] = rejected_bytes(data, "ok.xlsx")
    assert needle in problem.expected and "zip bomb" in problem.expected


def test_the_entry_count_is_read_before_the_directory_is_parsed():
    data = zipped({f"x{i}.xml": "<a/>" for i in range(1200)})
    assert declared_entries(data) == 1200
    [problem] = rejected_bytes(data, "nhieu.xlsx")
    assert "1.200 mục nén" in problem.expected
