"""The report's tables as text, in the Vietnamese formats of the pages (`67,78%`, `2.151`)."""

from __future__ import annotations

import pandas as pd

from queries.report_data import MeetingData
from ui.format import vi_number, vi_percent, vi_points
from ui.tables import INDICATOR_COLUMNS, vi_table

RATE_PREFIX = "Tỷ lệ"
PACE_COLUMNS = {
    "label": "Chỉ tiêu", "base_year": "Năm gốc", "base_rate": "Tỷ lệ năm gốc", "latest_year": "Năm gần nhất",
    "latest_rate": "Tỷ lệ năm gần nhất", "observed_per_year": "Đã tăng mỗi năm",
    "needed_2025": "Cần tăng mỗi năm đến 2025", "needed_2030": "Cần tăng mỗi năm đến 2030",
    "reach_2025": "Đạt mục tiêu 2025 vào năm", "reach_2030": "Đạt mục tiêu 2030 vào năm",
}
POINTS_COLUMNS = ("Đã tăng mỗi năm", "Cần tăng mỗi năm đến 2025", "Cần tăng mỗi năm đến 2030")


def as_text(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell as the text a reader sees; missing figures become `—`."""
    out = pd.DataFrame(index=table.index)
    for column in table.columns:
        values = table[column]
        if str(column).startswith(RATE_PREFIX):
            out[column] = [vi_percent(v) for v in values]
        elif column in POINTS_COLUMNS:
            out[column] = [vi_points(v) for v in values]
        elif pd.api.types.is_integer_dtype(values) and not str(column).startswith("Năm"):
            out[column] = [vi_number(v) for v in values]
        elif pd.api.types.is_float_dtype(values):
            out[column] = [vi_number(v, 2) for v in values]
        else:
            out[column] = ["—" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values]
    return out.reset_index(drop=True)


def indicators_table(data: MeetingData) -> pd.DataFrame:
    """Every indicator of the year: the KPI export's rows, as the pages name them."""
    return vi_table(data.indicators.assign(code=[c for c in data.indicators["indicator"]]),
                    {"code": "Mã", "label": "Chỉ tiêu", "population": "Đối tượng", **INDICATOR_COLUMNS})


def trend_table(data: MeetingData, codes: tuple[str, ...]) -> pd.DataFrame:
    """Year by year figures of `codes`."""
    frame = data.trend[data.trend["indicator"].isin(codes)]
    return vi_table(frame, {"label": "Chỉ tiêu", **INDICATOR_COLUMNS})


def units_table(data: MeetingData, code: str) -> pd.DataFrame:
    frame = data.by_unit[data.by_unit["indicator"] == code]
    return vi_table(frame, INDICATOR_COLUMNS)


def pace_table(data: MeetingData) -> pd.DataFrame:
    return vi_table(data.pace, PACE_COLUMNS)
