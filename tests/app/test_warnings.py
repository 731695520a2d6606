"""Warnings: each rule triggered and not triggered on workbooks written by the test and loaded by
the real loader; `all_warnings` for the meeting report; the page in AppTest. The rules across the
2025 merger are in tests/test_reorganisation.py."""

from __future__ import annotations

from database.db import cursor
from queries.warnings import (
    RULES,
    all_warnings,
)
from tests.support.apptest_pages import table, texts
from tests.support.page_support import run_page


def test_page_lists_each_warning_with_its_figures_and_page(warnings_env):
    at = run_page("pages/warnings.py", year=2024)
    assert [m.value for m in at.metric] == ["1", "1", "1", "0", "1", "2", "0", "0"]  # v1 workbooks: no cell life
    _, shown = table(at, "Danh sách cảnh báo")
    assert list(shown["Đơn vị"]) == ["Phường Phổ Hòa", "Phường Phổ Văn", "Xã Phổ Phong", "Phường Phổ Minh",
                                     "Toàn thị xã", "Phường Phổ Vinh"]
    assert "85,00% (85/100" in texts(at)
    links = [link.proto.page for link in at.get("page_link")]  # the url paths app.py gives those pages
    assert links == ["ket-nap", "xep-hang", "bien-dong", "boi-duong", "trinh-do", "xep-loai", "sinh-hoat-chi-bo",
                     "bien-dong"]
    _, exits = table(at, RULES["rising_exits"][0])
    assert tuple(exits.loc[0, ["Cộng 2022", "Cộng 2023", "Cộng 2024"]]) == ("1", "2", "3")

    at.number_input(key="canh_bao_so_nam").set_value(4).run()
    assert not at.exception
    assert [m.value for m in at.metric][:2] == ["0", "1"]
    at.number_input(key="canh_bao_so_nam").set_value(3).run()
    at.toggle(key="canh_bao_moi_loai_chi_bo").set_value(True).run()
    assert [m.value for m in at.metric][0] == "2"
    _, idle = table(at, RULES["idle_cells"][0])
    assert list(idle["Loại chi bộ"]) == ["Quân sự", "Thôn"]


def test_page_on_the_sample_data_and_an_empty_selection(sample_env):
    at = run_page("pages/warnings.py", year=2025, boundary="current")
    expected = all_warnings(cursor(), "current", None, 2025, 3)
    assert not expected.empty
    figures, _ = table(at, "Danh sách cảnh báo")
    assert list(figures["Nội dung"]) == list(expected["detail"])
    at = run_page("pages/warnings.py", year=2022)
    assert not at.exception
    assert any("Không có." in s.value for s in at.success)  # no training rule before 2023
