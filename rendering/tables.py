"""The table under a chart: exactly the figures it draws, under the Vietnamese names users read."""

from __future__ import annotations

import pandas as pd

# Rows of the `indicator_units` / `indicator_trend` queries.
INDICATOR_COLUMNS = {
    "unit": "Đơn vị",
    "year": "Năm",
    "label": "Chỉ tiêu",
    "population": "Đối tượng",
    "numerator": "Tử số",
    "denominator": "Mẫu số",
    "rate": "Tỷ lệ",
    "target_text": "Mục tiêu",
    "verdict": "Đánh giá",
    "basis_note": "Ghi chú",
}


def vi_table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The columns of `frame` named in `columns` (those present), in that order, renamed; the verdict
    is already in words (queries.judgement), figures are left as they are."""
    present = [c for c in columns if c in frame.columns]
    return frame[present].rename(columns=columns).reset_index(drop=True)
