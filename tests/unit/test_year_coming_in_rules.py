"""The year the filter bar opens on, the banner of a year still coming in and the rule that decides it, and what
the cards say of such a year, on hand-made counts."""

from __future__ import annotations

import pandas as pd

from queries.coverage import coming_in, opening_year, partly_in, still_coming_in
from report.cards import cards_html, comparison_html


def coverage(*rows: tuple[int, int, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "expected", "reported"])


def test_the_year_before_one_still_coming_in_and_never_further_back():
    assert opening_year(coverage((2024, 15, 15), (2025, 5, 5))) == 2025
    assert opening_year(coverage((2024, 15, 15), (2025, 5, 1))) == 2024
    # a unit that never sends its report again: the latest year, not one further back
    assert opening_year(coverage((2023, 15, 15), (2024, 15, 14), (2025, 15, 14))) == 2025
    assert opening_year(coverage((2023, 15, 15), (2024, 15, 14), (2025, 15, 2))) == 2024
    assert opening_year(coverage((2025, 5, 1))) == 2025  # nothing before it
    assert opening_year(coverage()) is None


def test_the_banner_names_six_units_and_counts_the_rest():
    units = pd.DataFrame({"unit": [f"Xã {n}" for n in range(1, 1_202)], "reported": [True] + [False] * 1_200})
    banner = coming_in(units, 2026)
    assert banner.startswith("**Năm 2026 mới có 1/1.201 đơn vị nộp báo cáo**: số liệu chỉ gồm các đơn vị")
    assert banner.endswith("Chưa nộp: Xã 2, Xã 3, Xã 4, Xã 5, Xã 6, Xã 7 và 1.194 đơn vị khác.")
    assert coming_in(units.assign(reported=True), 2026) is None  # all in
    assert coming_in(units.assign(reported=False), 2026) is None  # none: the page says so itself


def test_an_earlier_year_says_where_the_latest_one_stands():
    partial = coverage((2024, 15, 15), (2025, 5, 1))
    assert still_coming_in(partial, 2024) == ("Năm 2025 đang nhận báo cáo: mới có 1/5 đơn vị nộp; chọn năm 2025 ở bộ "
                                              "lọc để xem.")
    assert still_coming_in(partial, 2025) is None  # the banner of the year itself says it
    assert still_coming_in(coverage((2024, 15, 15), (2025, 5, 5)), 2024) is None


def reported(*flags: bool) -> pd.DataFrame:
    return pd.DataFrame({"unit": [f"Xã {n}" for n in range(1, len(flags) + 1)], "reported": list(flags)})


def test_a_year_is_still_coming_in_when_some_units_are_in_and_some_not():
    assert partly_in(reported(True, False, False))
    assert partly_in(reported(False, True))
    assert not partly_in(reported(True, True))  # all in: one ward that has sent its report, or the whole town
    assert not partly_in(reported(False, False))  # none: no figures at all, the page says so itself
    assert not partly_in(reported())
    assert coming_in(reported(True, False), 2026) and not coming_in(reported(True), 2026)  # the banner's own test


def card(code: str, change: float, change_note: str) -> dict:
    return {"indicator": code, "heading": f"Chỉ tiêu {code}", "rate": 0.62, "numerator": 62, "denominator": 100,
            "year": 2026, "change": change, "change_note": change_note, "role": "none", "verdict": "Chưa tính tiến độ",
            "target_text": "≥ 75%", "targets": "Mục tiêu 2025: ≥ 50% · 2030: ≥ 75%", "basis_note": "",
            "beside_text": "", "unit": "Phường Sa Huỳnh"}


def test_the_cards_of_a_year_still_coming_in_say_once_why_they_show_no_change():
    note = "Chưa so với năm 2025: năm 2026 đang nhận báo cáo"
    withheld = pd.DataFrame([card("T4", float("nan"), note), card("T5", float("nan"), note)])
    for html in (cards_html(withheld), comparison_html(withheld, ["Phường Sa Huỳnh"])):
        assert html.count(f"{note}.") == 1 and "dp-change" not in html
    compared = pd.DataFrame([card("T4", 0.0125, ""), card("T5", -0.02, "")])
    for html in (cards_html(compared), comparison_html(compared, ["Phường Sa Huỳnh"])):
        assert "Chưa so với" not in html and "+1,25 điểm % so với 2025" in html and "−2,00 điểm % so với 2025" in html
