"""Tiến độ đến mục tiêu: the pace of T4_thpt on the sample data from the Đề án's 2022 baseline
(223/329), computed by hand from the KPI export, and the page in AppTest."""

from __future__ import annotations

from core.numbers import vi_number
from queries.progress import (
    SERIES_OBSERVED,
)
from tests.support.apptest_pages import table, texts
from tests.support.page_support import run_page

PAGE = "pages/pace.py"


def test_page_shows_the_pace_and_how_it_is_computed(sample_env):
    at = run_page(PAGE, year=2024)
    assert "Cách tính: tốc độ đã đạt" in texts(at)
    _, shown = table(at, "Tiến độ các chỉ tiêu")
    row = shown.set_index("Chỉ tiêu").loc["Tốt nghiệp THPT"]
    assert (row["Năm gốc"], row["Tử số năm gốc"], row["Mẫu số năm gốc"], row["Tỷ lệ năm gốc"]) == (
        "2022", "223", "329", "67,78%")
    assert (row["Năm gần nhất"], row["Tử số năm gần nhất"], row["Tỷ lệ năm gần nhất"]) == ("2024", "259", "78,72%")
    assert row["Tốc độ đã đạt (điểm %/năm)"] == vi_number(36 / 329 / 2 * 100, 2) == "5,47"
    assert row["Năm đạt mức 2025 theo tốc độ hiện nay"] == "2028"
    assert row["Đánh giá 2025"] == "Chậm tiến độ (mức 2025)"
    ratings = shown.set_index("Chỉ tiêu").loc["TCCSĐ hoàn thành tốt nhiệm vụ trở lên"]
    assert ratings["Năm đạt mức 2025 theo tốc độ hiện nay"] == "—"  # every year: no arrival year
    assert ratings["Đánh giá 2025"].startswith("đạt ") and "/5 năm" in ratings["Đánh giá 2025"]

    at.multiselect(key="tien_do_chi_tieu").set_value(["T4_thpt"]).run()
    assert not at.exception
    path, _ = table(at, "Tiến độ Tốt nghiệp THPT")
    assert list(path.loc[path["Đường"] == SERIES_OBSERVED, "Năm"]) == [2020, 2021, 2022, 2023, 2024]
    _, by_unit = table(at, "Tiến độ Tốt nghiệp THPT theo đơn vị")
    assert len(by_unit) == 15
    assert "Năm gốc 2022: **67,78%** (223/329)" in texts(at)

    at.multiselect(key="tien_do_chi_tieu").set_value([]).run()
    assert "Chọn ít nhất một chỉ tiêu để xem biểu đồ tiến độ." in [i.value for i in at.info]


def test_one_year_of_data_has_no_pace(sample_env):
    at = run_page(PAGE, year=2020, units=["21469-2015"])
    _, shown = table(at, "Tiến độ các chỉ tiêu")
    assert set(shown["Tốc độ đã đạt (điểm %/năm)"]) == {"—"}
    assert "chưa tính được tốc độ" in texts(at)


def test_a_unit_without_figures_up_to_the_year_stops_politely(sample_env):
    at = run_page(PAGE, year=2020, units=["21439-2025"])  # Phường Đức Phổ reports from 2025
    assert [i.value for i in at.info] == [
        "Chưa có số liệu đến năm 2020 cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác."]
