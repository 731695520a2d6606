"""Đánh giá, xếp loại (T1, T2): the page shows, table for table, what its named queries return for the
filters of the URL, and the filters reach the queries. The figures themselves (the KPI export, T1 and T2
against the rating counts, merged units) are checked in tests/database/test_rating_queries.py."""

from __future__ import annotations

import json

import duckdb

from database.facts import refresh_all
from database.store import published_file
from queries.ratings import RATED_CODES
from tests.support.apptest_pages import run_page, table, texts
from tests.support.indicator_figures import frame_figures, shown_figures
from tests.support.page_queries import assert_shows, named
from tests.support.page_support import open_tables

PAGE = "pages/ratings.py"
FIRST_YEAR = 2020


def assert_page_shows_its_queries(at, boundary: str, year: int) -> None:
    scope = (boundary, None)
    summary = named("indicator_trend", *scope, year, year, RATED_CODES)
    figures, shown = table(at, "Chỉ tiêu xếp loại")
    assert_shows(figures, summary)
    assert shown_figures(shown) == frame_figures(summary)  # as the page writes them
    members, members_shown = table(at, "Cơ cấu xếp loại đảng viên")
    assert_shows(members, named("member_ratings_by_year", *scope, FIRST_YEAR, year))
    assert members_shown["Số đảng viên"].str.fullmatch(r"\d{1,3}(\.\d{3})*").all()  # 1.812, not 1812 or 1,812
    assert_shows(table(at, "Đảng viên HTTNV trở lên theo đơn vị")[0],
                 named("indicator_units", *scope, year, year, ("T2_member_rating",)))
    assert_shows(table(at, "Tỷ lệ HTTNV trở lên qua các năm")[0],
                 named("indicator_trend", *scope, FIRST_YEAR, year, RATED_CODES))
    assert_shows(table(at, "Xếp loại tổ chức cơ sở đảng")[0], named("org_ratings_by_year", *scope, FIRST_YEAR, year))
    orgs = table(at, f"Xếp loại từng TCCSĐ năm {year}")[0]
    assert_shows(orgs, named("org_ratings_list", *scope, year), rating="Xếp loại TCCSĐ")
    assert ("Đơn vị báo cáo" in orgs.columns) == (boundary == "current")  # under `reported`, the same unit
    assert_shows(table(at, "Xếp loại chi bộ")[0], named("cell_ratings", *scope, year))
    assert_shows(table(at, "Chi bộ bốn tốt")[0], named("four_good_cells", *scope, year), cells="Tổng số chi bộ")


def test_the_page_shows_its_named_queries_and_follows_the_filters(sample_env):
    at = open_tables(run_page(PAGE, year=2022))
    assert_page_shows_its_queries(at, "reported", 2022)
    assert "Chi bộ" not in table(at, "Xếp loại từng TCCSĐ năm 2022")[0].columns  # the units' own organisations

    at.sidebar.selectbox(key="nam").set_value(2025)
    at.radio(key="ranh_gioi").set_value("current")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert_page_shows_its_queries(open_tables(at), "current", 2025)
    assert "Chi bộ" in table(at, "Xếp loại từng TCCSĐ năm 2025")[0].columns  # from 2025 the party cells
    assert "Từ 2025: tính theo chi bộ cơ sở" in texts(at)


def test_a_year_without_member_figures_is_no_traceback(sample_env):
    con = duckdb.connect(str(published_file(sample_env)))
    con.execute("DELETE FROM member_figures")
    con.execute("DELETE FROM cells WHERE year = 2024")
    refresh_all(con)  # changed behind the loader's back: the stored indicator facts follow
    con.close()
    at = run_page(PAGE, year=2024)
    infos = [i.value for i in at.info]
    assert "Chưa có số liệu xếp loại đảng viên đến năm 2024 cho các đơn vị đã chọn." in infos
    assert "Chưa có số liệu chi bộ năm 2024." in infos


def test_a_second_visit_draws_the_charts_of_the_first(sample_env):
    """The second run of a page with the same filters gets its figures from the figure cache
    (rendering.figure_cache): the same charts, none of them told as "nothing to draw"."""
    runs = [run_page(PAGE, 2024), run_page(PAGE, 2024)]
    charts = [[json.loads(chart.proto.spec) for chart in at.get("plotly_chart")] for at in runs]
    assert charts[0] and charts[1] == charts[0]
    assert not [info.value for at in runs for info in at.info if "Không có số liệu" in str(info.value)]
