"""The words of a warning of cells without an admission: a run of one year names that year, not `2023–2023`."""

from __future__ import annotations

import pandas as pd

from queries.warning_words import idle_rows


def idle(run_from: int, run_to: int) -> str:
    frame = pd.DataFrame([{"display_id": "21469-2015", "unit": "Phường Phổ Hòa", "cell_code": "T02",
                           "cell_name": "Chi bộ thôn T02", "cell_type": "Thôn", "run_years": run_to - run_from + 1,
                           "run_from": run_from, "run_to": run_to, "last_admission": str(run_from - 1)}])
    return idle_rows(frame, run_to)[0]["detail"]


def test_a_run_of_years_and_a_run_of_one_year():
    assert "không kết nạp được đảng viên nào 3 năm liền (2021–2023); lần kết nạp gần nhất năm 2020" in idle(2021, 2023)
    assert "không kết nạp được đảng viên nào 1 năm liền (2023); lần kết nạp gần nhất năm 2022" in idle(2023, 2023)
