"""The 1 July 2025 reorganisation on hand-made workbooks, 2022 to 2026: T1 counts the party cells
from 2025 and nothing is computed across that change; whatever the boundary, a new unit's series
reaches back through the units merged into it (changes, ranks, pace, warnings); old units after
they ended show where they went; the filters live in the URL as stable ids."""

from __future__ import annotations

from tests.support.apptest_pages import table, texts
from tests.support.merger_data import DUC_PHO, HOA, LEFT_OUT, MINH, NGHIEM
from tests.support.page_queries import named
from tests.support.page_support import run_page
from tests.support.pdf_text import pdf_pages, squeeze


def test_the_warnings_page_in_2025_under_the_default_boundary(merger_env):
    at = run_page("pages/warnings.py", year=2025)
    assert at.radio(key="ranh_gioi").value == "reported"
    shown = texts(at)
    warnings = named("all_warnings", "reported", None, 2025, 3, False)  # its words: tests/database/test_reorganisation.py
    assert len(warnings) >= 2
    for row in warnings.itertuples():
        assert f"**{row.unit}**: {row.detail}" in shown


def gone_into_duc_pho(unit: str, year: int = 2025) -> str:
    return (f"{unit} đã sáp nhập vào Phường Đức Phổ từ năm 2025: số liệu năm {year} của địa bàn này nằm trong số "
            "liệu của Phường Đức Phổ; chọn Phường Đức Phổ hoặc một năm đến 2024.")


def test_an_old_unit_after_it_ended_says_where_it_went(merger_env):
    at = run_page("pages/pace.py", year=2025, units=[HOA])
    notes = [w.value for w in at.sidebar.warning]
    assert notes == [gone_into_duc_pho("Phường Phổ Hòa")]
    assert [i.value for i in at.main.info] == notes  # in the page too: a projector hides the sidebar
    assert not at.exception and not at.get("table")
    assert not any("Chậm tiến độ" in t or "Đúng tiến độ" in t for t in texts(at).splitlines())


def test_the_pages_that_stop_for_a_merged_unit_say_where_it_went_and_choose_it(merger_env):
    """The overview, the slides and the warnings said only «Không có số liệu cho lựa chọn này» (or «Chưa có số
    liệu năm 2025 …») in the main area; the button chooses the unit the chosen ones went into."""
    for page in ("pages/present.py", "pages/warnings.py", "pages/report.py"):
        at = run_page(page, year=2025, units=[HOA])
        assert [i.value for i in at.main.info] == [gone_into_duc_pho("Phường Phổ Hòa")], page
        assert not at.get("download_button"), page  # no report of nobody's figures
    at = run_page("pages/overview.py", year=2025, units=[HOA, MINH])
    assert [i.value for i in at.main.info] == [gone_into_duc_pho("Phường Phổ Hòa"), gone_into_duc_pho("Phường Phổ Minh")]
    [button] = at.main.button  # one unit both went into: one button
    assert button.label == "Chọn Phường Đức Phổ"
    button.click().run()
    assert not at.exception and at.session_state["don_vi"] == [DUC_PHO]
    assert not at.main.info and at.caption[0].value.startswith("**Phường Đức Phổ")


def test_the_whole_area_is_named_per_period(merger_env):
    at = run_page("pages/overview.py", year=2024)
    assert at.caption[0].value.startswith("**Toàn thị xã**")
    at.selectbox(key="nam").set_value(2025).run()
    assert at.caption[0].value.startswith("**Toàn địa bàn thị xã Đức Phổ (cũ)**")
    _, shown = table(at, "Chỉ tiêu")
    assert shown.set_index("Mã").at["T1", "Ghi chú"] == "Từ 2025: tính theo chi bộ cơ sở"


# ---- the filters in the URL ----------------------------------------------------------------

def opened(query: dict[str, str | list[str]]):
    from streamlit.testing.v1 import AppTest

    from tests.support.page_support import APP, TIMEOUT

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_link_holds_stable_ids_and_opens_the_same_view(merger_env):
    at = opened({"nam": "2024", "ranh_gioi": "moi", "don_vi": DUC_PHO})
    assert (at.selectbox(key="nam").value, at.radio(key="ranh_gioi").value) == (2024, "current")
    assert at.multiselect(key="don_vi").value == [DUC_PHO]
    assert at.caption[0].value.startswith("**Phường Đức Phổ**")
    at.multiselect(key="don_vi").set_value([DUC_PHO, NGHIEM]).run()
    assert at.query_params["don_vi"] == [DUC_PHO, NGHIEM]  # ids, not the labels shown
    assert at.query_params["ranh_gioi"] == "moi" and at.query_params["nam"] == "2024"
    assert not [w.value for w in at.warning if "đường dẫn" in w.value]


def test_a_url_value_that_cannot_be_applied_is_named(merger_env):
    at = opened({"nam": "2031", "ranh_gioi": "cu", "don_vi": ["99999-2025", HOA]})
    shown = [w.value for w in at.warning]
    assert "Năm «2031» trong đường dẫn chưa có số liệu (các năm có: 2022, 2023, 2024, 2025, 2026); " \
           "đang hiện năm đã chọn." in shown
    assert "Địa giới «cu» trong đường dẫn không hợp lệ (dùng theo-nam hoặc moi); đang dùng địa giới đã chọn." in shown
    assert r"Đơn vị «99999\-2025» trong đường dẫn không có trong danh sách đơn vị của địa giới đang chọn; " \
           "đã bỏ qua." in shown
    assert at.multiselect(key="don_vi").value == [HOA]  # what could be applied was


def test_a_known_unit_the_boundary_has_not_is_named_by_its_name(merger_env):
    """An old ward's link opened under the 5 new units named it by its id alone: «21469-2015»."""
    at = opened({"nam": "2024", "ranh_gioi": "moi", "don_vi": [HOA, "99999-2025"]})
    assert r"Đơn vị «21469\-2015» (Phường Phổ Hòa), «99999\-2025» trong đường dẫn không có trong danh sách đơn vị " \
           "của địa giới đang chọn; đã bỏ qua." in [w.value for w in at.warning]


def test_a_unit_merged_away_beside_one_still_there_is_named_in_the_page(merger_env):
    """Phổ Hòa with Đức Phổ in 2025: the figures shown are Đức Phổ's, and only the sidebar (hidden on a projector)
    said where Phổ Hòa went. The page says it under its title; the slides in their footer (their header)."""
    at = run_page("pages/overview.py", year=2025, units=[HOA, DUC_PHO])
    assert [i.value for i in at.main.info] == [LEFT_OUT]
    assert not at.main.button and table(at, "Chỉ tiêu")[1]["Đơn vị"].nunique() == 2  # the figures stay
    at = run_page("pages/present.py", year=2025, units=[HOA, DUC_PHO])
    assert not at.main.info
    assert f'<div class="dp-date">{LEFT_OUT}</div>' in " ".join(h.proto.body for h in at.get("html"))  # the cover
    [footer] = [c.value for c in at.caption if c.value.startswith("trang ")]
    assert footer.startswith("trang 1/14 · **So sánh 2 đơn vị: Phường Phổ Hòa, Phường Đức Phổ** · năm **2025** · "
                             "**Phường Phổ Hòa đã sáp nhập vào Phường Đức Phổ** · "), footer


def test_the_report_names_a_unit_merged_away_beside_one_still_there_on_its_cover(merger_env, fetch):
    """Phổ Hòa with Đức Phổ in 2025: the page says under its title that Phổ Hòa is not in the figures, but the files
    it offers did not, so a printed report left Phổ Hòa out silently. Their cover says it now, under the units and
    year. (Every chosen unit merged away: the page stops and offers no file, the test above.)"""
    at = run_page("pages/report.py", year=2025, units=[HOA, DUC_PHO])
    assert [i.value for i in at.main.info] == [LEFT_OUT]
    html_button, pdf_button = at.get("download_button")
    cover = fetch(html_button).decode("utf-8").split("</header>")[0]
    assert f'<p class="left-out">{LEFT_OUT}</p>' in cover
    assert cover.index("Cộng 2 đơn vị") < cover.index(LEFT_OUT)
    pages = [squeeze(page) for page in pdf_pages(fetch(pdf_button))]
    assert f"Phường Đức Phổ — năm 2025 {LEFT_OUT} Địa giới" in pages[0]
    assert not any(LEFT_OUT in page for page in pages[1:])
