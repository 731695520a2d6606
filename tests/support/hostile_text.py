"""A workbook whose texts look like spreadsheet formulas (=, +, -, @, a tab), loaded into the sample database."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from core.safe_text import FORMULA_PREFIXES
from etl.loading.batch import load_files
from tests.support.workbooks import default_spec, write

UNIT_ID, UNIT = "21469-2015", "Phổ Hòa"
HOSTILE_CELLS = ['=HYPERLINK("http://evil.example/x","Bấm vào")', "+1", "-2"]
HOSTILE_CADRES = ["@SUM(A1)", "\t=1+1", "\tVõ Văn Tab"]  # tab-led text is trimmed when read, like every value
PREPARED_BY = "=cmd|' /C calc'!A0"


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
