"""The «Phạm vi số liệu» of a download with units compared side by side: a table naming each unit says
so sánh, a table of their sum says cộng (a per-unit table once read «Cộng 3 đơn vị»)."""

from __future__ import annotations

import pandas as pd

from ui.exports import SCOPE, with_context
from ui.filters import Filters

UNITS = ("21466-2015", "21469-2015", "21472-2015")
NAMES = ("Phường Phổ Vinh", "Phường Phổ Hòa", "Xã Phổ Khánh")


def chosen(compare: bool) -> Filters:
    return Filters(boundary="reported", year=2024, units=UNITS, unit_names=NAMES, years=(2023, 2024),
                   compare=compare)


def test_a_table_of_each_unit_is_the_comparison_and_one_of_their_sum_is_the_sum():
    per_unit = pd.DataFrame({"Đơn vị": list(NAMES), "Tỷ lệ": ["2,55%", "6,45%", "0,00%"]})
    summed = pd.DataFrame({"Năm": [2023, 2024], "Tỷ lệ": ["3,10%", "3,47%"]})
    summed_named = pd.DataFrame({"Đơn vị": ["Cộng 3 đơn vị: …"] * 2, "Tỷ lệ": ["3,10%", "3,47%"]})
    side_by_side = f"So sánh 3 đơn vị: {', '.join(NAMES)}"
    assert set(with_context(per_unit, chosen(compare=True))[SCOPE]) == {side_by_side}
    assert set(with_context(summed, chosen(compare=True))[SCOPE]) == {f"Cộng 3 đơn vị: {', '.join(NAMES)}"}
    assert set(with_context(summed_named, chosen(compare=True))[SCOPE]) == {f"Cộng 3 đơn vị: {', '.join(NAMES)}"}
    assert set(with_context(per_unit, chosen(compare=False))[SCOPE]) == {f"Cộng 3 đơn vị: {', '.join(NAMES)}"}
