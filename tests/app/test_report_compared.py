"""Báo cáo họp with 2–4 units compared (the filter's «So sánh từng đơn vị»): the page, the HTML and the PDF add
each unit's own figures after their sum, the figures of the unit alone (the KPI export's), in the filter's order;
summed («Cộng gộp»), they do not."""

from __future__ import annotations

from html import unescape

import pytest

from core.numbers import vi_count
from database.db import cursor
from queries.rate_text import rate_text
from queries.targets import year_figures
from tests.support.page_support import run_page
from tests.support.pdf_text import pdf_pages, squeeze
from ui import url_state

REPORT = "pages/report.py"
UNITS = {"21469-2015": "Phường Phổ Hòa", "21439-2015": "Phường Nguyễn Nghiêm", "21445-2015": "Xã Phổ Phong"}
HEADING = "So sánh 3 đơn vị: Phường Phổ Hòa, Phường Nguyễn Nghiêm, Xã Phổ Phong"
TABLE = "Toàn bộ chỉ tiêu của từng đơn vị năm 2024"


def _button(at, key: str):
    return next(b for b in at.download_button if b.key == key)


def _alone(sample_env, unit_id: str, code: str) -> dict:
    """The unit's figure of `code` in 2024 when it alone is chosen."""
    figures = year_figures(cursor(sample_env), "reported", (unit_id,), 2024)
    return figures[figures["indicator"] == code].iloc[0].to_dict()


def _row_text(row: dict) -> str:
    return f"{vi_count(row['numerator'], row['denominator'])}"


def test_compared_units_are_side_by_side_on_the_page_and_in_both_files(sample_env, fetch):
    at = run_page(REPORT, year=2024, units=list(UNITS))
    assert [s.value for s in at.subheader][-1] == "So sánh 3 đơn vị"
    compared = next(h.proto.body for h in at.get("html") if "dp-compare" in h.proto.body)
    assert [name in compared for name in UNITS.values()] == [True] * 3

    html = unescape(fetch(_button(at, "bao_cao_html")).decode("utf-8"))
    assert HEADING in html and TABLE in html and 'class="dp-compare"' in html
    assert html.index("Phường Phổ Hòa", html.index(TABLE)) < html.index("Xã Phổ Phong", html.index(TABLE))
    for unit_id, name in UNITS.items():  # each unit's T4 is its own figure, in the cards and the table
        row = _alone(sample_env, unit_id, "T4_thpt")
        assert f"<td>{name}</td><td class=\"num\">{_row_text(row)}</td><td class=\"num\">{rate_text(row['rate'])}</td>" \
            in html[html.index(TABLE):], name

    pdf = squeeze(" ".join(pdf_pages(fetch(_button(at, "bao_cao_pdf")))))
    assert HEADING in pdf and TABLE in pdf
    phong = _alone(sample_env, "21445-2015", "T4_thpt")
    assert f"Xã Phổ Phong {_row_text(phong)} {rate_text(phong['rate'])}" in pdf


@pytest.mark.parametrize("units", [list(UNITS), ["21469-2015"], None])
def test_a_sum_one_unit_or_the_whole_area_has_no_comparison(sample_env, fetch, units):
    at = run_page(REPORT, year=2024, units=units)
    if units and len(units) > 1:
        at.radio(key=url_state.VIEW).set_value(url_state.SUM).run()
        assert not at.exception
    assert "So sánh 3 đơn vị" not in [s.value for s in at.subheader]
    html = fetch(_button(at, "bao_cao_html")).decode("utf-8")
    assert TABLE not in unescape(html) and 'class="dp-compare"' not in html
