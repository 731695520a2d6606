"""One formatter for every figure (rendering/format.py): the same decimals for the same kind of figure, the
typographic minus, half up, `—` for a missing value; and one figure reads the same on a card, in the
heat map, in the ranking table, in its CSV and in the meeting report."""

from __future__ import annotations

import pandas as pd
import pytest

from core.numbers import vi_cell_number, vi_number, vi_percent, vi_points, year_span
from rendering.format import column_format, rounded_column
from report.tables import as_text
from ui.blocks import export_frame, styled


def test_each_kind_of_figure_has_its_decimals_and_a_typographic_minus():
    assert vi_percent(223 / 329) == "67,78%" and vi_percent(3 / 96) == "3,13%" and vi_percent(1.0) == "100,00%"
    assert vi_points(-0.1333333) == "−13,33 điểm %" and vi_points(0.0) == "±0,00 điểm %"
    assert vi_number(-1.925, 2) == "−1,93" and vi_number(2963) == "2.963" and vi_number(-2963) == "−2.963"
    for missing in (None, float("nan"), pd.NA):
        assert vi_percent(missing) == vi_points(missing) == vi_number(missing) == "—"


def test_a_span_of_years_and_a_span_of_one_year():
    assert (year_span(2020, 2025), year_span(2023, 2023)) == ("2020–2025", "2023")


def test_tables_on_screen_in_files_and_in_the_report_format_alike():
    table_ = pd.DataFrame({"Năm": [2024, 2025], "Tử số": [2963, 3], "Tỷ lệ": [223 / 329, None],
                           "Khoảng cách (điểm %)": [2.648494172725543, -1.925], "Đánh giá": ["Đạt", None]})
    assert [column_format(c, table_[c]) is None for c in table_.columns] == [True, False, False, False, True]
    text = as_text(table_)  # the report's tables
    assert list(text.iloc[0]) == ["2024", "2.963", "67,78%", "2,65", "Đạt"]
    assert list(text.iloc[1]) == ["2025", "3", "—", "−1,93", "—"]
    assert styled(table_).to_string(delimiter="|").splitlines()[1].split("|")[1:] == list(text.iloc[0])
    written = export_frame(table_)  # the downloads: rounded as shown, never 2.648494172725543
    assert list(written.columns) == ["Năm", "Tử số", "Tỷ lệ (%)", "Khoảng cách (điểm %)", "Đánh giá"]
    assert written.iloc[0].tolist() == [2024, 2963, 67.78, 2.65, "Đạt"]
    assert written.iloc[1]["Khoảng cách (điểm %)"] == -1.93
    assert rounded_column("Tỷ lệ", pd.Series([3 / 96])).tolist() == [3.13]  # half up, as on screen


@pytest.mark.parametrize(
    ("value", "grouped", "text"),
    [
        (29.5, True, "29,5"), (-1, True, "−1"), (-1.0, True, "−1"), (10**15, True, "1.000.000.000.000.000"),
        (1e15, False, "1000000000000000"), (2030, False, "2030"), (0.1 + 0.2, True, "0,3"),
        (12.345678, True, "12,345678"), (1e-7, True, "0,0000001"),
        (-1.5e-16, True, "−1,5E−16"), (1.27319747458e-312, True, "1,27319747457916E−312"), (1e25, True, "1E+25"),
        (10**400, True, "1" + "0" * 400),
    ],
)
def test_a_number_as_a_cell_holds_it(value, grouped, text):
    """A workbook's problem quotes a cell's number so (docs/DATA_CONTRACT.md); never an error, whatever the cell."""
    assert vi_cell_number(value, grouped=grouped) == text


def test_a_load_report_counts_as_the_pages_do():
    """A merged ward's report reads `1.077 đảng viên`, as every page writes a count: it read `1077`."""
    from etl.loading.loader import OUTCOME_NEW, OUTCOME_REJECTED, LoadResult

    loaded = LoadResult("bao-cao.xlsx", OUTCOME_NEW, "21439-2025", 2025, cells=1_203, members=21_077, cadres=1_152)
    assert loaded.summary() == ("bao-cao.xlsx: Phường Đức Phổ năm 2025 — nạp mới "
                                "(1.203 chi bộ, 21.077 đảng viên cuối năm, 1.152 cán bộ chi bộ)")
    refused = LoadResult("bao-cao.xlsx", OUTCOME_REJECTED, problems=[None] * 1_500)
    assert refused.summary() == "bao-cao.xlsx: bị từ chối, 1.500 lỗi"


def test_many_rows_with_one_problem_are_counted_as_the_pages_count():
    from etl.checking.model import Problem, group_problems

    blanks = [Problem("bao-cao.xlsx", "Đảng viên", row, "Cuối năm", None, "bắt buộc phải điền", blank=True)
              for row in range(2, 1_202)]
    [grouped] = group_problems(blanks)
    assert grouped.expected.startswith("1.200 dòng chưa điền cột «Cuối năm»: dòng 2–1201; ")
