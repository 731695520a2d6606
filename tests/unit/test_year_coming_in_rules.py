"""The year the filter bar opens on, and the banner of a year still coming in, on hand-made counts."""

from __future__ import annotations

import pandas as pd

from queries.coverage import coming_in, opening_year, still_coming_in


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
