"""Biến động đảng viên: the waterfall, exits and members away equal the named queries and the
sums of the workbook rows, for the town, a unit, a year switch and the merged boundary."""

from __future__ import annotations

import pytest

from database.db import cursor
from queries.members import membership_away_by_unit, membership_flow
from tests.support.page_support import member_sums, run_page, shown_table

PAGE = "pages/membership.py"
STEPS = [("Đầu năm", 1), ("Kết nạp", 1), ("Chuyển đến", 1), ("Chuyển đi", -1), ("Từ trần", -1),
         ("Xóa tên", -1), ("Khai trừ", -1), ("Xin ra khỏi Đảng", -1), ("Cuối năm", 1)]


def _expected_flow(sums) -> list[tuple[str, int]]:
    return [(label, sign * int(sums[label])) for label, sign in STEPS]


def test_waterfall_for_the_town_and_a_unit(sample_env):
    at = run_page(PAGE, year=2022)
    flow = shown_table(at, "Biến động đảng viên")
    assert list(flow.columns) == ["Năm", "Khoản mục", "Số đảng viên"]
    assert list(zip(flow["Khoản mục"], flow["Số đảng viên"], strict=True)) == _expected_flow(member_sums(2022))
    assert flow["Số đảng viên"].iloc[:-1].sum() == flow["Số đảng viên"].iloc[-1]  # start + changes = end
    direct = membership_flow(cursor(), "reported", None, 2022)
    assert list(direct["members"]) == list(flow["Số đảng viên"])

    at.multiselect(key="don_vi").set_value(["21469-2015"]).run()
    flow = shown_table(at, "Biến động đảng viên")
    assert list(zip(flow["Khoản mục"], flow["Số đảng viên"], strict=True)) == _expected_flow(
        member_sums(2022, ["21469-2015"]))
    at.selectbox(key="nam").set_value(2024).run()
    flow = shown_table(at, "Biến động đảng viên")
    assert set(flow["Năm"]) == {2024}
    assert list(zip(flow["Khoản mục"], flow["Số đảng viên"], strict=True)) == _expected_flow(
        member_sums(2024, ["21469-2015"]))
    assert not at.exception


def test_waterfall_under_the_new_boundary_sums_merged_units(sample_env):
    at = run_page(PAGE, year=2023, boundary="current", units=["21478-2025"])  # Phổ Thạnh + Phổ Châu
    flow = shown_table(at, "Biến động đảng viên")
    sums = member_sums(2023, ["21478-2025"], "current")
    # with the enterprise's organisation that sits under Phường Sa Huỳnh from 1 July 2025
    assert sums["Đầu năm"] == sum(member_sums(2023, [unit])["Đầu năm"]
                                  for unit in ("21478-2015", "21481-2015", "53405-2015"))
    assert list(zip(flow["Khoản mục"], flow["Số đảng viên"], strict=True)) == _expected_flow(sums)


def test_struck_off_and_resigned_over_the_years(sample_env):
    at = run_page(PAGE, year=2025)
    exits = shown_table(at, "Xóa tên và xin ra khỏi Đảng")
    assert list(exits.columns) == ["Năm", "Hình thức", "Số đảng viên"]
    expected = [(year, kind, member_sums(year)[kind]) for year in range(2020, 2026)
                for kind in ("Xóa tên", "Xin ra khỏi Đảng")]
    assert list(exits.itertuples(index=False, name=None)) == expected

    at.selectbox(key="nam").set_value(2021).run()
    exits = shown_table(at, "Xóa tên và xin ra khỏi Đảng")
    assert sorted(set(exits["Năm"])) == [2020, 2021]


def test_exempted_and_working_away_shares_by_unit(sample_env):
    at = run_page(PAGE, year=2022, boundary="current")
    away = shown_table(at, "Miễn sinh hoạt, đi làm ăn xa")
    assert list(away.columns) == ["Đơn vị", "Năm", "Nhóm", "Số đảng viên", "Đảng viên cuối năm",
                                  "Tỷ lệ trên đảng viên cuối năm"]
    assert len(away) == 5 * 2
    names = {"Phường Đức Phổ": "21439-2025", "Phường Trà Câu": "21451-2025", "Phường Sa Huỳnh": "21478-2025",
             "Xã Nguyễn Nghiêm": "21457-2025", "Xã Khánh Cường": "21472-2025"}
    for unit, year, group, count, end, share in away.itertuples(index=False, name=None):
        sums = member_sums(2022, [names[unit]], "current")
        assert (year, count, end) == (2022, sums[group], sums["Cuối năm"])
        assert share == pytest.approx(sums[group] / sums["Cuối năm"])
    direct = membership_away_by_unit(cursor(), "current", None, 2022)
    assert list(direct["numerator"]) == list(away["Số đảng viên"])

    at.radio(key="ranh_gioi").set_value("reported").run()
    at.multiselect(key="don_vi").set_value(["21469-2015", "21442-2015"]).run()
    away = shown_table(at, "Miễn sinh hoạt, đi làm ăn xa")
    assert sorted(set(away["Đơn vị"])) == ["Phường Phổ Hòa", "Xã Phổ An"]
    row = away[(away["Đơn vị"] == "Xã Phổ An") & (away["Nhóm"] == "Đi làm ăn xa")].iloc[0]
    assert row["Số đảng viên"] == member_sums(2022, ["21442-2015"])["Đi làm ăn xa"]
    assert not at.exception
