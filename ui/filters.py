"""The filter bar shared by every page: boundary, year, units. It lives in the URL."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from queries.indicators import BOUNDARY_CURRENT, BOUNDARY_REPORTED
from ui.data import query

BOUNDARY_LABELS = {
    BOUNDARY_REPORTED: "Đơn vị khi báo cáo (15 đơn vị đến 2024)",
    BOUNDARY_CURRENT: "5 đơn vị mới từ 2025 (cộng dồn đơn vị cũ)",
}
STATE_KEY = "current_filters"


@dataclass(frozen=True)
class Filters:
    boundary: str
    year: int
    units: tuple[str, ...] | None  # display ids; None = all units
    unit_names: tuple[str, ...]  # for headers and file names
    years: tuple[int, ...]  # every year loaded

    @property
    def first_year(self) -> int:
        return self.years[0]

    @property
    def scope_label(self) -> str:
        if not self.units:
            return "Toàn thị xã"
        return ", ".join(self.unit_names)


def sidebar_filters() -> Filters | None:
    """Draw the filters in the sidebar; None when nothing is loaded yet."""
    years = [int(y) for y in query("years_loaded")]
    if not years:
        return None
    with st.sidebar:
        st.markdown("### Bộ lọc")
        year = st.selectbox("Năm", years[::-1], key="nam", bind="query-params")
        boundary = st.radio(
            "Địa giới đơn vị", list(BOUNDARY_LABELS), key="ranh_gioi",
            format_func=BOUNDARY_LABELS.get, bind="query-params",
        )
        units = query("display_units", boundary, None if boundary == BOUNDARY_CURRENT else year)
        names = dict(zip(units["display_id"], units["display_kind"] + " " + units["display_name"], strict=True))
        chosen = st.multiselect(
            "Đơn vị (để trống = toàn thị xã)", list(names), key="don_vi",
            format_func=names.get, placeholder="Toàn thị xã", bind="query-params",
        )
    filters = Filters(
        boundary=boundary,
        year=int(year),
        units=tuple(chosen) or None,
        unit_names=tuple(names[u] for u in chosen),
        years=tuple(years),
    )
    st.session_state[STATE_KEY] = filters
    return filters


def current() -> Filters:
    """The filters drawn by app.py for this run."""
    return st.session_state[STATE_KEY]
