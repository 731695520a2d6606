"""Bồi dưỡng nghiệp vụ (T7): the page shows, table for table, what its named queries return for the
filters of the URL, and the filters reach the queries. The figures themselves (the KPI export, the parts
trained, merged units) are checked in tests/database/test_training_queries.py."""

from __future__ import annotations

import duckdb

from database.facts import refresh_all
from database.store import published_file
from tests.support.apptest_pages import run_page, table
from tests.support.indicator_figures import frame_figures, shown_figures
from tests.support.page_queries import assert_shows, named
from tests.support.page_support import open_tables

PAGE = "pages/training.py"
CODE = "T7_training"
FIRST_YEAR = 2020
PHO_HOA = "21469-2015"


def assert_page_shows_its_queries(at, units, year: int) -> None:
    scope = ("reported", units)
    summary = named("indicator_trend", *scope, year, year, (CODE,))
    figures, shown = table(at, f"Bồi dưỡng nghiệp vụ năm {year}")
    assert_shows(figures, summary)
    assert shown_figures(shown) == frame_figures(summary)  # as the page writes them
    split = named("training_split", *scope, year)
    overall = split[split["is_total"]] if split["is_total"].any() else split  # the town's row, or the one unit's
    assert_shows(table(at, f"Bồi dưỡng nghiệp vụ năm {year} theo đối tượng")[0], overall, members="Tổng số")
    assert_shows(table(at, "Bồi dưỡng nghiệp vụ theo đơn vị")[0], named("indicator_units", *scope, year, year, (CODE,)))
    assert_shows(table(at, "Bồi dưỡng nghiệp vụ theo đối tượng")[0], split, members="Tổng số")
    assert_shows(table(at, "Bồi dưỡng nghiệp vụ qua các năm")[0],
                 named("indicator_trend", *scope, FIRST_YEAR, year, (CODE,)))
    assert_shows(table(at, "Bồi dưỡng nghiệp vụ theo đơn vị và năm")[0],
                 named("indicator_units", *scope, FIRST_YEAR, year, (CODE,)))


def test_the_page_shows_its_named_queries_and_follows_the_filters(sample_env):
    at = open_tables(run_page(PAGE, year=2022))
    assert_page_shows_its_queries(at, None, 2022)

    at.sidebar.selectbox(key="nam").set_value(2023)
    at.multiselect(key="don_vi").set_value([PHO_HOA])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert_page_shows_its_queries(open_tables(at), (PHO_HOA,), 2023)


def test_a_year_with_nobody_to_train_stops_politely(sample_env):
    con = duckdb.connect(str(published_file(sample_env)))
    con.execute("DELETE FROM cadres WHERE year = 2023")
    con.execute("UPDATE submissions SET committee_members = NULL, committee_trained = NULL WHERE year = 2023")
    refresh_all(con)  # changed behind the loader's back: the stored indicator facts follow
    con.close()
    at = run_page(PAGE, year=2023)
    assert [i.value for i in at.info] == [
        "Chưa có số liệu bồi dưỡng năm 2023 cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác."]
