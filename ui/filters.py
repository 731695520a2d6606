"""The filter bar shared by every page: year, boundary, units and, for 2–4 units, whether they are
compared side by side or summed. It lives in the URL as stable ids (ui/url_state.py)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from auth.session import allowed_units
from core.wording import in_sentence
from database.units import merged_note
from queries.coverage import nothing_in, opening_year, unreported_sentence
from queries.indicators import BOUNDARY_REPORTED
from queries.scope import area_label
from rendering.boundaries import BOUNDARY_LABELS
from ui import url_state
from ui.data import query

BOUNDARY_HELP = (
    "«Đơn vị theo từng năm» (mặc định): mỗi năm theo các đơn vị đã báo cáo năm đó — 15 phường, xã đến năm 2024, "
    "5 đơn vị từ năm 2025; so sánh với năm trước, tiến độ và cảnh báo của một đơn vị mới vẫn tính cả các đơn vị đã "
    "sáp nhập vào nó. «5 đơn vị mới»: số liệu mọi năm được cộng dồn vào đơn vị mới (Nghị quyết 1677/NQ-UBTVQH15). "
    "Tổ chức đảng cơ quan, trường học, quân sự, công an, doanh nghiệp của thị xã không sáp nhập: theo từng năm vẫn là "
    "đơn vị riêng; trong «5 đơn vị mới» được tính vào đảng bộ phường, xã mà tổ chức trực thuộc từ ngày 1/7/2025."
)
STATE_KEY = "current_filters"
COMPARED = range(2, 5)  # how many units can be compared side by side; more are summed
AWAITED = "chưa nộp"  # a unit's label in the list while it has sent nothing (queries.coverage.UNREPORTED in short)
VIEW_LABELS = {url_state.COMPARE: "So sánh từng đơn vị", url_state.SUM: "Cộng gộp"}


@dataclass(frozen=True)
class Filters:
    boundary: str
    year: int
    units: tuple[str, ...] | None  # display ids; None = all units
    unit_names: tuple[str, ...]  # for headers and file names
    years: tuple[int, ...]  # every year loaded
    area: str | None = None  # the whole selection's name for this reader, as drawn (whole_area_label)
    compare: bool = False  # 2–4 units shown side by side (cards in columns, a line each) rather than summed
    unit_short: tuple[str, ...] = ()  # `Phường Phổ Hòa`: the units' names in legends and card columns

    @property
    def first_year(self) -> int:
        return self.years[0]

    @property
    def scope_label(self) -> str:
        """What a figure of the selection covers: the whole area, one unit, or several units summed,
        said so (`Cộng 2 đơn vị: Phường Phổ Hòa, Phường Phổ Vinh`)."""
        if not self.units:
            return self.area if self.area is not None else whole_area_label(self.year)
        if len(self.units) == 1:
            return self.unit_names[0]
        return f"Cộng {len(self.units)} đơn vị: {', '.join(self.short_names)}"

    @property
    def compared_label(self) -> str:
        """`So sánh 3 đơn vị: Phường Phổ Hòa, …`: the units shown side by side; the scope summed otherwise."""
        if not self.compared:
            return self.scope_label
        return f"So sánh {len(self.compared)} đơn vị: {', '.join(name for _, name in self.compared)}"

    @property
    def short_names(self) -> tuple[str, ...]:
        return self.unit_short or self.unit_names

    @property
    def compared(self) -> tuple[tuple[str, str], ...]:
        """(display id, name) of each unit shown side by side; empty when the selection is summed."""
        return tuple(zip(self.units, self.short_names, strict=True)) if self.compare and self.units else ()


def whole_area_label(year: int) -> str:
    """What the whole selection is called in `year` for this reader: the programme's name of the whole
    area (data/programme.toml `toan_dia_ban`), or a restricted reader's own units (queries.scope.area_label)."""
    return area_label(allowed_units(), year)


def sidebar_filters() -> Filters | None:
    """Draw the filters in the sidebar; None when nothing is loaded yet."""
    years = [int(y) for y in query("years_loaded")]
    if not years:
        return None
    url_state.take_boundary()
    url_state.take_year(years)
    st.session_state.setdefault(url_state.YEAR, opening_year(query("year_coverage")))  # not a year still coming in
    with st.sidebar:
        st.markdown("### Bộ lọc")
        year = int(st.selectbox("Năm", years[::-1], key=url_state.YEAR))
        boundary = st.radio(
            "Địa giới đơn vị", list(BOUNDARY_LABELS), key=url_state.BOUNDARY,
            format_func=BOUNDARY_LABELS.get, help=BOUNDARY_HELP,
        )
        units = query("unit_menu", boundary)
        names = _unit_labels(units, with_period=boundary == BOUNDARY_REPORTED)
        url_state.take_units(names)
        _keep_known(names)
        area = whole_area_label(year)
        chosen = st.multiselect(
            f"Đơn vị (để trống = {in_sentence(area)})", list(names), key=url_state.UNITS,
            format_func=(names | _awaited_labels(units)).get, placeholder=area, select_all=False,
        )
        for note in _absent(units, chosen, names, year, boundary):
            st.warning(note)
        view = _view_switch(len(chosen))
    url_state.write(year, boundary, chosen, view)
    url_state.show_problems()
    filters = Filters(
        boundary=boundary,
        year=year,
        units=tuple(chosen) or None,
        unit_names=tuple(names[u] for u in chosen),
        years=tuple(years),
        area=area,
        compare=view == url_state.COMPARE,
        unit_short=tuple(_unit_labels(units, with_period=False)[u] for u in chosen),
    )
    st.session_state[STATE_KEY] = filters
    return filters


def _view_switch(count: int) -> str | None:
    """For 2–4 units: side by side (the default) or summed, kept in the URL; None otherwise."""
    if count not in COMPARED:
        if count > COMPARED[-1]:
            st.caption(f"Hơn {COMPARED[-1]} đơn vị: số liệu được cộng gộp (so sánh từng đơn vị ở các biểu đồ theo "
                       "đơn vị và Bảng xếp hạng).")
        return None
    url_state.take_view()
    st.session_state.setdefault(url_state.VIEW, url_state.COMPARE)
    return st.radio("Xem các đơn vị đã chọn", list(VIEW_LABELS), key=url_state.VIEW, format_func=VIEW_LABELS.get,
                    horizontal=True, help="«So sánh từng đơn vị»: thẻ chỉ tiêu theo cột, mỗi đơn vị một đường trong "
                    "biểu đồ qua các năm, cả trên trang Trình chiếu. «Cộng gộp»: số liệu các đơn vị được cộng lại và "
                    "ghi rõ là tổng.")


def _keep_known(names: dict[str, str]) -> None:
    """Units chosen under another boundary that this one does not list are dropped before drawing."""
    chosen = st.session_state.get(url_state.UNITS)
    if chosen and any(u not in names for u in chosen):
        st.session_state[url_state.UNITS] = [u for u in chosen if u in names]


def _absent(units, chosen: list[str], names: dict[str, str], year: int, boundary: str) -> list[str]:
    """A note for each chosen unit without figures in `year`: merged into another by then, expected to report and
    not in yet (`Phường Sa Huỳnh chưa nộp báo cáo năm 2025.`), or without figures that year."""
    notes, missing = [], []
    lacking = [unit for unit in chosen if not _has_year(units, unit, year)]
    awaited = nothing_in(query("year_units", boundary, tuple(chosen), year)) if lacking else None
    awaited_ids = set(awaited["display_id"]) if awaited is not None else set()
    for unit in lacking:
        merged = merged_note(unit, year)
        if merged:
            notes.append(merged)
        elif unit not in awaited_ids:
            missing.append(names[unit])
    if awaited is not None and not awaited.empty:
        notes.append(unreported_sentence(awaited["unit"].tolist(), year))
    if missing:
        notes.append(f"Không có số liệu năm {year} của: {', '.join(missing)}.")
    return notes


def _unit_labels(units, with_period: bool) -> dict[str, str]:
    """`Phường Phổ Hòa (2020–2024)`: the period with data tells the 15 old units from the 5 new ones (a unit yet
    to send its first report has none)."""
    labels = units["display_label"].astype(str)
    if with_period:
        labels = labels.where(units["first_year"].isna(), labels + " (" + _spans(units, "first_year", "last_year") + ")")
    return dict(zip(units["display_id"].tolist(), labels.tolist(), strict=True))


def _awaited_labels(units) -> dict[str, str]:
    """`Phường Sa Huỳnh (2025, chưa nộp)`: in the list, the units expected to report that have sent nothing yet
    (queries.status.unit_menu), so that the committee sees who is missing. Short: the list cuts an option at the
    sidebar's width (`Phường Sa Huỳnh (chưa nộp báo cáo n`); the page then says it in full."""
    awaited = units[units["first_awaited"].notna()]
    labels = (awaited["display_label"].astype(str) + " (" + _spans(awaited, "first_awaited", "last_awaited")
              + f", {AWAITED})")
    return dict(zip(awaited["display_id"].tolist(), labels.tolist(), strict=True))


def _spans(units, first: str, last: str):
    """core.numbers.year_span's `2020–2024` (`2025` for one year), column-wise: the country lists 10,000 units on
    every script run."""
    start, end = units[first].astype(str), units[last].astype(str)
    return (start + "–" + end).where(start != end, start)


def _has_year(units, display_id: str, year: int) -> bool:
    """Whether the unit has data in `year` (not: a unit yet to send its first report)."""
    row = units[units["display_id"] == display_id]
    return bool((row["first_year"].le(year) & row["last_year"].ge(year)).fillna(False).any())


def current() -> Filters:
    """The filters drawn by app.py for this run."""
    return st.session_state[STATE_KEY]
