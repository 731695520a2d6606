"""A download's file name: the units' names cut after a whole word, never inside one («Phổ Nhơn» is
`pho-nhon`, never `pho-nho`)."""

from __future__ import annotations

import pytest

from rendering.format import FILE_UNITS, slug
from ui.exports import file_stem
from ui.filters import Filters

COMPARED = ("Phường Phổ Hòa (2020–2024)", "Phường Phổ Vinh (2020–2024)", "Xã Phổ Nhơn (2020–2024)")


def test_compared_units_are_cut_after_a_whole_word():
    filters = Filters(boundary="reported", year=2024, units=("21469-2015", "21466-2015", "21457-2015"),
                      unit_names=COMPARED, years=(2023, 2024), compare=True)
    stem = file_stem("Tỷ lệ THPT", filters)
    units = stem.split("_")[1]
    assert units == "phuong-pho-hoa-2020-2024-phuong-pho-vinh-2020-2024-xa-pho"
    assert len(units) <= FILE_UNITS
    assert stem == f"ty-le-thpt_{units}_2024_don-vi-bao-cao"


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Phường Phổ Hòa", None, "phuong-pho-hoa"),
    ("Phường Phổ Hòa", 14, "phuong-pho-hoa"),  # fits
    ("Phường Phổ Hòa", 10, "phuong-pho"),  # the cut falls on the hyphen
    ("Phường Phổ Hòa", 12, "phuong-pho"),  # inside `hoa`: the word left out
    ("Xã Phổ Nhơn", 10, "xa-pho"),
    ("Đảngbộcôngtylâmsản", 8, "dangboco"),  # one word longer than the limit: cut
])
def test_slug_limit_keeps_whole_words(text, limit, expected):
    assert slug(text, limit) == expected
