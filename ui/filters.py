"""The filter bar shared by every page: boundary, year, units. It lives in the URL."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from queries.indicators import BOUNDARY_CURRENT, BOUNDARY_REPORTED
from ui.data import query

BOUNDARY_LABELS = {
    BOUNDARY_REPORTED: "Đơn vị khi báo cáo",
    BOUNDARY_CURRENT: "5 đơn vị mới (từ 2025)",
}
BOUNDARY_HELP = (
    "«Đơn vị khi báo cáo»: 15 phường, xã đến năm 2024 và 5 đơn vị từ năm 2025, như đã báo cáo. "
    "«5 đơn vị mới»: số liệu các năm trước được cộng dồn vào đơn vị mới (Nghị quyết 1677/NQ-UBTVQH15)."
)
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
            format_func=BOUNDARY_LABELS.get, bind="query-params", help=BOUNDARY_HELP,
        )
        units = query("display_units", boundary, None)
        names = _unit_labels(units, with_period=boundary == BOUNDARY_REPORTED)
        chosen = st.multiselect(
            "Đơn vị (để trống = toàn thị xã)", list(names), key="don_vi",
            format_func=names.get, placeholder="Toàn thị xã", bind="query-params",
        )
        absent = [names[u] for u in chosen if not _has_year(units, u, int(year))]
        if absent:
            st.warning(f"Không có số liệu năm {year} của: {', '.join(absent)}.")
    filters = Filters(
        boundary=boundary,
        year=int(year),
        units=tuple(chosen) or None,
        unit_names=tuple(names[u] for u in chosen),
        years=tuple(years),
    )
    st.session_state[STATE_KEY] = filters
    return filters


def _unit_labels(units, with_period: bool) -> dict[str, str]:
    """`Phường Phổ Hòa (2020–2024)`: the period tells the 15 old units from the 5 new ones.
    Column-wise: the country lists 10,000 units on every script run."""
    labels = units["display_kind"].astype(str) + " " + units["display_name"].astype(str)
    if with_period:
        first, last = units["first_year"].astype(str), units["last_year"].astype(str)
        period = (first + "–" + last).where(first != last, first)
        labels = labels + " (" + period + ")"
    return dict(zip(units["display_id"].tolist(), labels.tolist(), strict=True))


def _has_year(units, display_id: str, year: int) -> bool:
    row = units[units["display_id"] == display_id]
    return bool(len(row)) and int(row["first_year"].iloc[0]) <= year <= int(row["last_year"].iloc[0])


def current() -> Filters:
    """The filters drawn by app.py for this run."""
    return st.session_state[STATE_KEY]
