"""A logged-out visitor in Chromium, opening every page's URL of a real `streamlit run app.py`."""

from __future__ import annotations

from tests.support.auth_fixtures import PAGE_FILES, PASSWORD, add_accounts
from tests.support.browser import exceptions, new_page, screenshot, streamlit_server, wait_idle


def test_every_url_shows_only_the_login_form_until_login(sample_env, browser):
    add_accounts(sample_env)
    with streamlit_server(sample_env.db_path.parent) as url:
        page = new_page(browser)
        for url_path in ["" if path == "tong-quan" else path for path in PAGE_FILES]:  # the default is at /
            page.goto(f"{url}/{url_path}?nam=2024&don_vi=21469-2015")
            wait_idle(page, 90)
            page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=60_000)
            page.get_by_label("Tên đăng nhập").wait_for(timeout=60_000)
            wait_idle(page, 30)
            assert page.url.startswith(f"{url}/{url_path}?"), page.url
            assert page.get_by_text("Page not found").count() == 0, url_path
            for hidden in ("stDataFrame", "stPlotlyChart", "stMetric", "stDownloadButton", "stFileUploader",
                           "stSidebarNav", "stMultiSelect", "stSelectbox"):
                assert page.locator(f'[data-testid="{hidden}"]').count() == 0, (url_path, hidden)
            assert "Phường" not in page.locator('[data-testid="stMain"]').inner_text(), url_path
            assert exceptions(page) == [], url_path
        screenshot(page, "auth-login")

        page.goto(f"{url}/ket-nap?nam=2024")  # a bookmark: the login, then the page it names
        page.get_by_label("Tên đăng nhập").wait_for(timeout=60_000)
        page.get_by_label("Tên đăng nhập").fill("thuongtruc")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.locator('[data-testid="stSidebar"]').get_by_text("Đăng xuất").wait_for(timeout=180_000)
        wait_idle(page, 90)
        page.get_by_role("heading", name="Kết nạp đảng viên (T3)").wait_for(timeout=180_000)
        assert page.url.startswith(f"{url}/ket-nap")
        assert page.locator('[data-testid="stPlotlyChart"]').count() > 0
        assert page.get_by_role("link", name="Quản trị").count() == 0
        assert exceptions(page) == []
        screenshot(page, "auth-logged-in-thuong-truc")
