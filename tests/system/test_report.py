"""The meeting report on the sample data: its figures equal `python -m etl kpi`; the PDF read back."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from core.numbers import vi_count
from tests.support import ROOT
from tests.support.cli import etl
from tests.support.pdf_text import squeeze


def test_cli_writes_both_files_with_the_kpi_figures(sample_env, tmp_path):
    html, pdf = tmp_path / "bao-cao.html", tmp_path / "bao-cao.pdf"
    result = etl("report", "--year", "2022", "--unit", "Phổ Hòa", "--html", str(html), "--pdf", str(pdf))
    assert result.returncode == 0, result.stderr
    assert str(pdf) in result.stdout and str(html) in result.stdout
    kpi = etl("kpi", "--year", "2022", "--unit", "Phổ Hòa")
    text = squeeze("\n".join(page.extract_text() for page in PdfReader(pdf).pages))
    page_html = html.read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(kpi.stdout)):
        figure = vi_count(int(row["numerator"]), int(row["denominator"])) if row["denominator"] else "—"  # none reported
        assert figure in text and figure in page_html, row["indicator"]


def test_cli_report_reads_the_boundary_as_the_kpi_export_does(sample_env, tmp_path):
    """Phường Trà Câu (formed 1 July 2025) in 2020: its merged units summed, as `kpi --boundary current` has it."""
    html = tmp_path / "bao-cao.html"
    scope = ("--year", "2020", "--unit", "Trà Câu", "--boundary", "current")
    result = etl("report", *scope, "--html", str(html))
    assert result.returncode == 0, result.stderr
    page_html = html.read_text(encoding="utf-8")
    assert "5 đơn vị mới" in page_html
    for row in csv.DictReader(io.StringIO(etl("kpi", *scope).stdout)):
        if row["denominator"]:
            assert vi_count(int(row["numerator"]), int(row["denominator"])) in page_html, row["indicator"]


@pytest.mark.parametrize(("args", "message"), [
    (("--year", "2022"), "--html TỆP"),
    (("--year", "2019", "--pdf", "x.pdf"), "Chưa có số liệu năm 2019"),
    (("--unit", "Phổ Hòa", "--pdf", "x.pdf"), "Phường Đức Phổ"),  # merged into it on 1 July 2025
])
def test_cli_usage_errors(sample_env, tmp_path, args, message):
    result = etl("report", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (ROOT / "x.pdf").exists()
