"""Tiến độ đến mục tiêu: the page shows, table for table, what its named queries return, a block for each
indicator chosen, and says when there is no pace or no figures. The pace itself (the Đề án's 2022 baseline,
computed by hand from the KPI export) is checked in tests/database/test_pace_queries.py."""

from __future__ import annotations

import re

from queries.programme import programme
from queries.progress import projected_codes
from rendering.tables import pace_columns
from tests.support.apptest_pages import run_page, table, texts
from tests.support.page_queries import assert_shows, named
from tests.support.page_support import has_table, open_tables

PAGE = "pages/pace.py"


def assert_blocks_are_the_queries(at, chosen: list[str]) -> None:
    """A block for each indicator chosen, and none for the others: its path and its units as the queries give them."""
    for code in projected_codes():
        label = programme().indicator(code).label
        assert has_table(at, f"Tiến độ {label}") == (code in chosen), code
        if code in chosen:
            assert_shows(table(at, f"Tiến độ {label}")[0], named("pace_path", "reported", None, 2024, code))
            assert_shows(table(at, f"Tiến độ {label} theo đơn vị")[0],
                         named("pace_by_unit", "reported", None, 2024, (code,)), **pace_columns())


def test_page_shows_its_named_queries_a_block_per_indicator_chosen_and_how_the_pace_is_computed(sample_env):
    at = open_tables(run_page(PAGE, year=2024))
    assert "Cách tính: tốc độ đã đạt" in texts(at)
    headers = pace_columns()
    town = named("pace_by_indicator", "reported", None, 2024)
    assert_shows(table(at, "Tiến độ các chỉ tiêu")[0], town, **headers)
    assert_shows(table(at, "Tiến độ theo đơn vị")[0], named("pace_by_unit", "reported", None, 2024), **headers)
    chosen = [c for c in programme().headline if c in projected_codes() and c in set(town["indicator"])]
    assert at.multiselect(key="tien_do_chi_tieu").value == chosen
    assert_blocks_are_the_queries(at, chosen)

    at.multiselect(key="tien_do_chi_tieu").set_value(["T4_thpt"]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert_blocks_are_the_queries(open_tables(at), ["T4_thpt"])
    assert "Năm gốc 2022: **67,78%** (223/329)" in texts(at)  # T4_thpt's block, as the page writes its row

    at.multiselect(key="tien_do_chi_tieu").set_value([]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Chọn ít nhất một chỉ tiêu để xem biểu đồ tiến độ." in [i.value for i in at.info]
    assert not has_table(at, "Tiến độ Tốt nghiệp THPT") and has_table(at, "Tiến độ các chỉ tiêu")


def test_one_year_of_data_has_no_pace_and_a_unit_without_figures_stops_politely(sample_env):
    at = run_page(PAGE, year=2022, units=["21469-2015"])  # the baseline year: the first of the pace's series
    _, shown = table(at, "Tiến độ các chỉ tiêu")
    assert set(shown["Tốc độ đã đạt (điểm %/năm)"]) == {"—"}
    assert "chưa tính được tốc độ" in texts(at)
    assert "theo tốc độ hiện nay: **không đạt**" not in texts(at)  # no pace: no "never" either

    at = run_page(PAGE, year=2020, units=["21469-2015"])  # before it: no pace measured from 2020
    assert not at.exception, [e.value for e in at.exception]
    _, shown = table(at, "Tiến độ các chỉ tiêu")
    assert set(shown["Tốc độ đã đạt (điểm %/năm)"]) == {"—"}
    assert "Năm 2020: **60,00%** (15/25); trước năm gốc 2022, chưa tính tốc độ." in texts(at)  # T4's block
    assert "Năm gốc 2020" not in texts(at)
    assert "trước năm gốc 2022 — chưa tính tiến độ." in texts(at)

    at.multiselect(key="don_vi").set_value(["21439-2025"]).run()  # Phường Đức Phổ reports from 2025
    assert not at.exception, [e.value for e in at.exception]
    assert [i.value for i in at.info] == [
        "Chưa có số liệu đến năm 2020 cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác."]


def test_2025_counts_in_t3s_period_to_2030(sample_env):
    # the Đề án: «Tỉ lệ kết nạp đảng viên mới hằng năm trong giai đoạn 2025-2030 …»: 2025 is not "before" it
    at = run_page(PAGE, year=2025)
    assert not at.exception, [e.value for e in at.exception]
    _, shown = table(at, "Tiến độ các chỉ tiêu")
    shown = shown.set_index("Chỉ tiêu")
    assert shown.at[programme().indicator("T3_admission_rate").label, "Đánh giá 2030"] == "đạt 1/1 năm"
    assert shown.at[programme().indicator("T1_org_rating").label, "Đánh giá 2030"] == "chưa đến giai đoạn này"
    assert "T3: 2020–2025 (mốc 2025), 2025–2030 (mốc 2030)" in texts(at)  # the method says which years
    # the method names the indicators by short code (`T3b, SH1: 2020–2025`): the table shows each beside its name
    periods = texts(at).partition("Giai đoạn của các mốc — ")[2].partition("Tốc độ tính")[0]
    named_codes = set(re.findall(r"\b[A-Z]+\d*[a-z]?(?=[,:])", periods))
    assert named_codes >= {"T3", "T3b", "SH1"}, periods
    assert named_codes <= set(shown["Mã"])
    assert all(programme().indicator(code).short == short for code, short in
               zip(named("pace_by_indicator", "reported", None, 2025)["indicator"], shown["Mã"], strict=True))
