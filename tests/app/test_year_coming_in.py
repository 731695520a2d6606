"""A year still coming in: one ward has sent its 2026 report and the others not yet. The dashboard opens
on 2025, the last year all in; 2026 chosen, every page says how many units have reported and names the
others (the figures of the whole town are then one ward's); a ward that has reported shows no banner."""

from __future__ import annotations

import pytest

from database.db import cursor
from database.units import units_by_id, units_in_year
from etl.loading.batch import load_files
from queries.coverage import opening_year, year_coverage
from queries.report_data import meeting_data_for
from report.html import report_html
from report.pdf import report_pdf
from tests.support.page_support import run_page, submission, workbook_bytes
from tests.support.pdf_text import pdf_pages, squeeze
from ui import warm

SA_HUYNH = "21478-2025"


@pytest.fixture
def one_ward_in_2026(sample_env):
    content = submission(cursor(), SA_HUYNH, 2025)
    [result] = load_files([("sa-huynh-2026.xlsx", workbook_bytes(SA_HUYNH, 2026, content))], sample_env)
    assert result.ok, result.problems
    yield sample_env
    assert warm.wait_warm(120)  # the new version's frames written before the test's folder goes


def banners(at) -> list[str]:
    return [w.value for w in at.warning]


def test_the_dashboard_opens_on_the_last_year_all_in(one_ward_in_2026):
    coverage = year_coverage(cursor()).set_index("year")
    expected_2026 = len(units_in_year(2026))  # the sample's units all report
    assert tuple(coverage.loc[2026, ["expected", "reported"]]) == (expected_2026, 1)
    assert tuple(coverage.loc[2025, ["expected", "reported"]]) == (expected_2026, expected_2026)
    assert opening_year(year_coverage(cursor())) == 2025
    at = run_page("pages/overview.py")
    assert at.session_state["nam"] == 2025
    assert not [b for b in banners(at) if "mới có" in b]
    assert any(c.value.startswith(f"Năm 2026 đang nhận báo cáo: mới có 1/{expected_2026} đơn vị nộp") for c in at.caption)


def test_a_year_coming_in_names_the_units_not_in_yet_on_every_page(one_ward_in_2026):
    missing = [u.full_name for u in units_in_year(2026) if u.unit_id != SA_HUYNH]
    for page in ("pages/overview.py", "pages/pace.py", "pages/scorecard.py"):
        at = run_page(page, year=2026)
        [banner] = [b for b in banners(at) if "mới có" in b]
        assert banner.startswith(f"**Năm 2026 mới có 1/{len(missing) + 1} đơn vị nộp báo cáo**"), banner
        assert all(name in banner for name in missing[:6]), banner
        assert units_by_id()[SA_HUYNH].full_name not in banner.split("Chưa nộp:")[1]


def test_a_ward_that_has_reported_sees_no_banner(one_ward_in_2026):
    at = run_page("pages/overview.py", year=2026, units=[SA_HUYNH])
    assert not [b for b in banners(at) if "mới có" in b]


def test_the_slides_footer_says_how_many_units_are_in(one_ward_in_2026):
    at = run_page("pages/present.py", year=2026)
    footer = [c.value for c in at.caption if c.value.startswith("trang ")]
    assert footer and f"**mới có 1/{len(units_in_year(2026))} đơn vị nộp báo cáo**" in footer[0], footer
    at = run_page("pages/present.py", year=2025)
    assert not [c.value for c in at.caption if c.value.startswith("trang ") and "nộp báo cáo" in c.value]


def test_the_meeting_report_of_a_year_coming_in_says_so(one_ward_in_2026):
    expected = len(units_in_year(2026))
    said = f"Năm 2026 mới có 1/{expected} đơn vị nộp báo cáo: số liệu chỉ gồm các đơn vị đã nộp"
    data = meeting_data_for(cursor(), 2026)
    assert said in report_html(data)
    assert said in squeeze("\n".join(pdf_pages(report_pdf(data))))
    assert meeting_data_for(cursor(), 2025).coming_in is None
