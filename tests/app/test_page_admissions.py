"""Kết nạp đảng viên (T3): the page shows, table for table, what its named queries return for the
filters of the URL, and its own widgets (the no-admission list's years and cell kinds) reach the
query. The figures themselves are checked against the workbooks in tests/database/test_admission_queries.py."""

from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd
import pytest

from database.db import cursor
from queries.admissions import QUOTA_CODE
from queries.kpi import kpi_table
from tests.support.apptest_pages import table
from tests.support.page_queries import assert_shows, named
from tests.support.page_support import open_tables, run_page, shown_table

PAGE = "pages/admissions.py"
FIRST_YEAR = 2020  # the first year of the samples: the trends start there
PHO_HOA = "21469-2015"
PHO_VAN = "21451-2015"


def assert_page_shows_its_queries(at, boundary: str, units, year: int, min_years: int, every_kind: bool) -> None:
    by_year = named("admission_rate_by_year", boundary, units, FIRST_YEAR, year)
    assert_shows(shown_table(at, "Số kết nạp theo năm"), by_year)
    assert_shows(shown_table(at, "Tỷ lệ kết nạp theo năm"), by_year, rate="Tỷ lệ kết nạp")
    assert_shows(shown_table(at, "Tỷ lệ kết nạp theo đơn vị"), named("admission_rate_by_unit", boundary, units, year),
                 rate="Tỷ lệ kết nạp")
    quota = {"numerator": "Kết nạp", "denominator": "Chỉ tiêu được giao", "not_reported": "Đơn vị chưa báo cáo chỉ tiêu"}
    assert_shows(shown_table(at, "Kết nạp so với chỉ tiêu theo năm"),
                 named("indicator_trend", boundary, units, FIRST_YEAR, year, (QUOTA_CODE,)), **quota)
    assert_shows(shown_table(at, "Kết nạp so với chỉ tiêu theo đơn vị"),
                 named("indicator_units", boundary, units, year, year, (QUOTA_CODE,)), **quota)
    share = {"share": "Tỷ lệ trên tổng số kết nạp"}
    assert_shows(shown_table(at, "Kết nạp theo đối tượng và năm"),
                 named("admission_groups_by_year", boundary, units, FIRST_YEAR, year), **share)
    assert_shows(shown_table(at, "Kết nạp theo đối tượng và đơn vị"),
                 named("admission_groups_by_unit", boundary, units, year), **share)
    idle = named("cells_without_admission", boundary, units, year, min_years, every_kind)
    if idle.empty:
        assert any(s.value.startswith(f"Không có chi bộ nào {min_years} năm liền") for s in at.success)
    else:
        assert_shows(shown_table(at, f"Chi bộ từ {min_years} năm liền không kết nạp"), idle)
        assert any(m.value.startswith(f"**{len(idle)} chi bộ**") for m in at.markdown)


def test_the_page_shows_its_named_queries_and_its_widgets_reach_them(sample_env):
    at = open_tables(run_page(PAGE, year=2023, units=[PHO_HOA]))
    assert_page_shows_its_queries(at, "reported", (PHO_HOA,), 2023, 3, every_kind=False)

    # the filters and the no-admission list's own widgets, changed together: one run
    at.radio(key="ranh_gioi").set_value("current")
    at.multiselect(key="don_vi").set_value([])
    at.selectbox(key="nam").set_value(2025)
    at.number_input(key="so_nam_khong_ket_nap").set_value(2)
    at.toggle(key="moi_loai_chi_bo").set_value(True)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert (at.query_params["nam"], at.query_params["ranh_gioi"], "don_vi" in at.query_params) == (
        "2025", "moi", False)
    assert_page_shows_its_queries(open_tables(at), "current", None, 2025, 2, every_kind=True)
    assert len(named("cells_without_admission", "current", None, 2025, 2, True)) > 0  # the table was drawn


def test_two_wards_compared_get_a_line_each_of_their_admissions(sample_env):
    """Trà Câu and Đức Phổ compared (the default for two units): the page stopped under its first heading with an
    unexpected error, which run_page now refuses."""
    units = ["21451-2025", "21439-2025"]
    at = run_page(PAGE, year=2025, boundary="current", units=units)
    counts = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                  if json.loads(c.proto.spec)["layout"]["title"]["text"].startswith("Số đảng viên kết nạp"))
    drawn = {trace["name"]: trace["text"] for trace in counts["data"]}  # each point's label: its count
    for unit_id, unit in zip(units, ("Phường Trà Câu", "Phường Đức Phổ"), strict=True):
        by_year = named("admission_rate_by_year", "current", (unit_id,), FIRST_YEAR, 2025)
        assert drawn[unit] == [str(count) for count in by_year["admitted"]]


@pytest.mark.parametrize(("year", "title"), [(2023, "Kết nạp so với chỉ tiêu cấp trên giao, 2023"),  # the quota's first
                                             (FIRST_YEAR, f"Tỷ lệ kết nạp, {FIRST_YEAR}")])
def test_a_span_of_one_year_is_written_as_that_year(sample_env, year, title):
    at = run_page(PAGE, year=year)
    titles = [json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in at.get("plotly_chart")]
    assert title in titles
    assert [t for t in titles if re.search(r"(\d{4})–\1", t)] == []


def test_a_quota_nobody_has_reported_is_said_once(sample_env):
    at = run_page(PAGE, year=2021, boundary="current", units=["21439-2025"])  # the quota is asked from 2023
    assert [i.value for i in at.info if "chỉ tiêu" in i.value] == [
        "Đến năm 2021 chưa có đơn vị nào báo cáo chỉ tiêu kết nạp được giao (mục này có từ biểu mẫu mẫu 2)."]


def test_years_without_a_quota_show_no_admissions_against_it_and_the_kpi_export_agrees(sample_env, fetch):
    """QA M5: Phổ Văn reported its quota from 2023 (format v2); 2020–2022 admitted 4, 4 and 9 without one. Those
    years' admissions against the quota and the quota are unknown: `—` on screen, blank in the files and in the
    KPI export, the verdict `Chưa đủ số liệu` / `no_data`, never `0` against a quota of `0`."""
    at = run_page(PAGE, year=2024, units=[PHO_VAN])
    assert list(shown_table(at, "Số kết nạp theo năm")["Kết nạp"]) == [4, 4, 9, 4, 12]
    shown = shown_table(at, "Kết nạp so với chỉ tiêu theo năm")
    rows = [(y, None if pd.isna(n) else n, None if pd.isna(d) else d, r, v) for y, n, d, r, v in zip(
        shown["Năm"], shown["Kết nạp"], shown["Chỉ tiêu được giao"], shown["Đơn vị chưa báo cáo chỉ tiêu"],
        shown["Đánh giá"], strict=True)]
    assert rows == [(2020, None, None, 1, "Chưa đủ số liệu"), (2021, None, None, 1, "Chưa đủ số liệu"),
                    (2022, None, None, 1, "Chưa đủ số liệu"), (2023, 4, 5, 0, "Chưa đạt"), (2024, 12, 14, 0, "Chưa đạt")]
    open_tables(at)
    button = next(b for b in at.download_button if b.key == "csv_adm_quota_years")
    written = list(csv.DictReader(io.StringIO(fetch(button).decode("utf-8-sig"))))
    assert [(r["Năm"], r["Kết nạp"], r["Chỉ tiêu được giao"]) for r in written] == [
        ("2020", "", ""), ("2021", "", ""), ("2022", "", ""), ("2023", "4", "5"), ("2024", "12", "14")]
    for row in rows:  # the same figure and the same verdict in the KPI export
        kpi = kpi_table(cursor(), year=row[0], unit=PHO_VAN).set_index("indicator").loc[QUOTA_CODE]
        exported = (None if pd.isna(kpi["numerator"]) else kpi["numerator"],
                    None if pd.isna(kpi["denominator"]) else kpi["denominator"])
        assert exported == row[1:3]
        assert kpi["status"] == ("no_data" if row[1] is None else "below")


def test_a_rate_just_under_the_floor_reads_under_it_beside_its_verdict(sample_env, fetch):
    """Phường Trà Câu 2020 under «5 đơn vị mới»: 19/634 = 2,9968% against "đạt từ 3-4%" is «Chưa đạt», and reads
    `2,997%` (never `3,00%`) in the table, on the chart's label and hover, in the CSV (2.997) and the KPI export."""
    at = open_tables(run_page(PAGE, year=FIRST_YEAR, boundary="current", units=["21451-2025"]))
    figures, shown = table(at, "Tỷ lệ kết nạp theo năm")
    row = shown.iloc[0]
    assert (figures.at[0, "Năm"], row["Tỷ lệ kết nạp"], row["Đánh giá"]) == (2020, "2,997%", "Chưa đạt")
    chart = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                 if json.loads(c.proto.spec)["layout"]["title"]["text"].startswith("Tỷ lệ kết nạp, "))
    assert (chart["data"][0]["text"], chart["data"][0]["customdata"]) == (["2,997%"], ["2,997% (19/634)"])
    button = next(b for b in at.download_button if b.key == "csv_adm_rate")
    [written] = list(csv.DictReader(io.StringIO(fetch(button).decode("utf-8-sig"))))
    assert (written["Tỷ lệ kết nạp (%)"], written["Đánh giá"]) == ("2.997", "Chưa đạt")
    kpi = kpi_table(cursor(), FIRST_YEAR, "21451", boundary="current").set_index("indicator").loc["T3_admission_rate"]
    assert (kpi["rate"], kpi["status"]) == (0.029968, "below")
