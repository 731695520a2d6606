"""CSV / formula injection: names typed as formulas are kept as typed, flagged on load, and defused
in every file we hand out (CSV and XLSX downloads, extracts, the KPI CLI, the template, the report)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd

from core.safe_text import neutralise_text
from ui.exports import csv_bytes, xlsx_bytes


def test_neutralise_keeps_numbers_and_defuses_text():
    frame = pd.DataFrame({"Số": [-2, 5], "Tỷ lệ": [-0.5, 1.0], "Tên": ["-2", "=1+1"], "Khác": ["\tx", "an toàn"]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows[1:] == [["-2", "-0.5", "'-2", "'\tx"], ["5", "1.0", "'=1+1", "an toàn"]]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame))).active
    assert [[c.value for c in line] for line in sheet.iter_rows(min_row=2)] == [
        [-2, -0.5, "'-2", "'\tx"], [5, 1, "'=1+1", "an toàn"]]
    assert (neutralise_text(-2), neutralise_text(None), neutralise_text("@x")) == (-2, None, "'@x")


# Text XlsxWriter would write as an array formula or a link, though no formula prefix leads it.
NOT_PREFIXED = ["{=1+1}", 'http://evil.example/x', "mailto:a@evil.example", "external:\\\\evil\\share\\x.xlsx",
                "internal:'Số liệu'!A1"]


def test_xlsx_writes_every_text_as_text(tmp_path):
    path = tmp_path / "trich-xuat.xlsx"
    path.write_bytes(xlsx_bytes(pd.DataFrame({"Tên chi bộ": NOT_PREFIXED})))
    sheet = openpyxl.load_workbook(path).active
    cells = [line[0] for line in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type, c.hyperlink) for c in cells] == [(v, "s", None) for v in NOT_PREFIXED]
