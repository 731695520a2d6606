"""A scoped reader's screens and files say whose figures they hold, never the whole area's name."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from auth.session import SESSION_KEY
from tests.support.auth_fixtures import add_accounts, login


@pytest.fixture
def officer_on_report_page(sample_env, fetch):
    add_accounts(sample_env)
    at = login("phohoa")
    at.selectbox(key="nam").set_value(2024).run()
    at.switch_page("pages/report.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_officers_screens_report_and_file_names_say_phuong_pho_hoa(officer_on_report_page, fetch):
    at = officer_on_report_page
    shown = " ".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    assert "Toàn thị xã" not in shown and "Phường Phổ Hòa" in shown
    assert at.session_state["current_filters"].scope_label == "Phường Phổ Hòa"
    html = pdf = None
    for button in at.download_button:
        name = fetch.file_name(button)
        assert "toan-thi-xa" not in name and "phuong-pho-hoa" in name, name
        if name.endswith(".html"):
            html = fetch(button).decode("utf-8")
        elif name.endswith(".pdf"):
            pdf = fetch(button)
    assert "Toàn thị xã" not in html and re.search(r"<title>[^<]*Phường Phổ Hòa", html)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Toàn thị xã" not in text and "Phường Phổ Hòa" in text
    assert at.session_state[SESSION_KEY].username == "phohoa"


def test_the_filter_bar_offers_the_officers_own_area_when_no_unit_is_chosen(sample_env):
    add_accounts(sample_env)
    at = login("phohoa")
    units = at.sidebar.multiselect(key="don_vi")
    assert at.sidebar.selectbox(key="nam").value == 2025  # the latest year: the merged ward's own report
    assert (units.placeholder, units.label) == ("Phường Đức Phổ", "Đơn vị (để trống = phường Đức Phổ)")
    at.sidebar.selectbox(key="nam").set_value(2024).run()
    assert at.sidebar.multiselect(key="don_vi").placeholder == "Phường Phổ Hòa"
    at = login("thuongtruc")
    assert at.sidebar.multiselect(key="don_vi").placeholder == "Toàn địa bàn thị xã Đức Phổ (cũ)"


def test_an_officer_of_one_merged_ward_sees_it_under_its_own_name_among_the_new_units(sample_env):
    """`/tong-quan?nam=2024&ranh_gioi=moi&don_vi=21439-2025` as the officer of Phổ Hòa: not Phổ Hòa's cards under
    Phường Đức Phổ's name; Phổ Hòa is offered under its own name, with its own figures."""
    add_accounts(sample_env)
    at = login("phohoa")
    at.query_params.update({"nam": "2024", "ranh_gioi": "moi", "don_vi": "21439-2025"})
    at.run()
    assert not at.exception and not at.metric  # no card: Đức Phổ has no 2024 figures of its own
    units = at.sidebar.multiselect(key="don_vi")
    assert units.options == ["Phường Đức Phổ", "Phường Phổ Hòa"]
    units.set_value(["21469-2015"]).run()
    assert "**Phường Phổ Hòa** · năm **2024** · 5 đơn vị mới" in at.caption[0].value
    assert [m.label for m in at.metric][:2] == ["1/1 — năm 2024", "18/25 — năm 2024"]


def test_an_officers_ranking_says_it_compares_only_their_units(officer_on_report_page, fetch):
    """A ward officer's «hạng 1» is among the units they may see, and the page and the report say so."""
    at = officer_on_report_page
    html = fetch(next(b for b in at.download_button if fetch.file_name(b).endswith(".html"))).decode("utf-8")
    assert "Bảng xếp hạng so sánh chỉ 1 đơn vị tài khoản này được xem (không phải mọi đơn vị của địa bàn)." in html
    at.switch_page("pages/scorecard.py").run()
    assert at.caption[1].value.startswith("Chỉ 1 đơn vị tài khoản này được xem (không phải mọi đơn vị của địa bàn) "
                                          "năm 2024 so với các chỉ tiêu chính")
    committee = login("thuongtruc")
    committee.switch_page("pages/scorecard.py").run()
    assert committee.caption[1].value.startswith("Mọi đơn vị năm 2025 so với các chỉ tiêu chính")
