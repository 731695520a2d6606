"""Value labels kept off the target lines: a bar's label moves into its bar, a point's label to the other
side of its point, where the line would run through it (what the committee saw on slides 4 and 8:
`48,39%` and `88,48%` struck through by the 50 % and 90 % lines). In Chromium every slide and page is
checked for it at each projector size (tests/support/readability.py, `chart_labels`)."""

from __future__ import annotations

import pandas as pd

from core.numbers import vi_percent
from rendering.axes import focused_range
from rendering.chart_style import NO_PLACE, SHARED_BELOW, bar_label_places, label_sides
from rendering.charts import count_lines, rate_bars_by_unit, rate_trend


def test_a_label_the_target_line_would_cross_goes_into_its_bar():
    rates = [0.5350, 0.4839, 0.4211, 0.2778, 0.05, 0.7407]
    labels = [vi_percent(r) for r in rates]
    assert bar_label_places(rates, 1.0) == ["inside", "outside", "outside", "outside", "outside", "inside"]
    assert bar_label_places(rates, 1.0, labels, 0.5) == ["inside", "inside", "inside", "outside", "outside", "inside"]
    # a bar shorter than its label keeps it outside, even where the line crosses it
    assert bar_label_places([0.02], 1.0, ["2,00%"], 0.05) == ["outside"]
    roles = ["good", "good", "bad", "bad", "bad", "good"]
    frame = pd.DataFrame({"unit": [f"Xã {i}" for i in range(6)], "numerator": [1] * 6, "denominator": [2] * 6,
                          "rate": rates})
    bar = rate_bars_by_unit(frame, "T5", 0.5, "Mục tiêu 2025: ≥ 50%", roles).data[0]
    assert list(bar.textposition) == ["inside", "inside", "inside", "outside", "outside", "inside"]


def _rating_lines() -> pd.DataFrame:
    """Slide 8's lines: units' and members' ratings against the 90 % target."""
    return pd.DataFrame({
        "year": [2020, 2021, 2022, 2023, 2024] * 2,
        "series": ["TCCSĐ"] * 5 + ["Đảng viên"] * 5,
        "rate": [0.75, 0.90, 0.95, 0.85, 0.85, 0.8848, 0.8855, 0.8821, 0.8830, 0.8802],
        "numerator": [1] * 10, "denominator": [1] * 10,
    })


def test_a_point_label_the_target_line_would_cross_goes_below_its_point():
    frame = _rating_lines()
    axis = focused_range([*frame["rate"], 0.9])  # the chart's own axis
    plain = label_sides(frame, "year", "rate", "series")
    assert plain["Đảng viên"] == ["top center", "bottom center", "bottom center", "top center", "top center"]
    sides = label_sides(frame, "year", "rate", "series", [0.9], axis)
    assert sides["Đảng viên"] == ["bottom center"] * 5
    assert sides["TCCSĐ"] == plain["TCCSĐ"]  # 90,00% sits on the line: its label above is clear of it
    fig = rate_trend(frame, "T1, T2", "series", {"Mục tiêu: > 90%": 0.9})
    assert list(fig.data[1].textposition) == ["bottom center"] * 5


def test_a_label_stays_where_the_other_side_is_taken():
    frame = pd.DataFrame({"year": [2023, 2023, 2024, 2024], "series": ["a", "b", "a", "b"],
                          "rate": [0.885, 0.875, 0.80, 0.75]})
    # above 88,5% the 90 % line, below it the other point: a label struck through beats two on each other
    assert label_sides(frame, "year", "rate", "series", [0.9], [0.7, 1.0]) == {
        "a": ["top center", "top center"], "b": ["bottom center", "bottom center"]}


def test_at_the_last_year_a_label_crossed_both_sides_gives_its_figure_to_the_legend():
    """A label that target lines cross on both sides at the latest year has no place: its figure goes in the
    line's legend entry instead."""
    frame = pd.DataFrame({"year": [2023, 2024], "series": ["a", "a"], "rate": [0.70, 0.885], "numerator": [1, 1],
                          "denominator": [1, 1]})
    assert label_sides(frame, "year", "rate", "series", [0.9, 0.87], [0.7, 1.0]) == {"a": ["top center", NO_PLACE]}
    fig = rate_trend(frame, "T1", "series", {"Mục tiêu: > 90%": 0.9, "Mức khác": 0.87})
    assert list(fig.data[0].text) == ["70,00%", ""] and fig.data[0].name == "a (2024: 88,50%)"


def test_two_points_on_one_spot_keep_both_labels_and_both_markers():
    """QA18 m4: T1 2025 (88,49 %) and T2 2025 (88,42 %) under the 90 % line landed on the same spot, T2's marker
    hid T1's and T1's label was dropped (its figure only in the legend). Now the two figures stand one under the
    other below the points, each in its line's colour, and T1's marker is a ring around T2's."""
    years = list(range(2020, 2026))
    frame = pd.DataFrame({"year": years * 2, "series": ["T1"] * 6 + ["T2"] * 6,  # the whole area, 2020–2025
                          "rate": [0.75, 0.90, 0.95, 0.85, 0.85, 0.8849, 0.8848, 0.8855, 0.8821, 0.8830, 0.8802, 0.8842],
                          "numerator": [1] * 12, "denominator": [1] * 12})
    axis = focused_range([*frame["rate"], 0.9])
    sides = label_sides(frame, "year", "rate", "series", [0.9], axis)
    assert sides["T1"][-1] == sides["T2"][-1] == SHARED_BELOW
    fig = rate_trend(frame, "T1, T2", "series", {"Mục tiêu: > 90%": 0.9})
    first, second = fig.data[0], fig.data[1]
    assert first.name == "T1" and second.name == "T2"  # no figure moved to the legend
    assert list(first.text)[-1] == list(second.text)[-1] == ""  # on the points: the shared label instead
    shared = [a for a in fig.layout.annotations if "88,49%" in a.text]
    assert len(shared) == 1 and shared[0].x == 2025 and shared[0].y == 0.8842 and shared[0].yanchor == "top"
    assert shared[0].text == (f'<span style="color:{first.line.color}">88,49%</span><br>'
                              f'<span style="color:{second.line.color}">88,42%</span>')
    assert list(first.marker.size)[-1] == 18 and set(second.marker.size) == {10}
    assert first.marker.opacity == 1


def test_a_percent_axis_has_no_tick_past_100_percent():
    """QA18 m9: slide 8 for Phổ Văn 2024 (T1 100 % every year) had `102%` on its rate axis. The room above
    100 % stays (the labels of the points at 100 %), with no tick there."""
    frame = pd.DataFrame({"year": [2020, 2021, 2020, 2021], "series": ["T1", "T1", "T2", "T2"],
                          "rate": [1.0, 1.0, 0.8837, 0.8723], "numerator": [1] * 4, "denominator": [1] * 4})
    fig = rate_trend(frame, "T1, T2", "series", {"Mục tiêu: > 90%": 0.9})
    low, high = fig.layout.yaxis.range
    assert high > 1.0  # room for `100,00%` above its points
    ticks = list(fig.layout.yaxis.tickvals)
    assert ticks and max(ticks) == 1.0 and min(ticks) >= low and len(ticks) <= 8
    below = rate_trend(frame.assign(rate=frame["rate"] * 0.8), "T1, T2", "series", {"Mục tiêu: > 90%": 0.9})
    assert below.layout.yaxis.range[1] <= 1.0 and below.layout.yaxis.tickvals is None  # plotly's own ticks


def test_a_rate_above_100_percent_has_ticks_up_to_it_over_the_whole_axis():
    """Admissions against the quota for Phổ Hòa, 2023–2024 (114,29 %, 90,00 %): the ticks stopped at 100 % and
    crowded 88–100 % into the axis' lower part, their labels touching at 1024×768, none beside 114,29 %."""
    frame = pd.DataFrame({"year": [2023, 2024], "series": ["T3b", "T3b"], "rate": [8 / 7, 0.9],
                          "numerator": [8, 9], "denominator": [7, 10]})
    fig = rate_trend(frame, "T3b", "series", {"Mục tiêu 2025, 2030: 100%": 1.0})
    low, high = fig.layout.yaxis.range
    ticks = list(fig.layout.yaxis.tickvals)
    assert 1.1 <= max(ticks) <= high and min(ticks) >= low and len(ticks) <= 8
    assert ticks[1] - ticks[0] >= (high - low) / 8  # spread: no more than 8 steps to the axis' height


def test_a_label_under_a_point_at_0_has_room_above_the_years():
    """Biến động, Phổ Hòa 2020–2024: members struck off 0, 0, 1, 0, 2 and resigned 0 every year; the resigned
    line's `0` labels, under their points, sat on the years at 1024×768. The plot is about 280 px high there
    (480 px less title, years, axis title and a legend of two rows); a label under its point needs about 30."""
    years = [2020, 2021, 2022, 2023, 2024]
    frame = pd.DataFrame({"year": years * 2, "kind": ["Xóa tên"] * 5 + ["Xin ra khỏi Đảng"] * 5,
                          "members": [0, 0, 1, 0, 2, 0, 0, 0, 0, 0]})
    low, high = count_lines(frame, "year", "members", "kind", "Xóa tên, xin ra", "Năm", "Số đảng viên").layout.yaxis.range
    assert -low / (high - low) * 280 >= 30


def test_count_lines_draw_a_frame_that_also_holds_a_rate():
    """Kết nạp, two wards compared: the admissions per year come with their rate; the lines of the counts stopped
    the page with an unexpected error (the count renamed `rate` beside the rate already there)."""
    frame = pd.DataFrame({"unit": ["Phường Trà Câu"] * 2 + ["Phường Đức Phổ"] * 2, "year": [2024, 2025] * 2,
                          "admitted": [20, 18, 30, 31], "rate": [0.031, 0.028, 0.035, 0.036]})
    fig = count_lines(frame, "year", "admitted", "unit", "Số đảng viên kết nạp", "Năm", "Số đảng viên kết nạp")
    assert [list(trace.y) for trace in fig.data] == [[20, 18], [30, 31]]


def test_a_rate_labelled_under_its_point_at_the_foot_has_room_above_the_years():
    """Đánh giá, the whole town 2020–2025: T1 at 75,00 % in 2020, its label under its point, ran into the year
    2020 at 1024 and 1280 px (about 200 px of plot under a title of two lines and a legend of four)."""
    years = [2020, 2021, 2022, 2023, 2024]
    frame = pd.DataFrame({"year": years * 2, "label": ["T1"] * 5 + ["T2"] * 5,
                          "rate": [0.75, 0.9, 0.95, 0.85, 0.85, 0.8848, 0.8855, 0.8821, 0.883, 0.8802],
                          "numerator": [1] * 10, "denominator": [1] * 10})
    low, high = rate_trend(frame, "T1, T2", "label", {"Mục tiêu: > 90%": 0.9}).layout.yaxis.range
    assert (0.75 - low) / (high - low) * 200 >= 28


def test_a_break_in_the_last_year_has_its_note_on_the_left_of_its_line():
    """`Từ 2025: tính theo chi bộ cơ sở` ran off the right of the chart when 2025 was its last year."""
    import plotly.graph_objects as go

    from rendering.verdicts import mark_breaks

    def note_anchor(years: list[int] | pd.Series) -> str:
        fig = mark_breaks(go.Figure(go.Bar(x=years, y=[1] * len(years))), {2025: "Từ 2025: tính theo chi bộ cơ sở"})
        return fig.layout.annotations[0].xanchor

    assert note_anchor(list(range(2020, 2026))) == "right"  # the note ends at the line
    assert note_anchor(pd.Series(range(2020, 2026))) == "right"  # a frame's years: numpy int64
    assert note_anchor(list(range(2024, 2031))) == "left"  # the years after the break have the room


def test_a_break_note_stays_off_the_columns_and_at_the_foot_of_lines():
    """On Đánh giá's stacked columns of organisations the note sat at the foot of the plot, over the 2024 column:
    columns fill the foot of a plot, so there the note goes just above it; lines keep it at their foot."""
    import plotly.graph_objects as go

    from rendering.verdicts import mark_breaks

    def note(trace) -> tuple:
        placed = mark_breaks(go.Figure(trace), {2025: "Từ 2025: tính theo chi bộ cơ sở"}).layout.annotations[0]
        return placed.yref, placed.y, placed.yanchor

    years = list(range(2020, 2026))
    assert note(go.Bar(x=years, y=[20] * 5 + [139])) == ("y domain", 1, "bottom")  # above the plot area
    assert note(go.Scatter(x=years, y=[0.9] * 6)) == ("y domain", 0, "bottom")


def test_a_break_note_goes_in_the_legend_of_lines_with_a_point_at_their_foot():
    """Đánh giá, Phường Trà Câu 2025 under the five new units: T1 at 80,00 % in 2023, at the foot of the axis,
    had its label written over by the note `Từ 2025: tính theo chi bộ cơ sở` at 1024 and 1280 px."""
    from rendering.verdicts import mark_breaks

    years = [2020, 2021, 2022, 2023, 2024, 2025]
    frame = pd.DataFrame({"year": years * 2, "label": ["T1"] * 6 + ["T2"] * 6,
                          "rate": [1, 1, 1, 0.8, 1, 0.8824, 0.8869, 0.8808, 0.8776, 0.8791, 0.8767, 0.8851],
                          "numerator": [1] * 12, "denominator": [1] * 12})
    fig = mark_breaks(rate_trend(frame, "T1, T2", "label", {"Mục tiêu: > 90%": 0.9}), {2025: "Từ 2025"})
    assert [a.text for a in fig.layout.annotations if a.text == "Từ 2025"] == []
    assert [(t.name, t.line.dash) for t in fig.data if t.name == "Từ 2025"] == [("Từ 2025", "dot")]


def _three_at_100() -> pd.DataFrame:
    """Three compared units at 100 % in 2023 and 2024 (T7 of three wards)."""
    return pd.DataFrame({"year": [2022, 2023, 2024] * 3, "unit": ["a"] * 3 + ["b"] * 3 + ["c"] * 3,
                         "rate": [0.72, 1.0, 1.0, 0.66, 1.0, 1.0, 0.65, 1.0, 1.0], "numerator": [1] * 9,
                         "denominator": [1] * 9})


NESTED = [[10, 26, 26], [18, 18, 18], [10, 10, 10]]  # each earlier line's marker a ring around the next one's


def test_three_lines_on_one_spot_keep_each_colour_and_the_target_line():
    """Three compared units at 100 % on the 100 % target: every colour shows (one ring size hid the first line under
    the second's ring), and the target is drawn over the lines that would hide it."""
    frame = _three_at_100()
    fig = rate_trend(frame, "T7", "unit", {"Mục tiêu: 100%": 1.0})
    assert [list(trace.marker.size) for trace in fig.data[:3]] == NESTED
    assert fig.layout.shapes[0].layer == "above"
    assert rate_trend(frame, "T7", "unit", {"Mục tiêu: > 90%": 0.9}).layout.shapes[0].layer == "below"


def test_compared_paths_on_one_spot_keep_each_colour():
    from queries.progress import SERIES_OBSERVED, SERIES_PROJECTED, SERIES_TARGET
    from ui.compare_charts import pace_comparison

    paths = _three_at_100().assign(series=SERIES_OBSERVED, note="")
    goal = pd.DataFrame({"year": [2025], "unit": ["a"], "rate": [1.0], "numerator": [None], "denominator": [None],
                         "series": [SERIES_TARGET], "note": ["Mục tiêu 2025: 100%"]})
    fig = pace_comparison(pd.concat([paths, goal], ignore_index=True), "T4", SERIES_OBSERVED, SERIES_PROJECTED,
                          SERIES_TARGET)
    assert [list(trace.marker.size) for trace in fig.data[:3]] == NESTED
