"""Biến động đảng viên: the waterfall, exits and members away of the named queries equal the sums of the
sample workbooks' rows (read cell by cell, not through the loader), for the town, a unit, a year and the
merged boundary."""

from __future__ import annotations

import pytest

from database.db import cursor
from queries.members import membership_away_by_unit, membership_exits_by_year, membership_flow
from tests.support.page_support import member_sums

STEPS = [("Đầu năm", 1), ("Kết nạp", 1), ("Chuyển đến", 1), ("Chuyển đi", -1), ("Từ trần", -1),
         ("Xóa tên", -1), ("Khai trừ", -1), ("Xin ra khỏi Đảng", -1), ("Cuối năm", 1)]
CURRENT_IDS = {"Phường Đức Phổ": "21439-2025", "Phường Trà Câu": "21451-2025", "Phường Sa Huỳnh": "21478-2025",
               "Xã Nguyễn Nghiêm": "21457-2025", "Xã Khánh Cường": "21472-2025"}


def _expected_flow(sums) -> list[tuple[str, int]]:
    return [(label, sign * int(sums[label])) for label, sign in STEPS]


def _flow(boundary: str, units, year: int) -> list[tuple[str, int]]:
    flow = membership_flow(cursor(), boundary, units, year)
    assert set(flow["year"]) == {year}
    return list(zip(flow["label"], flow["members"], strict=True))


def test_waterfall_for_the_town_and_a_unit(sample_env):
    flow = _flow("reported", None, 2022)
    assert flow == _expected_flow(member_sums(2022))
    assert sum(n for _, n in flow[:-1]) == flow[-1][1]  # start + changes = end
    assert _flow("reported", ["21469-2015"], 2022) == _expected_flow(member_sums(2022, ["21469-2015"]))
    assert _flow("reported", ["21469-2015"], 2024) == _expected_flow(member_sums(2024, ["21469-2015"]))


def test_waterfall_under_the_new_boundary_sums_merged_units(sample_env):
    sums = member_sums(2023, ["21478-2025"], "current")  # Phổ Thạnh + Phổ Châu
    # with the enterprise's organisation that sits under Phường Sa Huỳnh from 1 July 2025
    assert sums["Đầu năm"] == sum(member_sums(2023, [unit])["Đầu năm"]
                                  for unit in ("21478-2015", "21481-2015", "53405-2015"))
    assert _flow("current", ["21478-2025"], 2023) == _expected_flow(sums)


def test_struck_off_and_resigned_over_the_years(sample_env):
    exits = membership_exits_by_year(cursor(), "reported", None, 2020, 2025)
    expected = [(year, kind, member_sums(year)[kind]) for year in range(2020, 2026)
                for kind in ("Xóa tên", "Xin ra khỏi Đảng")]
    assert list(exits[["year", "exit_kind", "members"]].itertuples(index=False, name=None)) == expected
    assert sorted(set(membership_exits_by_year(cursor(), "reported", None, 2020, 2021)["year"])) == [2020, 2021]


def test_exempted_and_working_away_shares_by_unit(sample_env):
    away = membership_away_by_unit(cursor(), "current", None, 2022)
    assert len(away) == 5 * 2
    for unit, year, group, count, end, share in away[["unit", "year", "member_group", "numerator", "denominator",
                                                      "rate"]].itertuples(index=False, name=None):
        sums = member_sums(2022, [CURRENT_IDS[unit]], "current")
        assert (year, count, end) == (2022, sums[group], sums["Cuối năm"])
        assert share == pytest.approx(sums[group] / sums["Cuối năm"])

    away = membership_away_by_unit(cursor(), "reported", ["21469-2015", "21442-2015"], 2022)
    assert sorted(set(away["unit"])) == ["Phường Phổ Hòa", "Xã Phổ An"]
    row = away[(away["unit"] == "Xã Phổ An") & (away["member_group"] == "Đi làm ăn xa")].iloc[0]
    assert row["numerator"] == member_sums(2022, ["21442-2015"])["Đi làm ăn xa"]
