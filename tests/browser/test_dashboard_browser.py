"""The dashboard as a person sees it: every page in headless Chromium and the unit filter."""

from __future__ import annotations

import csv
import http.client
import io
import re
import shutil
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import duckdb
import pytest

from core.numbers import vi_count
from core.rounding import percent
from database.db import cursor
from queries.kpi import kpi_table
from queries.warnings import idle_cells
from tests.support.browser import (
    exceptions,
    new_page,
    open_page,
    resize,
    screenshot,
    streamlit_server,
    wait_idle,
    whole_page_screenshot,
)
from tests.support.page_support import submission, workbook_bytes
from tests.support.readability import chart_labels, codes, cut_texts, emoji, english, menu_below_screen

PAGES = ["", "trinh-do", "ket-nap", "xep-loai", "bien-dong", "boi-duong", "chi-bo-can-bo",
         "sinh-hoat-chi-bo", "xep-hang",
         "tien-do", "canh-bao", "bao-cao", "du-lieu"]  # trinh-chieu: tests/test_projector_browser.py steps through it
WIDTHS = [(1024, 768), (1280, 720), (1920, 1080)]
SCREENSHOTS = [(1280, 720), (1920, 1080)]


# 2024 under each year's units; 2025, the year opened by default, under the five units of the merger
FILTERS = ["nam=2024", "nam=2025&ranh_gioi=moi"]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_readable(tab, app_url, path, filters):
    """No exception, no "Page not found", no English, no emoji; at 1024, 1280 and 1920 px wide no
    chart label runs into another or off its chart, no text is cut short, and every page of the sidebar's menu is
    on the first screen (at 1024×768 the last three needed a scroll, at 1280×720 six); a screenshot at 1280×720 and
    1920×1080."""
    page = tab
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[0], strict=True)))  # drawn at the first size
    open_page(page, f"{app_url}/{path}?{filters}")
    assert exceptions(page) == []
    assert page.get_by_text("Page not found").count() == 0
    problems = {}
    for width, height in WIDTHS:  # the first: the page as drawn (resize waits for its charts to fit), then two
        resize(page, width, height)
        labels = chart_labels(page)
        if labels["overlaps"] or labels["outside"] or labels["unlined"]:
            problems[width] = labels
        if cut_texts(page):
            problems[width] = {"cut short": cut_texts(page)}
        if menu_below_screen(page):
            problems[f"{width}×{height}, menu"] = menu_below_screen(page)
    assert problems == {}
    assert english(page) == []
    assert codes(page) == []
    assert emoji(page) == []
    for width, height in SCREENSHOTS:
        whole_page_screenshot(page, f"page-{path or 'goc'}" + ("" if filters == FILTERS[0] else "-2025-moi"), width, height)


def test_a_fresh_server_opens_a_deep_link_at_the_first_visit(browser, sample_var, tmp_path):
    """`streamlit run app.py` just started, and the first visitor comes from a shared link: the
    page of the link, no "Page not found" (Streamlit's legacy pages/ mode once answered that first
    run); then the home page under its own URL."""
    var_dir = tmp_path / "var"
    shutil.copytree(sample_var, var_dir, symlinks=True)
    with streamlit_server(var_dir) as url:
        page = new_page(browser)
        for path, title in [("ket-nap?nam=2022", "Kết nạp đảng viên (T3)"), ("tong-quan?nam=2022", "Tổng quan")]:
            open_page(page, f"{url}/{path}")
            assert page.get_by_text("Page not found").count() == 0, path
            assert page.get_by_role("dialog").count() == 0, path
            assert title in page.locator('[data-testid="stMain"] h1').first.inner_text()
            assert page.url.startswith(f"{url}/{path}")  # the app may add the default filters
        page.context.close()


def test_an_address_naming_no_page_says_so_in_vietnamese(tab, app_url):
    """Streamlit runs the home page for an address that names no page, and the page says so; Streamlit's own
    dialog over it ("Page not found", from its frontend) is in Vietnamese too (ui.vietnamese)."""
    open_page(tab, f"{app_url}/trang-khong-ton-tai?nam=2024")
    assert "Tổng quan" in tab.locator('[data-testid="stMain"] h1').first.inner_text()
    assert tab.get_by_text("Không có trang «trang-khong-ton-tai»; đang mở Tổng quan.").count() == 1
    dialog = tab.get_by_role("dialog")
    assert dialog.inner_text().splitlines() == [
        "Không có trang này", "Địa chỉ đã mở không phải một trang của ứng dụng; đang mở trang Tổng quan."]
    assert english(tab) == []


def test_an_address_below_a_page_opens_that_page(tab, app_url):
    """`/a/b` and `/tong-quan/x?…` were a blank page: Streamlit's index.html names its scripts relative to the
    address (`./static/…`), which under `/a/` is index.html again. The server sends the browser one level up
    (router/addresses.py), the filters of the link kept."""
    open_page(tab, f"{app_url}/a/b")
    assert "Tổng quan" in tab.locator('[data-testid="stMain"] h1').first.inner_text()
    assert tab.get_by_text("Không có trang «a»; đang mở Tổng quan.").count() == 1
    open_page(tab, f"{app_url}/tong-quan/x?nam=2024&don_vi=21469-2015")
    assert "Tổng quan" in tab.locator('[data-testid="stMain"] h1').first.inner_text()
    assert tab.url.startswith(f"{app_url}/tong-quan?nam=2024&")
    assert "Phường Phổ Hòa" in tab.locator('[data-testid="stMain"]').inner_text()
    assert english(tab) == []


def _answer(url: str, path: str) -> tuple[int, str]:
    """The server's status and Location for `path`, sent as it is written (no redirect followed)."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def test_streamlits_own_addresses_stay_and_no_address_leads_off_the_site(app_url):
    """Only an address below a page is sent elsewhere: Streamlit's health check, scripts and media answer as before;
    `//evil.com/x` and `/\\evil.com/x` go to the app's root on this site, never to evil.com."""
    with urllib.request.urlopen(f"{app_url}/") as index:
        script = re.search(r'src="\./(static/js/[^"]+)"', index.read().decode()).group(1)
    assert [_answer(app_url, p)[0] for p in ("/_stcore/health", f"/{script}", "/media/x.png", "/component/a/b")] == [
        200, 200, 404, 404]
    for path in ("//evil.com/x", "/\\evil.com/x"):
        status, location = _answer(app_url, path)
        assert status == 302, path
        assert urljoin(f"{app_url}{path}", location) == f"{app_url}/", path


def test_a_phone_sees_the_page_under_the_banners(tab, app_url):
    """390 px wide: the access and sample-data banners and the header line stay a strip at the top."""
    page = tab
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, f"{app_url}/?nam=2024")
    header = page.locator(".st-key-page_header").bounding_box()
    assert header["height"] <= 844 * 0.2, header
    assert page.locator('[data-testid="stMain"] h1').bounding_box()["y"] < 844 * 0.4
    screenshot(page, "phone-390x844")


def test_no_empty_plot_for_a_selection_without_figures(tab, app_url):
    """Phổ Hòa admitted no pupil, worker or business owner in 2022: a sentence, not an empty plot."""
    page = tab
    open_page(page, f"{app_url}/ket-nap?nam=2022&don_vi=21469-2015")
    page.get_by_text("Không có số liệu khác 0 để vẽ biểu đồ «Kết nạp theo đối tượng và đơn vị»").wait_for()
    titles = page.locator(".js-plotly-plot .gtitle").all_text_contents()
    assert not any("theo đơn vị, năm 2022" in t and "chủ doanh nghiệp" in t for t in titles), titles


def test_baseline_then_unit_filter_changes_the_figures(tab, app_url):
    page = tab
    open_page(page, f"{app_url}/trinh-do?nam=2022")
    assert page.get_by_text("67,78%").count() > 0
    open_page(page, f"{app_url}/trinh-do?nam=2022&don_vi=21469-2015")  # a unit by its stable id
    assert exceptions(page) == []
    assert "Phường Phổ Hòa" in page.locator('[data-testid="stMain"]').inner_text()
    screenshot(page, "filter-pho-hoa-2022")


PHO_HOA = "21469-2015"
PHO_HOA_URL = f"nam=2024&don_vi={PHO_HOA}"
CSV_HEADER = ("Phạm vi số liệu,Địa giới đơn vị,Năm đang xem,Mã,Chỉ tiêu,Năm,Tử số,Mẫu số,Tỷ lệ (%),Mục tiêu,"
              "Đánh giá,Ghi chú")


def _t3(var_dir: Path) -> tuple[int, int, dict]:
    """Phổ Hòa's 2024 T3 figures in the copied database, and its report as workbook rows."""
    with duckdb.connect(str((var_dir / "ducpho.duckdb").resolve()), read_only=True) as con:
        row = kpi_table(con, year=2024, unit="21469").set_index("indicator").loc["T3_admission_rate"]
        return int(row["numerator"]), int(row["denominator"]), submission(con, PHO_HOA, 2024)


def _overview_t3(page, text: str) -> None:
    """Wait until the overview's T3 card shows `text` (its `admitted/members — năm 2024` line)."""
    page.locator('[data-testid="stMetricLabel"]').get_by_text(text, exact=True).wait_for(timeout=120_000)


def _drawn_text(element) -> str:
    """What a person reads in an element whose own text is hidden (size 0) behind an ::after text."""
    own, after = element.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]")
    assert own == "0px", own
    return after.strip('"')


def _spoken(page, fragment: str, role: str = "StaticText") -> list[str]:
    """The names Chromium gives a screen reader (its accessibility tree) for the texts (or other `role`) of the
    page holding `fragment`."""
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    return [node["name"]["value"] for node in tree["nodes"] if not node.get("ignored")
            and node.get("role", {}).get("value") == role and fragment in node.get("name", {}).get("value", "")]


# a file's name holding Markdown: at the start of the report's line it would read as a list, emphasis, a link, red
# text and an `&`, were it not shown as typed (core.wording.as_typed)
UPLOAD_NAME = "1. *a*_b_[x](y) :red[do] &amp; pho-hoa-2024-bo-sung.xlsx"


def test_upload_changes_the_overview_and_its_csv(browser, sample_var, tmp_path):
    """A person uploads a corrected report on Dữ liệu, opens Tổng quan from the menu, sees the new
    T3 figure and downloads the table under it: the file holds the same figure."""
    var_dir = tmp_path / "var"
    shutil.copytree(sample_var, var_dir, symlinks=True)
    admitted, members, content = _t3(var_dir)
    first = content["members"][0]
    first.update(admitted=first["admitted"] + 2, end_count=first["end_count"] + 2, unrated=first["unrated"] + 2)
    upload = tmp_path / UPLOAD_NAME
    upload.write_bytes(workbook_bytes(PHO_HOA, 2024, content))
    before, after = (f"{vi_count(n, members)} — năm 2024" for n in (admitted, admitted + 2))

    with streamlit_server(var_dir) as url:
        page = new_page(browser)
        page.goto(f"{url}/?{PHO_HOA_URL}")
        _overview_t3(page, before)
        wait_idle(page, timeout_s=120)

        page.locator(".st-key-menu").get_by_role("link", name="Dữ liệu", exact=True).click()
        page.get_by_text("Nạp báo cáo của đơn vị").wait_for(timeout=120_000)
        wait_idle(page, timeout_s=120)  # the page's style sheet drawn too
        dropzone = page.locator('[data-testid="stFileUploaderDropzone"]')
        assert dropzone.locator("button p").inner_text() == "Chọn tệp"  # not Streamlit's "Upload"
        # named once, by Chromium and by Playwright alike, not «Chọn tệpChọn tệp»
        assert _spoken(page, "Chọn tệp", role="button") == ["Chọn tệp"]
        assert dropzone.get_by_role("button", name="Chọn tệp", exact=True).count() == 1
        assert _drawn_text(dropzone.locator('[data-testid="stFileUploaderDropzoneInstructions"] span')) == (
            "Kéo thả tệp vào đây · tối đa 20 MB mỗi tệp · XLSX, XLSM, XLS, ODS")
        # a screen reader hears the limit drawn, ours, not the uploader's own 21 MB (set above ours on purpose)
        assert _spoken(page, " MB") == ["Kéo thả tệp vào đây · tối đa 20 MB mỗi tệp · XLSX, XLSM, XLS, ODS"]
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
        button = page.get_by_role("button", name="Nạp dữ liệu")
        page.wait_for_function("b => !b.disabled", arg=button.element_handle(), timeout=60_000)
        button.click()
        page.get_by_text("Kết quả nạp:").wait_for(timeout=120_000)
        assert "thay thế" in page.locator('[data-testid="stMain"]').inner_text()
        said = page.locator('[data-testid="stAlert"] [data-testid="stMarkdownContainer"]').filter(
            has_text="Phường Phổ Hòa năm 2024")
        assert said.inner_text().startswith(f"{UPLOAD_NAME}: Phường Phổ Hòa năm 2024")  # as typed, not as Markdown
        screenshot(page, "upload-report")

        page.locator(".st-key-menu").get_by_role("link", name="Tổng quan", exact=True).click()
        _overview_t3(page, after)
        wait_idle(page, timeout_s=120)
        assert exceptions(page) == []
        assert page.get_by_text(before, exact=True).count() == 0
        screenshot(page, "overview-after-upload")

        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Tải CSV").first.click()
        data = Path(download.value.path()).read_bytes()
        assert download.value.suggested_filename == "chi-tieu_phuong-pho-hoa-2020-2024_2024_don-vi-bao-cao.csv"
        page.context.close()

    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert ",".join(rows[0]) == CSV_HEADER
    t3 = next(r for r in rows[1:] if r[3] == "T3")
    assert t3[:3] == ["Phường Phổ Hòa (2020–2024)", "Đơn vị theo từng năm", "2024"]  # the file says what it holds
    assert (int(t3[6]), int(t3[7]), t3[5]) == (admitted + 2, members, "2024")
    assert float(t3[8]) == percent((admitted + 2) / members)  # rounded half up, as on screen


def test_warnings_of_2025_under_the_default_boundary_list_the_idle_cells(tab, app_url, sample_env):
    """2025 under the default boundary (the year's own units): the cells of the new units that have
    admitted nobody for three years and more, their years before the merger counted, are listed."""
    idle = idle_cells(cursor(), "reported", None, 2025, 3)
    assert len(idle) == 6
    page = tab
    page.goto(f"{app_url}/canh-bao?nam=2025")
    page.get_by_role("heading", name="Cảnh báo", exact=True).wait_for(timeout=120_000)
    wait_idle(page, timeout_s=120)
    assert exceptions(page) == []
    assert "Đơn vị theo từng năm" in page.locator('[data-testid="stSidebar"]').inner_text()
    metric = page.locator('[data-testid="stMetric"]').first
    assert metric.locator('[data-testid="stMetricValue"]').inner_text() == "6"
    main = page.locator('[data-testid="stMain"]').inner_text()
    for cell in idle.to_dict("records"):
        assert f"{cell['cell_name']} ({cell['cell_type']}) không kết nạp được đảng viên nào" in main
    assert "2023: 2 → 2024: 7 → 2025: 10" in main  # Phường Đức Phổ's exits, its predecessors' years summed
    screenshot(page, "canh-bao-2025")


_SIDEBAR = """() => {
  const bottom = (selector) => {
    const e = document.querySelector(`[data-testid="stSidebar"] ${selector}`);
    return e ? Math.round(e.getBoundingClientRect().bottom) : null;
  };
  const links = [...document.querySelectorAll('.st-key-menu [data-testid="stPageLink"] a')];
  return {year: bottom('[data-testid="stSelectbox"]'), boundary: bottom('[data-testid="stRadio"]'),
          units: bottom('[data-testid="stMultiSelect"]'), scrolled: document.querySelector(
            '[data-testid="stSidebarContent"]').scrollTop, links: links.map(a => a.querySelector('p').textContent.trim()),
          cut: [...document.querySelectorAll('[data-testid="stMultiSelectTagsContainer"] span')]
            .filter(s => s.children.length === 0 && s.scrollWidth > s.clientWidth + 1).map(s => s.textContent)};
}"""


# The share of the main column's width its content may take (ui.layout.HEADER_CSS: the margins on a projector).
_MAIN_SHARE = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]'), style = getComputedStyle(main);
  return (main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) / main.clientWidth;
}"""


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1280, 720)])
def test_the_filters_are_on_the_first_screen_and_every_page_one_click_away(app_url, tab, width, height):
    """QA18 M4: the menu (13 pages) filled the sidebar first and the filters began 700 px down at 1024×768 and
    1280×720, the chosen units' names cut on their chips. The filters come first now, the menu of every page after."""
    from ui.navigation import SECTIONS, all_specs

    page = tab
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, f"{app_url}/ket-nap?nam=2024&don_vi=21451-2015&don_vi=21481-2015&don_vi=53405-2015")
    assert exceptions(page) == []  # three units compared: the page stopped under its first heading
    assert page.evaluate(_MAIN_SHARE) >= 0.9  # Streamlit's margins left the page 76% of the room beside the sidebar
    sidebar = page.evaluate(_SIDEBAR)
    assert sidebar["scrolled"] == 0
    for name in ("year", "boundary", "units"):
        assert sidebar[name] is not None and sidebar[name] <= height, sidebar
    assert sidebar["cut"] == [], sidebar
    assert sidebar["links"] == [spec.title for spec in all_specs(SECTIONS)]  # each page a link, in the menu's order
    page.locator(".st-key-menu").get_by_role("link", name="Cảnh báo", exact=True).click()
    page.wait_for_url("**/canh-bao**", timeout=60_000)
    wait_idle(page, timeout_s=120)
    assert "don_vi=53405-2015" in page.url and exceptions(page) == []  # the filters kept
