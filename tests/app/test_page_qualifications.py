"""Trình độ cán bộ chi bộ (T4–T6): the page shows, table for table, what its named queries return for the
filters of the URL, written as Vietnamese figures; the indicator picked and the filters reach the queries.
The figures themselves (the Đề án's baseline, the KPI export, merged units) are checked in
tests/database/test_qualification_queries.py."""

from __future__ import annotations

import duckdb

from database.facts import refresh_all
from database.store import published_file
from queries.cadres import BASELINE_CODES, LADDER_TITLES, LADDERS, ROLE_CODES
from tests.support.apptest_pages import run_page, table, texts
from tests.support.indicator_figures import frame_figures, shown_figures
from tests.support.page_queries import assert_shows, named
from tests.support.page_support import open_tables
from ui.blocks import export_frame
from ui.exports import csv_bytes

PAGE = "pages/qualifications.py"
SUMMARY = "Trình độ cán bộ chi bộ"
FIRST_YEAR = 2020
PHO_HOA = "21469-2015"


def assert_page_shows_its_queries(at, units, year: int, code: str, label: str) -> None:
    scope = ("reported", units)
    summary = named("indicator_trend", *scope, year, year, BASELINE_CODES)
    figures, shown = table(at, SUMMARY)
    assert_shows(figures, summary)
    assert shown_figures(shown) == frame_figures(summary)  # as the page writes them: 67,78%, 2.963
    assert_shows(table(at, f"{label} theo đơn vị")[0], named("indicator_units", *scope, year, year, (code,)))
    roles = named("indicator_units", *scope, year, year, tuple(ROLE_CODES))
    assert_shows(table(at, "Tốt nghiệp THPT theo chức vụ")[0], roles.assign(role=roles["indicator"].map(ROLE_CODES)),
                 numerator="Tốt nghiệp THPT", denominator="Tổng số")
    for ladder in LADDERS:
        assert_shows(table(at, f"{LADDER_TITLES[ladder]} của cán bộ chi bộ")[0],
                     named("cadre_levels", *scope, year, ladder), cadres="Số cán bộ")
    assert_shows(table(at, f"{label} qua các năm")[0], named("indicator_trend", *scope, FIRST_YEAR, year, (code,)))


def test_the_page_shows_its_named_queries_and_the_indicator_picked(sample_env):
    at = open_tables(run_page(PAGE, year=2022))
    assert_page_shows_its_queries(at, None, 2022, "T4_thpt", "Tốt nghiệp THPT")
    assert "số liệu nền của Đề án" in texts(at)  # the whole town in 2022: the Đề án's baseline
    csv = csv_bytes(export_frame(table(at, SUMMARY)[0])).decode("utf-8-sig").splitlines()  # what "Tải CSV" gives
    assert csv[0] == "Chỉ tiêu,Đối tượng,Năm,Tử số,Mẫu số,Tỷ lệ (%),Mục tiêu,Đánh giá,Ghi chú"
    assert csv[1] == ('Tốt nghiệp THPT,"cán bộ chi bộ thôn, tổ dân phố",2022,223,329,67.78,100% (mức 2025),'
                      'Năm gốc — chưa tính tiến độ,')

    at.radio(key="trinh_do_chi_tieu").set_value("T6_trung_cap_llct")
    at.sidebar.selectbox(key="nam").set_value(2024)
    at.multiselect(key="don_vi").set_value([PHO_HOA])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert_page_shows_its_queries(open_tables(at), (PHO_HOA,), 2024, "T6_trung_cap_llct", "Trung cấp LLCT trở lên")
    assert "Phường Phổ Hòa" in texts(at)
    assert "số liệu nền của Đề án" not in texts(at)


def test_no_pace_verdict_before_the_baseline_year(sample_env):
    # QA: /trinh-do?nam=2023&don_vi=21469-2015 showed 2020 "Năm gốc", 2021 "Chậm tiến độ", 2022 "Năm gốc" again
    at = open_tables(run_page(PAGE, year=2023, units=[PHO_HOA]))
    assert not at.exception, [e.value for e in at.exception]
    _, shown = table(at, "Tốt nghiệp THPT qua các năm")
    assert list(zip(shown["Năm"], shown["Đánh giá"], strict=True)) == [
        ("2020", "Trước năm gốc 2022 — chưa tính tiến độ"), ("2021", "Trước năm gốc 2022 — chưa tính tiến độ"),
        ("2022", "Năm gốc — chưa tính tiến độ"), ("2023", "Đạt (mức 2025)")]


def test_a_year_without_cell_cadres_stops_politely(sample_env):
    con = duckdb.connect(str(published_file(sample_env)))
    con.execute("DELETE FROM cadres WHERE year = 2024")
    refresh_all(con)  # changed behind the loader's back: the stored indicator facts follow
    con.close()
    at = run_page(PAGE, year=2024)
    assert [i.value for i in at.info] == [
        "Chưa có số liệu cán bộ chi bộ năm 2024 cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác."]
