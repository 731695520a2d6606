"""Trình chiếu: the programme's state for the projector, one chart or card group per screen.

The slide number lives in the URL (`/trinh-chieu?trang=3&nam=2022`), the arrow keys (← →), a
presenter's remote (Page Down / Page Up) and the buttons step through the slides, the sidebar's filters carry over (hidden here, as is the chrome).
"""

import streamlit as st

from ui.data import query
from ui.filters import current
from ui.slides import hide_chrome, slides

SLIDE_KEY = "trang"

hide_chrome()
filters = current()
deck = slides(query("meeting_data", filters.boundary, filters.units, filters.year, filters.scope_label))
count = len(deck)


def step(delta: int) -> None:
    st.session_state[SLIDE_KEY] = min(count, max(1, int(st.session_state.get(SLIDE_KEY, 1)) + delta))


with st.container(horizontal=True, vertical_alignment="center", key="slide_nav"):
    st.button("◀ Trước", key="slide_previous", on_click=step, args=(-1,), shortcut="Left")
    number = st.pagination(count, key=SLIDE_KEY, bind="query-params", max_visible_pages=None)
    st.button("Sau ▶", key="slide_next", on_click=step, args=(1,), shortcut="Right", type="primary")
    st.page_link("pages/overview.py", label="Thoát trình chiếu", icon="✖")
with st.container(key="slide_clicker"):  # hidden: a presenter's remote sends Page Down / Page Up
    st.button("Trang sau", key="slide_page_down", on_click=step, args=(1,), shortcut="PageDown")
    st.button("Trang trước", key="slide_page_up", on_click=step, args=(-1,), shortcut="PageUp")

slide = deck[number - 1]
with st.container(key=f"slide_{number}"):
    if number > 1 and not slide.titled:
        st.markdown(f"# {slide.title}")
    st.caption(f"{filters.scope_label} · năm {filters.year} · trang {number}/{count} · "
               "phím ← → để chuyển trang")
    slide.draw()
