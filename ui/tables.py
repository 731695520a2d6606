"""The table under a chart: exactly the figures it draws, under the Vietnamese names users read."""

from __future__ import annotations

import numpy as np
import pandas as pd

MET_TEXT = {True: "Đạt", False: "Chưa đạt"}

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
    "met": "Đạt mục tiêu",
}


def met_text(met: pd.Series) -> list[str]:
    """True / False / missing as `Đạt` / `Chưa đạt` / `—`, column-wise (the country's grid has 70,000)."""
    missing = met.isna().to_numpy()
    truth = met.where(~missing, False).astype(bool).to_numpy()
    return np.where(missing, "—", np.where(truth, MET_TEXT[True], MET_TEXT[False])).tolist()


def vi_table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The columns of `frame` named in `columns` (those present), in that order, renamed.

    `met` (True / False / None) becomes `Đạt` / `Chưa đạt` / `—`; figures are left as they are.
    """
    present = [c for c in columns if c in frame.columns]
    table = frame[present].copy()
    if "met" in table.columns:
        table["met"] = met_text(table["met"])
    return table.rename(columns=columns).reset_index(drop=True)
