"""Biến động đảng viên: the page shows, table for table, what its named queries return for the filters of
the URL, and the filters reach the queries. The figures themselves (the workbook rows summed, merged units)
are checked in tests/database/test_membership_queries.py."""

from __future__ import annotations

from tests.support.page_queries import assert_shows, named
from tests.support.page_support import open_tables, run_page, shown_table

PAGE = "pages/membership.py"
FIRST_YEAR = 2020
AWAY = {"numerator": "Số đảng viên", "denominator": "Đảng viên cuối năm", "rate": "Tỷ lệ trên đảng viên cuối năm"}


def assert_page_shows_its_queries(at, boundary: str, units, year: int) -> None:
    scope = (boundary, units)
    flow = shown_table(at, "Biến động đảng viên")
    assert list(flow.columns) == ["Năm", "Khoản mục", "Số đảng viên"]
    assert_shows(flow, named("membership_flow", *scope, year), label="Khoản mục")
    exits = shown_table(at, "Xóa tên và xin ra khỏi Đảng")
    assert list(exits.columns) == ["Năm", "Hình thức", "Số đảng viên"]
    assert_shows(exits, named("membership_exits_by_year", *scope, FIRST_YEAR, year))
    assert_shows(shown_table(at, "Miễn sinh hoạt, đi làm ăn xa qua các năm"),
                 named("membership_away_by_year", *scope, FIRST_YEAR, year), **AWAY)
    away = shown_table(at, "Miễn sinh hoạt, đi làm ăn xa")
    assert list(away.columns) == ["Đơn vị", "Năm", "Nhóm", "Số đảng viên", "Đảng viên cuối năm",
                                  "Tỷ lệ trên đảng viên cuối năm"]
    assert_shows(away, named("membership_away_by_unit", *scope, year), **AWAY)


def test_the_page_shows_its_named_queries_and_follows_the_filters(sample_env):
    at = open_tables(run_page(PAGE, year=2022, units=["21469-2015", "21442-2015"]))
    assert_page_shows_its_queries(at, "reported", ("21469-2015", "21442-2015"), 2022)

    at.radio(key="ranh_gioi").set_value("current")
    at.multiselect(key="don_vi").set_value([])
    at.selectbox(key="nam").set_value(2024)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert_page_shows_its_queries(open_tables(at), "current", None, 2024)
