"""A logged-out visitor in Chromium, opening pages by their URLs on a real `streamlit run app.py`."""

from __future__ import annotations

from tests.support.auth_fixtures import PAGE_FILES, PASSWORD, add_accounts
from tests.support.browser import exceptions, new_page, screenshot, streamlit_server, wait_idle

# Every URL reaches only the login form through one path of app.py: nothing but the login page is registered
# while no one is logged in, whatever the URL (tests/app/test_auth_app.py checks it for every page's URL). In
# Chromium: the default page, a data page with its filters in the link, the slides, the upload and the
# administration, and a bookmark of another page that opens once logged in.
URL_PATHS = ("", "trinh-do", "trinh-chieu", "du-lieu", "quan-tri")  # the default page is at /


def test_the_pages_urls_show_only_the_login_form_until_login(sample_env, browser):
    add_accounts(sample_env)
    assert set(URL_PATHS) - {""} <= set(PAGE_FILES)
    with streamlit_server(sample_env.db_path.parent) as url:
        page = new_page(browser)
        for url_path in URL_PATHS:
            page.goto(f"{url}/{url_path}?nam=2024&don_vi=21469-2015")
            wait_idle(page, 90)
            page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=60_000)
            page.get_by_label("Tên đăng nhập").wait_for(timeout=60_000)
            wait_idle(page, 30)
            assert page.url.startswith(f"{url}/{url_path}?"), page.url
            assert page.get_by_text("Page not found").count() == 0, url_path
            for hidden in ("stDataFrame", "stPlotlyChart", "stMetric", "stDownloadButton", "stFileUploader",
                           "stPageLink", "stMultiSelect", "stSelectbox"):
                assert page.locator(f'[data-testid="{hidden}"]').count() == 0, (url_path, hidden)
            assert page.locator(".st-key-menu").count() == 0, url_path  # no menu of the pages
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
