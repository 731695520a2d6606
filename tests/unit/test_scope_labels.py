"""A scoped reader's screens and files say whose figures they hold, never the whole area's name."""

from __future__ import annotations

from queries.scope import area_label

OFFICER = ("21469-2015", "21439-2025")


def test_the_area_label_names_the_readers_units_valid_that_year():
    assert area_label(None, 2024) == "Toàn thị xã"  # the programme's name of the whole area (data/programme.toml)
    assert area_label(None, 2025) == "Toàn địa bàn thị xã Đức Phổ (cũ)"
    assert area_label(OFFICER, 2024) == "Phường Phổ Hòa"
    assert area_label(OFFICER, 2025) == "Phường Đức Phổ"
    assert area_label(("21469-2015",), 2025) == "Phường Phổ Hòa"  # no unit of its own that year: it still names it
    assert area_label((), 2024) == "Không có đơn vị nào"
