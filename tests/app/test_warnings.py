"""Warnings page in AppTest: the counts, the list and each rule's table are what the named queries return,
with a link to the page of each rule's figures; the years and cell kinds chosen reach the queries. Each
rule's figures on hand-made workbooks are checked in tests/database/test_warnings.py."""

from __future__ import annotations

import ui.data
from database.db import cursor
from queries.warning_words import COUNTED
from queries.warnings import RULES, WARNING_COLUMNS, warning_counts
from rendering.tables import IDLE_CELL_COLUMNS, vi_columns
from tests.support.apptest_pages import table
from tests.support.page_queries import assert_shows, named
from tests.support.page_support import has_table, open_tables, run_page, shown_table
from tests.support.reads import Counting

PAGE = "pages/warnings.py"
LIST_COLUMNS = vi_columns("rule", "unit", "subject", "year", "detail", "page_label")


def assert_page_shows_its_queries(at, boundary: str, year: int, n_years: int, every_kind: bool) -> None:
    warnings = named("all_warnings", boundary, None, year, n_years, every_kind)
    assert [m.value for m in at.metric] == [str(n) for n in warning_counts(warnings).values()]
    assert [m.label for m in at.metric] == [COUNTED[code] for code in warning_counts(warnings)]  # no icon code read out
    assert all(m.proto.icon.startswith(":material/") for m in at.metric)
    assert_shows(shown_table(at, "Danh sách cảnh báo"), warnings[WARNING_COLUMNS])
    assert list(shown_table(at, "Danh sách cảnh báo").columns) == list(LIST_COLUMNS.values())
    idle_title = RULES["idle_cells"][0]
    if has_table(at, idle_title):
        assert_shows(shown_table(at, idle_title), named("warning_idle_cells", boundary, None, year, n_years, every_kind))
        assert list(shown_table(at, idle_title).columns) == list(IDLE_CELL_COLUMNS.values())


def test_page_lists_each_warning_of_the_query_with_a_link_to_its_page(warnings_env):
    at = open_tables(run_page(PAGE, year=2024))
    assert_page_shows_its_queries(at, "reported", 2024, 3, every_kind=False)
    links = [link.proto.page for link in at.main.get("page_link")]  # the url paths app.py gives those pages
    assert links == ["ket-nap", "xep-hang", "bien-dong", "boi-duong", "trinh-do", "xep-loai", "sinh-hoat-chi-bo",
                     "bien-dong"]
    exits = table(at, RULES["rising_exits"][0])[1]
    rising = named("warning_rising_exits", "reported", None, 2024)
    assert tuple(exits.loc[0, ["Cộng 2022", "Cộng 2023", "Cộng 2024"]]) == tuple(
        str(n) for n in rising.loc[0, ["exits_two_before", "exits_before", "exits"]])

    at.number_input(key="canh_bao_so_nam").set_value(2)
    at.toggle(key="canh_bao_moi_loai_chi_bo").set_value(True)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert_page_shows_its_queries(open_tables(at), "reported", 2024, 2, every_kind=True)


def test_page_on_the_sample_data(sample_env):
    at = open_tables(run_page(PAGE, year=2025, boundary="current"))
    assert not named("all_warnings", "current", None, 2025, 3, False).empty
    assert_page_shows_its_queries(at, "current", 2025, 3, every_kind=False)
    # T1 counts the party cells from 2025: no comparison with the committees' 2024 figure
    written = "\n".join(m.value for m in at.markdown)
    assert "**Phường Trà Câu**: Năm 2025 dưới mục tiêu" in written and "T1 ·" not in written


def test_a_unit_without_figures_in_the_year_is_no_green_none(sample_env):
    """Phổ Văn ended with 2024: its 2025 read «Không có cảnh báo nào», in green, for want of figures."""
    at = run_page(PAGE, year=2025, units=["21451-2015"])
    assert [i.value for i in at.main.info] == [
        "Phường Phổ Văn đã sáp nhập vào Phường Trà Câu từ năm 2025: số liệu năm 2025 của địa bàn này nằm trong số "
        "liệu của Phường Trà Câu; chọn Phường Trà Câu hoặc một năm đến 2024."]
    assert not at.success and not at.metric


def test_one_run_reads_which_units_are_in_once_for_every_rule_table(warnings_env, monkeypatch):
    """Each rule table opened read which units are expected and in (year_units.sql) for itself: five tables opened
    in one run, five reads. The run reads it once for all of them (ui.data.reading_once), as one build of the
    meeting data does (tests/app/test_year_coming_in.py), and shows what each query gives alone."""
    connections = []

    def counted_cursor():
        connections.append(Counting(cursor()))
        return connections[-1]

    monkeypatch.setattr(ui.data, "cursor", counted_cursor)
    at = run_page(PAGE, year=2024)
    connections.clear()
    open_tables(at)  # the list and the counts are in the cache: only the rule tables are computed
    opened = [e.label for e in at.expander if e.label != "Bảng số liệu: Danh sách cảnh báo"]
    assert len(opened) == 5 and all(e.dataframe for e in at.expander), opened
    assert sum(con.reads["year_units"] for con in connections) == 1
    assert_page_shows_its_queries(at, "reported", 2024, 3, every_kind=False)
