"""A unit expected to report that has sent nothing yet: the new Phường Sa Huỳnh in 2025 (Phổ Thạnh, merged into it,
reported 2024), beside Phường Đức Phổ, which has. Under the default boundary the unit list offered only units with
data: a link choosing Sa Huỳnh was dropped as «không có trong danh sách đơn vị của địa giới đang chọn» and the page
showed the whole area. It is listed, said to be missing, and chosen it shows that sentence instead of figures."""

from __future__ import annotations

import pytest

from tests.support.meeting_workbooks import built_var, copy_into, workbook
from tests.support.page_support import run_page

THANH, SA_HUYNH, DUC_PHO = "21478-2015", "21478-2025", "21439-2025"  # Phổ Thạnh → Sa Huỳnh on 1 July 2025
SAID = "Phường Sa Huỳnh chưa nộp báo cáo năm 2025."


@pytest.fixture(scope="session")
def awaited_var(request):
    return built_var(request, lambda: [workbook(THANH, 2024), workbook(DUC_PHO, 2025)])


@pytest.fixture
def awaited_env(empty_env, awaited_var):
    return copy_into(empty_env, awaited_var)


def test_a_unit_yet_to_send_its_first_report_is_listed_and_said_missing_instead_of_figures(awaited_env):
    at = run_page("pages/overview.py", year=2025, units=[SA_HUYNH])  # `?nam=2025&don_vi=21478-2025`
    menu = at.multiselect(key="don_vi")
    assert menu.value == [SA_HUYNH]
    assert "Phường Sa Huỳnh (2025, chưa nộp)" in menu.options
    assert not [w.value for w in at.warning if "đường dẫn" in w.value]
    assert [i.value for i in at.main.info] == [SAID]  # in the page: a projector hides the sidebar
    assert [w.value for w in at.sidebar.warning] == [SAID]
    assert at.caption[0].value.startswith("**Phường Sa Huỳnh** · năm **2025**")  # not the whole area
    assert not at.metric and not at.get("table")


def test_compared_it_shows_dashes_beside_the_unit_that_has_reported(awaited_env):
    at = run_page("pages/overview.py", year=2025, units=[SA_HUYNH, DUC_PHO])
    grid = next(h.proto.body for h in at.get("html") if "dp-compare" in h.proto.body)
    assert "Chưa nộp báo cáo năm 2025" in grid and "0/0" not in grid
    assert not at.main.info
