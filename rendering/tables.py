"""The table under a chart: exactly the figures it draws, under the Vietnamese names users read."""

from __future__ import annotations

import pandas as pd

from queries.indicators import reported_figures
from queries.programme import programme

# The Vietnamese name of a query's column, the same in every table, download and report that shows it.
# A table that names a column otherwise (its numerator is "Kết nạp") says so: `vi_columns(..., numerator=…)`.
COLUMN_NAMES = {
    "unit": "Đơn vị",
    "reporting_unit": "Đơn vị báo cáo",
    "unit_code": "Mã đơn vị",
    "year": "Năm",
    "code": "Mã",
    "short": "Mã",
    "label": "Chỉ tiêu",
    "short_label": "Chỉ tiêu",
    "population": "Đối tượng",
    "group": "Đối tượng",
    "admission_group": "Đối tượng",
    "member_group": "Nhóm",
    "numerator": "Tử số",
    "denominator": "Mẫu số",
    "count": "Tử số/Mẫu số",
    "rate": "Tỷ lệ",
    "share": "Tỷ lệ",
    "previous_rate": "Tỷ lệ năm trước",
    "target_text": "Mục tiêu",
    "verdict": "Đánh giá",
    "basis_note": "Ghi chú",
    "note": "Ghi chú",
    "not_reported": "Chưa báo cáo (không tính)",
    "series": "Đường",
    "rank": "Thứ hạng",
    "previous_rank": "Thứ hạng năm trước",
    "rank_change_text": "Thay đổi thứ hạng",
    "targets_met": "Số chỉ tiêu đạt",
    "indicators_rated": "Số chỉ tiêu được đánh giá",
    "below_count": "Số chỉ tiêu dưới mục tiêu",
    "distance_points": "Khoảng cách đến mục tiêu (điểm %)",
    "mean_distance_points": "Khoảng cách trung bình (điểm %)",
    "gap": "Số người còn thiếu",
    "shortfall": "Chưa được bồi dưỡng",
    "cell_code": "Mã chi bộ",
    "cell_name": "Tên chi bộ",
    "cell_type": "Loại chi bộ",
    "cells": "Số chi bộ",
    "cells_reported": "Chi bộ có báo cáo",
    "cells_unreported": "Chi bộ chưa báo cáo",
    "organisation": "Chi bộ",
    "organisations": "Số TCCSĐ",
    "rating": "Xếp loại",
    "four_good": "Chi bộ bốn tốt",
    "level": "Trình độ",
    "members": "Số đảng viên",
    "start_count": "Đảng viên đầu năm",
    "end_count": "Đảng viên cuối năm",
    "admitted": "Kết nạp",
    "all_admitted": "Tổng số kết nạp",
    "run_years": "Số năm liền không kết nạp",
    "run_from": "Năm bắt đầu chuỗi",
    "last_admission": "Lần kết nạp gần nhất",
    "exit_kind": "Hình thức",
    "form": "Hình thức kỷ luật",
    "excellent": "Hoàn thành xuất sắc",
    "good_or_better": "Hoàn thành tốt trở lên",
    "cadres": "Cán bộ chi bộ",
    "trained": "Được bồi dưỡng",
    "full_name": "Họ và tên",
    "birth_year": "Năm sinh",
    "role": "Chức vụ",
    "education": "Học vấn",
    "professional": "Chuyên môn",
    "political": "Lý luận chính trị",
    "rule": "Cảnh báo",
    "subject": "Chi bộ / đơn vị",
    "detail": "Nội dung",
    "figures": "Số liệu",
    "page_label": "Xem tại trang",
    "load_id": "Lượt nạp",
    "loaded_at": "Thời điểm nạp",
    "loaded_by": "Người nạp",
    "file_name": "Tệp",
    "outcome": "Kết quả",
    "warnings": "Cảnh báo",
}


def vi_columns(*columns: str, **named: str) -> dict[str, str]:
    """`columns` (a query's column names, in the table's order) → their Vietnamese names: those of
    COLUMN_NAMES, except the columns this table names otherwise (`named`)."""
    if unknown := set(named) - set(columns):
        raise ValueError(f"named columns not in the table: {sorted(unknown)}")
    return {column: named[column] if column in named else COLUMN_NAMES[column] for column in columns}


# Rows of the `indicator_units` / `indicator_trend` queries.
INDICATOR_COLUMNS = vi_columns("unit", "year", "label", "population", "numerator", "denominator", "rate", "target_text",
                               "verdict", "note")
# Rows of a page's summary of its indicators: the indicator first.
SUMMARY_COLUMNS = vi_columns("label", "population", "unit", "year", "numerator", "denominator", "rate", "target_text",
                             "verdict", "note")
# Rows of `pace_path`: the observed, projected and target lines of one indicator.
PACE_PATH_COLUMNS = vi_columns("series", "year", "numerator", "denominator", "rate", "note")
# Rows of `cells_without_admission`: the cells that have admitted nobody for years.
IDLE_CELL_COLUMNS = vi_columns("unit", "cell_code", "cell_name", "cell_type", "run_years", "run_from", "last_admission")


def pace_columns() -> dict[str, str]:
    """The Vietnamese name of every column of `pace_rows` (queries.progress), the deadlines' columns included."""
    columns = vi_columns("unit", "short", "label")  # the short code the method's periods name (T3b, SH1)
    columns |= {"base_year": "Năm gốc", "base_numerator": "Tử số năm gốc", "base_denominator": "Mẫu số năm gốc",
                "base_rate": "Tỷ lệ năm gốc", "latest_year": "Năm gần nhất", "latest_numerator": "Tử số năm gần nhất",
                "latest_denominator": "Mẫu số năm gần nhất", "latest_rate": "Tỷ lệ năm gần nhất",
                "observed_points": "Tốc độ đã đạt (điểm %/năm)", **vi_columns("verdict", verdict="Đánh giá năm gần nhất")}
    for d in programme().deadlines:
        columns |= {f"target_{d}": f"Mục tiêu {d}",
                    f"needed_{d}_points": f"Cần tăng mỗi năm để đạt mức {d} (điểm %/năm)",
                    f"reach_{d}": f"Năm đạt mức {d} theo tốc độ hiện nay", f"status_{d}": f"Đánh giá {d}"}
    return columns


def vi_table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The columns of `frame` named in `columns` (those present), in that order, renamed; the verdict
    is already in words (queries.judgement), figures are left as they are, but for those summing nothing
    reported, which are missing (queries.indicators.reported_figures)."""
    present = [c for c in columns if c in frame.columns]
    return reported_figures(frame)[present].rename(columns=columns).reset_index(drop=True)
