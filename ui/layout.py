"""What every page shows around its content: the header line, polite stops."""

from __future__ import annotations

import streamlit as st

from ui.data import query
from ui.filters import BOUNDARY_LABELS, Filters


def header_line(filters: Filters) -> None:
    """Units, year, data as of the latest load, and the sample-data mark."""
    status = query("data_status")
    parts = [f"**{filters.scope_label}**", f"năm **{filters.year}**", BOUNDARY_LABELS[filters.boundary].lower()]
    if status.last_load is not None:
        parts.append(f"số liệu cập nhật {status.last_load:%d/%m/%Y %H:%M}")
    st.caption(" · ".join(parts))
    if status.any_sample:
        st.warning("**Dữ liệu mẫu** — số liệu minh họa, không phải báo cáo thật của các đơn vị.", icon="🧪")


def stop_if_empty(frame, message: str = "Không có số liệu cho lựa chọn này. Hãy chọn năm hoặc đơn vị khác.") -> None:
    """A polite Vietnamese stop instead of an empty chart or a traceback."""
    if frame is None or len(frame) == 0:
        st.info(message)
        st.stop()
