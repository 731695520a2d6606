"""Charts and messages at a province's or the country's size: what is cut, what is said, what is kept."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from database.units import LISTED_UNITS, Unit, UnitNotFound, resolve_unit
from rendering.charts import grouped_rate_bars, rate_bars_by_unit
from rendering.figure_cache import cached_figure
from rendering.limits import CHART_UNITS, first_units


def _rates(units: int) -> pd.DataFrame:
    return pd.DataFrame({
        "unit": [f"Xã Số {i:03d}" for i in range(units)],
        "numerator": [i % 10 for i in range(units)],
        "denominator": [10] * units,
        "rate": [(i % 10) / 10 for i in range(units)],
    })


def test_a_town_is_drawn_whole():
    frame = _rates(15)
    kept, flags, note = first_units(frame, "unit")
    assert len(kept) == 15 and all(flags) and note == ""


def test_a_province_draws_the_first_units_and_says_how_many_there_are():
    frame = _rates(180)
    kept, flags, note = first_units(frame, "unit")
    assert list(kept["unit"]) == list(frame["unit"].iloc[:CHART_UNITS])
    assert sum(flags) == CHART_UNITS
    assert note == f" — {CHART_UNITS} đơn vị đầu trong 180, đủ ở bảng số liệu"


def test_bars_by_unit_keep_the_colour_of_each_kept_unit():
    frame = _rates(100)
    roles = ["good" if r >= 0.5 else "bad" for r in frame["rate"]]
    fig = rate_bars_by_unit(frame, "T4", 0.8, "Mục tiêu", roles)
    bar = fig.data[0]
    assert list(bar.y) == list(frame["unit"].iloc[:CHART_UNITS])
    expected = ["#1e7b34" if role == "good" else "#c62828" for role in roles[:CHART_UNITS]]
    assert list(bar.marker.color) == expected
    assert "40 đơn vị đầu trong 100" in fig.layout.title.text


def test_a_cached_figure_is_the_same_figure_and_a_new_object_each_time():
    frame = _rates(12)
    first = grouped_rate_bars(frame, "unit", None, "Tỷ lệ đạt")
    first.update_layout(title_text="changed by the caller")
    second = grouped_rate_bars(frame, "unit", None, "Tỷ lệ đạt")
    assert second.layout.title.text == "Tỷ lệ đạt"  # the caller's change did not reach the cache
    assert second is not first
    assert second.to_json() != first.to_json()  # only the title differs
    assert json.loads(second.update_layout(title_text="changed by the caller").to_json()) == json.loads(first.to_json())


def test_a_cached_figure_follows_its_data():
    calls = []

    @cached_figure
    def count(frame: pd.DataFrame, title: str):
        import plotly.graph_objects as go
        calls.append(title)
        return go.Figure(go.Bar(x=frame["unit"], y=frame["numerator"]), layout={"title": {"text": title}})

    frame = _rates(5)
    count(frame, "a")
    count(frame, "a")
    assert calls == ["a"]
    changed = frame.assign(numerator=frame["numerator"] + 1)
    fig = count(changed, "a")
    assert calls == ["a", "a"]
    assert list(fig.data[0].y) == list(changed["numerator"])


def test_a_figure_from_the_cache_holds_the_values_of_its_first_build():
    """Plotly's dict of a figure writes numeric arrays as base64 (`{"dtype", "bdata"}`): a figure remade from it
    held that dict as its `y`, which `has_figures` read as nothing to draw (the "no data" message on every visit
    after the first) and the slides' layout rewrote as the points `dtype`, `bdata`."""
    import numpy as np

    from ui.blocks import has_figures

    @cached_figure
    def line(frame: pd.DataFrame):
        import plotly.graph_objects as go
        return go.Figure(go.Scatter(x=frame["unit"], y=frame["rate"].to_numpy(),
                                    customdata=np.column_stack([frame["numerator"], frame["denominator"]])))

    frame = _rates(6)
    first, again = line(frame), line(frame)
    assert has_figures(first) and has_figures(again)
    for fresh, cached in zip(first.data, again.data, strict=True):
        assert list(cached.x) == list(fresh.x)
        assert np.asarray(cached.y).dtype == np.asarray(fresh.y).dtype
        assert np.asarray(cached.y).tolist() == np.asarray(fresh.y).tolist() == list(frame["rate"])
        assert np.asarray(cached.customdata).tolist() == np.asarray(fresh.customdata).tolist()
    assert again.to_json() == first.to_json()


def _many_units(count: int) -> tuple[Unit, ...]:
    return tuple(Unit(f"u{i}", str(50000 + i), f"Số {i}", "Xã", 2020, None, None) for i in range(count))


def test_units_of_a_province_are_found_by_code_and_by_name():
    units = _many_units(500)
    assert resolve_unit("50123", 2024, units).unit_id == "u123"
    assert resolve_unit(50123.0, 2024, units).unit_id == "u123"
    assert resolve_unit("xã số 321", 2024, units).unit_id == "u321"
    assert resolve_unit("SỐ 7", 2024, units).unit_id == "u7"


def test_an_unknown_unit_among_many_lists_a_few_and_asks_for_the_code():
    units = _many_units(500)
    with pytest.raises(UnitNotFound) as raised:
        resolve_unit("Xã Không Có", 2024, units)
    message = raised.value.message
    assert "không có đơn vị «Xã Không Có» trong năm 2024" in message
    assert "(500 đơn vị; hãy ghi mã đơn vị)" in message
    assert message.count("Xã Số") == LISTED_UNITS
