"""What the browser's address asks for and the app cannot give is said on the page, in Vietnamese: a page it
does not have, a value written as a link (the values of the filters and slides: test_reorganisation.py and
test_meeting_pages.py)."""

from __future__ import annotations

from tests.support.page_support import app_test

SERVER = "http://localhost:8501"


def url_notes(at) -> list[str]:
    return [w.value for w in at.warning if "đường dẫn" in w.value or "Không có trang" in w.value]


def test_an_address_naming_no_page_opens_the_home_page_and_says_so(sample_env):
    at = app_test()
    at.context = {"url": f"{SERVER}/trang-kh%C3%B4ng-c%C3%B3"}  # what the browser sends with the address typed
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert url_notes(at) == [r"Không có trang «trang\-không\-có»; đang mở Tổng quan."]
    assert at.title[0].value.startswith("Tổng quan")
    at.context = {"url": SERVER}  # Streamlit has put the home page's address in its place
    at.run()
    assert url_notes(at) == []


def test_a_value_written_as_a_link_is_shown_as_typed(sample_env):
    at = app_test()
    at.query_params["nam"] = "[Đăng nhập lại](https://vi.example)"
    at.run()
    assert url_notes(at) == [r"Năm «\[Đăng nhập lại\]\(https\:\/\/vi\.example\)» trong đường dẫn chưa có số liệu "
                             "(các năm có: 2020, 2021, 2022, 2023, 2024, 2025); đang hiện năm đã chọn."]
