"""Trình chiếu and Báo cáo họp under AppTest: no exception, the slide of the URL, the figures of the named query
(equal to the KPI export: tests/database/test_report.py)."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.numbers import vi_count
from core.wording import as_typed
from queries.indicators import reported_figures
from queries.judgement import FIRST_YEAR_WORDS, WORDS, Status
from queries.programme import programme
from queries.rate_text import rate_text
from tests.support.page_queries import named
from tests.support.page_support import app_test, run_page
from tests.support.readability import raw_codes

PRESENT, REPORT = "pages/present.py", "pages/report.py"


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.exception]


def present_at(query: dict[str, str]) -> AppTest:
    """The app opened on the presentation with these URL parameters, as a shared link opens it."""
    at = app_test()
    at.run()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(PRESENT)
    at.run()
    assert not at.exception, errors(at)
    return at


def slide_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "trang " in c.value)


def test_presentation_opens_at_the_slide_of_the_url_and_steps_within_the_deck(sample_env):
    at = present_at({"trang": "13"})
    assert "trang 13/14" in slide_caption(at)
    assert at.session_state["trang"] == 13
    at.button(key="slide_next").click().run()
    assert "trang 14/14" in slide_caption(at) and at.query_params["trang"] == "14"
    at.button(key="slide_next").click().run()
    assert "trang 14/14" in slide_caption(at)
    for number in (13, 12):
        at.button(key="slide_previous").click().run()
        assert not at.exception, errors(at)
        assert f"trang {number}/14" in slide_caption(at)


def url_notes(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "đường dẫn" in w.value]


@pytest.mark.parametrize("value", ["99", "abc", "0", "-1", "15", "²"])
def test_a_slide_the_deck_does_not_have_is_named_and_the_first_is_shown(sample_env, value):
    at = present_at({"trang": value})
    assert url_notes(at) == [f"Trang «{as_typed(value)}» trong đường dẫn không có (bài trình chiếu có 14 trang, từ 1 đến 14); "
                             "đang hiện trang 1."]
    assert "trang 1/14" in slide_caption(at) and "trang" not in at.query_params


@pytest.mark.parametrize(("query", "notes", "kept", "count"), [
    ({"trang": ["2", "3"]}, ["Trang được ghi 2 lần trong đường dẫn («2», «3»); chỉ dùng giá trị đầu tiên «2»."],
     {"trang": "2"}, 14),
    ({"nam": ["2022", "2023"]}, ["Năm được ghi 2 lần trong đường dẫn («2022», «2023»); chỉ dùng giá trị đầu tiên «2022»."],
     {"nam": "2022"}, 15),  # twenty units: the ranking on two slides
    ({"trang": ["abc", "3"]}, ["Trang được ghi 2 lần trong đường dẫn («abc», «3»); chỉ dùng giá trị đầu tiên «abc».",
                               "Trang «abc» trong đường dẫn không có (bài trình chiếu có 14 trang, từ 1 đến 14); "
                               "đang hiện trang 1."], {}, 14),
])
def test_a_parameter_given_twice_is_named_and_the_url_keeps_one_value(sample_env, query, notes, kept, count):
    at = present_at(query)
    assert url_notes(at) == notes
    assert {key: at.query_params.get(key) for key in query} == {key: kept.get(key) for key in query}
    assert f"trang {kept.get('trang', 1)}/{count}" in slide_caption(at)
    assert f"năm **{kept.get('nam', 2025)}**" in slide_caption(at)


def test_a_year_of_digits_that_are_no_number_is_named(sample_env):
    at = present_at({"nam": "²"})  # str.isdigit() says yes, int() says no
    assert url_notes(at) == ["Năm «²» trong đường dẫn chưa có số liệu (các năm có: 2020, 2021, 2022, 2023, 2024, "
                             "2025); đang hiện năm đã chọn."]


def test_a_switch_value_that_is_no_switch_is_named_and_the_switch_still_reaches_the_url(sample_env):
    at = present_at({"tuong_phan": "maybe", "trang": "3"})
    assert url_notes(at) == ["Tương phản cao «maybe» trong đường dẫn không hợp lệ; đang tắt tương phản cao."]
    assert at.toggle(key="tuong_phan").value is False and "tuong_phan" not in at.query_params
    at.button(key="slide_next").click().run()  # what the session wrote itself is no news
    at.toggle(key="tuong_phan").set_value(True).run()
    assert url_notes(at) == [] and "trang 4/14" in slide_caption(at)
    assert (at.query_params["trang"], at.query_params["tuong_phan"]) == ("4", "true")


def slide_text(at: AppTest) -> str:
    """What the slide shows: its texts, its HTML's text (cards, cover, warnings) and its charts but for the unit ids
    they carry for a click (customdata)."""
    parts = [str(e.value) for kind in ("markdown", "caption", "info", "success") for e in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [re.sub(r"<style>.*?</style>|<[^>]+>", " ", e.proto.body, flags=re.S) for e in at.get("html")]
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    parts += [json.dumps([{k: v for k, v in t.items() if k != "customdata"} for t in c["data"]] + [c["layout"]],
                         ensure_ascii=False) for c in charts]
    return "\n".join(parts)


@pytest.mark.parametrize(("boundary", "filters", "count"), [
    (None, "**Toàn thị xã** · năm **2022**", 15),  # twenty units: the ranking on two slides
    ("current", "năm **2022** · 5 đơn vị mới", 14),
])
def test_presentation_draws_every_slide(sample_env, boundary, filters, count):
    """Each slide drawn, the filters carried over, and no code of a unit, a party cell or an indicator on any
    (the warnings named a cell `Chi bộ tổ dân phố Đông Lợi (21466-01)`)."""
    at = run_page(PRESENT, year=2022, boundary=boundary)
    for number in range(1, count + 1):
        at.session_state["trang"] = number
        at.run()
        assert not at.exception, (number, errors(at))
        assert f"trang {number}/{count}" in slide_caption(at)
        assert filters in slide_caption(at)  # the filters carry over
        assert raw_codes(slide_text(at)) == [], number


def _slide_charts(at: AppTest) -> list[list[dict]]:
    """The plotly figures of every slide, drawn in turn in this session."""
    charts = []
    for number in range(1, 16):  # 2024: twenty units, the ranking on two slides
        at.session_state["trang"] = number
        at.run()
        assert not at.exception, (number, errors(at))
        charts.append([_plain(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")])
    return charts


def _plain(spec: object) -> object:
    """A figure's JSON with plotly's base64 arrays (`{"dtype", "bdata", "shape"}`) written as the lists they hold, and
    without properties set to null (unset, to plotly.js: a figure remade unvalidated keeps `height: null`)."""
    if isinstance(spec, dict) and set(spec) in ({"dtype", "bdata"}, {"dtype", "bdata", "shape"}):
        values = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"])
        shape = [int(n) for n in str(spec.get("shape", len(values))).split(",")]
        return values.reshape(shape).tolist()
    if isinstance(spec, dict):
        return {key: _plain(value) for key, value in spec.items() if value is not None}
    if isinstance(spec, list):
        return [_plain(value) for value in spec]
    return spec


def test_a_second_showing_draws_every_slide_as_the_first(sample_env):
    """The second showing of the deck gets its figures from the figure cache (rendering.figure_cache): the
    same charts, their values still numbers for the slides' own layout (which rewrote a cached `y` as the
    points `dtype` and `bdata`)."""
    first, second = (_slide_charts(run_page(PRESENT, year=2024)) for _ in range(2))
    assert sum(map(len, first)) >= 10 and second == first


def assert_report_table_is_the_query(at: AppTest, units, year: int, scope_label: str) -> None:
    """The page's table of indicators writes `meeting_data`'s rows (which tests/database/test_report.py
    holds equal to the KPI export) as Vietnamese figures and verdicts."""
    shown = at.dataframe[0].value.set_index("Mã")  # the short codes of data/programme.toml: T1, T4a, …
    rows = reported_figures(named("meeting_data", "reported", units, year, scope_label).indicators)  # `—`: none reported
    assert len(shown) == len(rows)
    for row in rows.itertuples():
        short = programme().indicator(row.indicator).short
        assert shown.at[short, "Tử số/Mẫu số"] == vi_count(row.numerator, row.denominator)
        assert shown.at[short, "Tỷ lệ"] == rate_text(row.rate)
        first_year = row.status == Status.NO_PACE  # a figure, no pace yet: said so
        assert shown.at[short, "Đánh giá"].startswith(FIRST_YEAR_WORDS if first_year else WORDS[Status(row.status)])


@pytest.mark.parametrize(("units", "scope"), [
    (None, "toàn thị xã"),
    (["21439-2015", "21442-2015", "21445-2015"], "cộng 3 đơn vị: Phường Nguyễn Nghiêm, Xã Phổ An, Xã Phổ Phong"),
])
def test_report_page_names_its_scope_inside_its_sentence(sample_env, units, scope):
    at = run_page(REPORT, year=2023, units=units)
    assert at.markdown[0].value.startswith(f"Báo cáo về tình hình thực hiện Đề án của **{scope}**, năm **2023**, ")


def test_report_page_offers_both_files_with_the_figures_of_the_query(sample_env):
    at = run_page(REPORT, year=2022)
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("HTML" in label for label in labels) and any("PDF" in label for label in labels)
    assert_report_table_is_the_query(at, None, 2022, "Toàn thị xã")
    assert "4. Cảnh báo" in "\n".join(m.value for m in at.markdown)

    at.selectbox(key="nam").set_value(2024)
    at.multiselect(key="don_vi").set_value(["21469-2015"])
    at.run()
    assert not at.exception, errors(at)
    assert_report_table_is_the_query(at, ("21469-2015",), 2024, "Phường Phổ Hòa")


@pytest.mark.parametrize("page", [REPORT, PRESENT])
def test_a_selection_without_figures_in_the_year_stops_politely_with_no_report_to_download(sample_env, page):
    """Phổ Văn ended with 2024: its 2025 has no figure. The report and the slides said so with 0/0 cards and
    empty tables, and the PDF they offered failed with an error id. They say where it went (the sidebar is hidden
    on the slides)."""
    at = run_page(page, year=2025, units=["21451-2015"])
    assert [i.value for i in at.main.info] == [
        "Phường Phổ Văn đã sáp nhập vào Phường Trà Câu từ năm 2025: số liệu năm 2025 của địa bàn này nằm trong số "
        "liệu của Phường Trà Câu; chọn Phường Trà Câu hoặc một năm đến 2024."]
    assert not at.get("download_button") and not at.get("plotly_chart") and not at.get("pagination")


def test_the_cover_of_units_side_by_side_says_so_as_its_footer_does(sample_env):
    """Three units compared (the default): the cover said `Cộng 3 đơn vị` while every slide's footer and the
    cards in columns said `So sánh 3 đơn vị`."""
    at = run_page(PRESENT, year=2024, units=["21469-2015", "21451-2015"])
    cover = " ".join(h.proto.body for h in at.get("html"))
    assert "<b>So sánh 2 đơn vị: Phường Phổ Hòa, Phường Phổ Văn</b> · năm <b>2024</b>" in cover
    assert "So sánh 2 đơn vị" in slide_caption(at)
