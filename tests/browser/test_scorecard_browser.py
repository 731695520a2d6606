"""Unit scorecard: exact ranks and rank changes on a hand-made dataset (workbooks written by the
test, loaded by the real loader), a click on the heat map in Chromium."""

from __future__ import annotations

from tests.support.browser import exceptions, new_page, streamlit_server, wait_idle


def test_clicking_a_heat_map_cell_in_chromium(scorecard_env, browser):
    with streamlit_server(scorecard_env.db_path.parent) as url:
        page = new_page(browser)
        page.goto(f"{url}/?nam=2024")
        wait_idle(page, 90)
        page.get_by_role("link", name="Bảng xếp hạng đơn vị").click()
        page.get_by_role("heading", name="Bảng xếp hạng đơn vị").wait_for(timeout=60_000)
        wait_idle(page, 60)
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        chart.scroll_into_view_if_needed()
        cells = chart.locator(".scatterlayer .trace .points path")  # one transparent marker per cell
        assert cells.count() == 6 * 7
        cells.nth(1 * 7 + 3).click(force=True)  # second row (Xã Phổ An), column T4
        # the click writes the unit into the URL (history API): waited for through the driver, whose events
        # a sleeping loop would never let in
        page.wait_for_url(lambda url: "don_vi=" in url, wait_until="commit", timeout=30_000)
        wait_idle(page, 60)
        assert "don_vi=" in page.url
        assert "Xã Phổ An" in page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').inner_text()
        page.get_by_role("link", name="Kết nạp đảng viên").click()
        page.get_by_role("heading", name="Kết nạp đảng viên (T3)").wait_for(timeout=60_000)
        wait_idle(page, 60)
        assert "Xã Phổ An" in page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
        assert exceptions(page) == []
