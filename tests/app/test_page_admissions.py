"""Kết nạp đảng viên (T3): the figures shown equal the named queries, `python -m etl kpi` and the
sums of the workbook rows; the no-admission list is right on the samples and on hand-made cells."""

from __future__ import annotations

import pandas as pd
import pytest

from database.db import cursor
from queries.admissions import (
    NEVER_ADMITTED,
    admission_rate_by_year,
    cells_without_admission,
)
from queries.kpi import kpi_table
from tests.support.page_support import (
    idle_runs_from_workbooks,
    member_sums,
    run_page,
    shown_table,
)

PAGE = "pages/admissions.py"
GROUP_COLUMNS = {"Học sinh, sinh viên": "Kết nạp học sinh", "Công nhân": "Kết nạp công nhân",
                 "Chủ doanh nghiệp": "Kết nạp chủ doanh nghiệp"}


def test_town_rate_2022_equals_kpi_export_and_workbooks(sample_env):
    at = run_page(PAGE, year=2022)
    rates = shown_table(at, "Tỷ lệ kết nạp theo năm")
    assert list(rates["Năm"]) == [2020, 2021, 2022]
    row = rates.iloc[-1]
    sums = member_sums(2022)
    assert (row["Kết nạp"], row["Đảng viên đầu năm"]) == (sums["Kết nạp"], sums["Đầu năm"])
    assert row["Tỷ lệ kết nạp"] == pytest.approx(sums["Kết nạp"] / sums["Đầu năm"])
    kpi = kpi_table(cursor(), year=2022).set_index("indicator").loc["T3_admission_rate"]
    assert (kpi["numerator"], kpi["denominator"]) == (row["Kết nạp"], row["Đảng viên đầu năm"])
    assert kpi["rate"] == pytest.approx(row["Tỷ lệ kết nạp"], abs=1e-6)

    direct = admission_rate_by_year(cursor(), "reported", None, 2020, 2022)
    assert list(rates["Kết nạp"]) == list(direct["admitted"])
    assert list(rates["Đảng viên đầu năm"]) == list(direct["start_count"])
    words = ["Chưa đạt" if r < 0.03 else "Vượt khung" if r > 0.04 else "Đạt" for r in direct["rate"]]  # by hand
    assert list(rates["Đánh giá"]) == words
    counts = shown_table(at, "Số kết nạp theo năm")
    assert list(counts["Kết nạp"]) == [member_sums(y)["Kết nạp"] for y in (2020, 2021, 2022)]
    assert not at.exception


def test_filtered_unit_and_year_switch(sample_env):
    at = run_page(PAGE, year=2022, units=["21469-2015"])
    by_unit = shown_table(at, "Tỷ lệ kết nạp theo đơn vị")
    assert list(by_unit["Đơn vị"]) == ["Phường Phổ Hòa"]
    sums = member_sums(2022, ["21469-2015"])
    assert (by_unit.at[0, "Kết nạp"], by_unit.at[0, "Đảng viên đầu năm"]) == (sums["Kết nạp"], sums["Đầu năm"])

    at.selectbox(key="nam").set_value(2024).run()
    assert not at.exception
    by_unit = shown_table(at, "Tỷ lệ kết nạp theo đơn vị")
    sums = member_sums(2024, ["21469-2015"])
    assert (by_unit.at[0, "Năm"], by_unit.at[0, "Kết nạp"]) == (2024, sums["Kết nạp"])
    trend = shown_table(at, "Tỷ lệ kết nạp theo năm")
    assert list(trend["Kết nạp"]) == [member_sums(y, ["21469-2015"])["Kết nạp"] for y in range(2020, 2025)]
    # beside T3, admissions against the quota given (from the v2 workbooks of 2023): the KPI export's figures
    quota = kpi_table(cursor(), year=2024, unit="21469").set_index("indicator").loc["T3_admission_quota"]
    by_unit = shown_table(at, "Kết nạp so với chỉ tiêu theo đơn vị")
    assert tuple(by_unit.loc[0, ["Đơn vị", "Kết nạp", "Chỉ tiêu được giao", "Đơn vị chưa báo cáo chỉ tiêu"]]) == (
        "Phường Phổ Hòa", quota["numerator"], quota["denominator"], 0)
    years = shown_table(at, "Kết nạp so với chỉ tiêu theo năm").set_index("Năm")
    assert years.at[2022, "Chỉ tiêu được giao"] == 0
    assert years.at[2022, "Đơn vị chưa báo cáo chỉ tiêu"] == 1 and pd.isna(years.at[2022, "Tỷ lệ"])  # v1: not 0%


def test_boundary_switch_sums_merged_units(sample_env):
    at = run_page(PAGE, year=2022, boundary="current", units=["21439-2025"])
    by_unit = shown_table(at, "Tỷ lệ kết nạp theo đơn vị")
    assert list(by_unit["Đơn vị"]) == ["Phường Đức Phổ"]
    sums = member_sums(2022, ["21439-2025"], boundary="current")
    assert sums["Kết nạp"] == sum(member_sums(2022, [u])["Kết nạp"] for u in
                                  ("21439-2015", "21460-2015", "21463-2015", "21466-2015", "21469-2015",
                                   "53401-2015", "53403-2015", "53404-2015"))  # and the organisations under it
    assert (by_unit.at[0, "Kết nạp"], by_unit.at[0, "Đảng viên đầu năm"]) == (sums["Kết nạp"], sums["Đầu năm"])

    at.multiselect(key="don_vi").set_value([]).run()
    by_unit = shown_table(at, "Tỷ lệ kết nạp theo đơn vị")
    assert len(by_unit) == 5
    assert by_unit["Kết nạp"].sum() == member_sums(2022)["Kết nạp"]


def test_admissions_of_students_workers_owners(sample_env):
    at = run_page(PAGE, year=2023, boundary="current")
    per_year = shown_table(at, "Kết nạp theo đối tượng và năm")
    assert list(per_year.columns) == ["Năm", "Đối tượng", "Kết nạp", "Tổng số kết nạp", "Tỷ lệ trên tổng số kết nạp"]
    for row in per_year.itertuples(index=False):
        sums = member_sums(row[0])
        assert row[2] == sums[GROUP_COLUMNS[row[1]]]
        assert row[3] == sums["Kết nạp"]
        assert row[4] == pytest.approx(sums[GROUP_COLUMNS[row[1]]] / sums["Kết nạp"])
    assert sorted(set(per_year["Năm"])) == [2020, 2021, 2022, 2023]

    per_unit = shown_table(at, "Kết nạp theo đối tượng và đơn vị")
    assert len(per_unit) == 5 * 3
    for row in per_unit.itertuples(index=False):
        display_id = {"Phường Đức Phổ": "21439-2025", "Phường Trà Câu": "21451-2025", "Phường Sa Huỳnh": "21478-2025",
                      "Xã Nguyễn Nghiêm": "21457-2025", "Xã Khánh Cường": "21472-2025"}[row[0]]
        assert row[3] == member_sums(2023, [display_id], "current")[GROUP_COLUMNS[row[2]]]


def _expected_idle(year: int, min_years: int, boundary: str, every_kind: bool = False) -> dict:
    return {code: (run, NEVER_ADMITTED if last is None else str(last)) for (_unit, code), (run, last)
            in idle_runs_from_workbooks(year, min_years, boundary, every_kind).items()}


def _shown_idle(at) -> dict:
    table = shown_table(at, f"Chi bộ từ {int(at.number_input(key='so_nam_khong_ket_nap').value)} năm liền không kết nạp")
    return {code: (run, last) for code, run, last in
            zip(table["Mã chi bộ"], table["Số năm liền không kết nạp"], table["Lần kết nạp gần nhất"], strict=True)}


def test_cells_without_admission_on_the_samples(sample_env):
    at = run_page(PAGE, year=2025, boundary="current")
    expected = _expected_idle(2025, 3, "current")
    assert expected, "the samples should hold cells that admitted nobody for years"
    assert _shown_idle(at) == expected
    direct = cells_without_admission(cursor(), "current", None, 2025, 3)
    assert set(direct["cell_code"]) == set(expected)
    assert at.markdown[-1].value.startswith(f"**{len(expected)} chi bộ**") or any(
        m.value.startswith(f"**{len(expected)} chi bộ**") for m in at.markdown)

    at.number_input(key="so_nam_khong_ket_nap").set_value(5).run()
    assert _shown_idle(at) == _expected_idle(2025, 5, "current")

    at.radio(key="ranh_gioi").set_value("reported").run()  # a merged unit's cells keep their runs
    assert _expected_idle(2025, 5, "reported") == _expected_idle(2025, 5, "current")
    assert _shown_idle(at) == _expected_idle(2025, 5, "reported")
    at.number_input(key="so_nam_khong_ket_nap").set_value(2).run()
    at.toggle(key="moi_loai_chi_bo").set_value(True).run()  # military, police, agency cells too
    assert _shown_idle(at) == _expected_idle(2025, 2, "reported", every_kind=True)
    assert len(_expected_idle(2025, 2, "reported", every_kind=True)) > len(_expected_idle(2025, 2, "reported"))
    at.toggle(key="moi_loai_chi_bo").set_value(False).run()
    at.number_input(key="so_nam_khong_ket_nap").set_value(5).run()
    at.selectbox(key="nam").set_value(2024).run()
    assert _shown_idle(at) == _expected_idle(2024, 5, "reported")
    assert not at.exception
