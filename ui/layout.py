"""What every page shows around its content: the header (banners and the filter line), polite stops."""

from __future__ import annotations

from contextlib import AbstractContextManager

import pandas as pd
import streamlit as st

from auth.session import OPEN_KEY
from database.units import left_out_note, left_out_short, merged_into, merged_note
from queries.coverage import (
    coming_in,
    nothing_in,
    partial_years_text,
    short_coverage,
    still_coming_in,
    unreported_sentence,
)
from rendering.boundaries import BOUNDARY_LABELS
from ui.data import query
from ui.drill import focus_unit
from ui.filters import STATE_KEY, Filters
from ui.vietnamese import vietnamese_chrome

HEADER_KEY = "page_header"  # the container of the banners and the header line (the slides fold it into a footer)
NO_FIGURES_IN_YEAR = "Chưa có số liệu năm {year} cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác."
SAMPLE_TEXT = "**Dữ liệu mẫu** — số liệu minh họa, không phải báo cáo thật của các đơn vị."

# On a projector (1024×768, 1280×720) Streamlit's wide layout kept 85 px of margin each side of the main column and
# 100 px above it: beside the sidebar the page had 535 px of 1024 (the overview's table showed no rate, no verdict,
# without a scroll sideways). The margins shrink to what still clears the top bar and the scroll bar.
# The banners stay one short line each, also on a phone (390 px), where they filled half the first screen.
# No text is cut short with an ellipsis on a narrow projector (`88,…`, `Chậm tiến…`): a widget's or a card's
# label, a card's change, a verdict badge, a button, the upload box's limits wrap instead.
HEADER_CSS = """
<style>
[data-testid="stMain"] .stMarkdownEllipsis, [data-testid="stMain"] .stMarkdownEllipsis p,
[data-testid="stMain"] .stMarkdownBadge, [data-testid="stFileUploaderDropzoneInstructions"] span {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
.st-key-page_header { gap: 0.35rem; }
.st-key-page_header [data-testid="stAlertContainer"] { padding: 0.3rem 0.75rem; }
.st-key-page_header [data-testid="stAlert"] p { font-size: 0.95rem; line-height: 1.35; }
@media (min-width: 641px) and (max-width: 1440px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; padding-top: 4.5rem; }
}
@media (max-width: 640px) {
  .st-key-page_header [data-testid="stAlertContainer"] { padding: 0.2rem 0.5rem; }
  .st-key-page_header [data-testid="stAlert"] p { font-size: 0.8rem; line-height: 1.25; }
  .st-key-page_header [data-testid="stCaptionContainer"] p { font-size: 0.8rem; }
  [data-testid="stMainBlockContainer"] { padding-top: 3.2rem; }
}
</style>
"""


def header() -> AbstractContextManager:
    """The container at the top of every page that the banners and the header line go into (`with`)."""
    st.html(HEADER_CSS)
    vietnamese_chrome()
    return st.container(key=HEADER_KEY)


def status_parts(filters: Filters) -> tuple[list[str], bool]:
    """Units, year, boundary and the data's date as short phrases; whether any figure is sample data."""
    status = query("data_status")
    parts = [f"**{filters.compared_label}**", f"năm **{filters.year}**", BOUNDARY_LABELS[filters.boundary].lower()]
    if status.last_load is not None:
        parts.append(f"số liệu cập nhật {status.last_load:%d/%m/%Y %H:%M}")
    return parts, bool(status.any_sample)


def header_line(filters: Filters) -> None:
    """Units, year, data as of the latest load, the sample-data mark, and a year still coming in."""
    parts, sample = status_parts(filters)
    st.caption(" · ".join(parts))
    if sample:
        st.warning(SAMPLE_TEXT, icon=":material/science:")
    if filters.compared:
        st.caption(f"Mỗi đơn vị một cột, một đường ở thẻ chỉ tiêu, biểu đồ qua các năm và biểu đồ theo đơn vị; các "
                   f"biểu đồ, bảng khác là số cộng của {len(filters.compared)} đơn vị (tệp tải về ghi «Cộng "
                   f"{len(filters.compared)} đơn vị»).")
    incomplete = coming_in(year_units(filters), filters.year)
    if incomplete:
        st.warning(incomplete, icon=":material/hourglass_top:")
    earlier = partial_years_text(earlier_partial_years(filters))
    if earlier:
        st.caption(earlier)
    later = still_coming_in(query("year_coverage"), filters.year)
    if later:
        st.caption(later)


def earlier_partial_years(filters: Filters) -> dict[int, str]:
    """The years before the one chosen, from the first loaded, only part of whose units reported for the selection
    (queries.coverage.partial_years): every chart and table of several years shows them."""
    return query("partial_years", filters.boundary, filters.units, filters.first_year, filters.year - 1)


def year_units(filters: Filters) -> pd.DataFrame:
    """The selection's units expected to report for the year, each with whether it has (queries.coverage)."""
    return query("year_units", filters.boundary, filters.units, filters.year)


def footer_line(filters: Filters, first: str, last: str) -> None:
    """The header and both banners as one line (the slides), between `first` and `last`: a line
    too long for the screen loses its end, so the least needed goes last."""
    parts, sample = status_parts(filters)
    units = year_units(filters)
    if coming_in(units, filters.year):
        parts.insert(2, f"**mới có {short_coverage(units)} nộp báo cáo**")
    gone = left_out_short(filters.units or (), filters.year)
    if gone:  # the pages' left_out_note, short
        parts.insert(2, f"**{gone}**")
    parts += [f"năm {year} {words}" for year, words in earlier_partial_years(filters).items()]
    if sample:
        parts.append("**dữ liệu mẫu**")
    if st.session_state.get(OPEN_KEY):
        parts.append("chưa bật kiểm soát truy cập")
    st.caption(" · ".join([first, *parts, last]))


def stop_if_empty(frame, message: str = "Không có số liệu cho lựa chọn này. Hãy chọn năm hoặc đơn vị khác.",
                  left_out: bool = True) -> None:
    """A polite Vietnamese stop instead of an empty chart or a traceback. A chosen unit merged into another by the
    year, or yet to report it, is the reason said, in the page itself: on a projector the sidebar, which says it
    too, is hidden.
    With figures to show, the chosen units merged away they leave out are named in the page (`left_out`; the
    slides name them in their footer, `footer_line`)."""
    filters = st.session_state.get(STATE_KEY)
    if frame is None or len(frame) == 0:
        merged = say_where_merged(filters)
        if not say_unreported(filters) and not merged:
            st.info(message)
        st.stop()
    if left_out:
        say_left_out(filters)


def say_left_out(filters: Filters | None) -> None:
    """The chosen units merged into another by the year, beside figures shown all the same (of the other units
    chosen, or of the years before): `Không có số liệu năm 2025 của Phường Phổ Hòa (đã sáp nhập vào …)`."""
    note = left_out_note(filters.units, filters.year) if filters is not None and filters.units else None
    if note:
        st.info(note)


def say_where_merged(filters: Filters | None) -> bool:
    """Where each chosen unit that had merged into another by the year went (database.units.merged_note), with a
    button choosing the unit it went into (ui.drill.focus_unit, as the ranking's buttons do) where the filter
    lists it; whether every chosen unit had merged, so that nothing else is left to say."""
    if filters is None or not filters.units:
        return False
    gone = {unit: into for unit in filters.units if (into := merged_into(unit, filters.year)) is not None}
    for unit in gone:
        st.info(merged_note(unit, filters.year))
    listed = set(query("unit_menu", filters.boundary)["display_id"]) if gone else set()
    for successor in {s.unit_id: s for s in gone.values()}.values():
        if successor.unit_id in listed:
            st.button(f"Chọn {successor.full_name}", key=f"merged_into_{successor.unit_id}", on_click=focus_unit,
                      args=(successor.unit_id,), icon=":material/arrow_forward:", type="primary")
    return len(gone) == len(filters.units)


def say_unreported(filters: Filters | None) -> bool:
    """`Phường Sa Huỳnh chưa nộp báo cáo năm 2025.`: the chosen units expected to report for the year that have sent
    nothing, said instead of their figures (never the whole area's); whether there were any."""
    if filters is None or not filters.units:
        return False
    awaited = nothing_in(year_units(filters))
    if awaited.empty:
        return False
    st.info(unreported_sentence(awaited["unit"].tolist(), filters.year))
    return True


def stop_without_figures(figures: pd.DataFrame, message: str | None = None, left_out: bool = True) -> None:
    """Stop politely when the selection's indicators (`year_figures`, the meeting data's `indicators`) count
    nobody in the year: a unit that ended before it, a unit yet to report, a reader's part of a new unit. Their
    rows are there, every one 0/0, and would be drawn as a report of dashes."""
    stop_if_empty(figures[figures["denominator"] > 0], *([message] if message else []), left_out=left_out)
