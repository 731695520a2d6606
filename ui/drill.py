"""From a unit on any chart to that unit everywhere: a click on a unit's bar or heat-map cell filters
every page to it (the unit filter of ui/filters.py, kept in the URL), as the ranking's buttons do."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui import url_state
from ui.data import query
from ui.navigation import page_file


def focus_unit(display_id: str) -> None:
    """Filter every page to one unit (a callback: runs before the next script run, so the filter can change)."""
    st.session_state[url_state.UNITS] = [display_id]


BUTTONS_UP_TO = 40  # more units than this (a province, the country): one list to type a name into


def choose_unit(units: pd.DataFrame, key: str) -> None:
    """Offer the display units of `units` (display_id, display_label) to filter every page to one: a
    button each, or past BUTTONS_UP_TO one list (thousands of buttons take seconds to draw)."""
    if len(units) <= BUTTONS_UP_TO:
        with st.container(horizontal=True, gap="small"):
            for display_id, label in zip(units["display_id"], units["display_label"], strict=True):
                st.button(label, key=f"{key}_{display_id}", on_click=focus_unit, args=(display_id,))
        return
    labels = dict(zip(units["display_id"], units["display_label"], strict=True))
    st.selectbox("Đơn vị", list(labels), index=None, format_func=labels.__getitem__, key=key,
                 placeholder="Gõ tên đơn vị để tìm", on_change=lambda: focus_unit(st.session_state[key]))


def clear_units() -> None:
    st.session_state[url_state.UNITS] = []


def clicked_unit(points: list[dict]) -> str | None:
    """The display id a clicked point carries in its customdata, if any (a total row carries none)."""
    boundary = st.session_state.get(url_state.BOUNDARY)
    known = set(query("display_units", boundary, None)["display_id"]) if boundary else set()
    for point in points[:1]:
        data = point.get("customdata")
        for value in data if isinstance(data, list) else [data]:
            if isinstance(value, str) and value in known:
                return value
    return None


def on_unit_click(chart_key: str) -> Callable[[], None]:
    """The `on_select` callback of a chart by unit whose widget key is `chart_key`."""
    def focus() -> None:
        state = st.session_state.get(chart_key)
        unit = clicked_unit(state.selection.points) if state is not None else None
        if unit is not None:
            focus_unit(unit)

    return focus


CELLS_PAGE = "cells.py"


def cells_link(filters) -> None:
    """With one unit chosen: the way to its cells and cadres (pages/cells.py)."""
    if filters.units and len(filters.units) == 1:
        st.page_link(page_file(CELLS_PAGE), label=f"Chi bộ và cán bộ của {filters.short_names[0]}",
                     icon=":material/groups:")
