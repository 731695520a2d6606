"""Trình chiếu: the programme's state for the projector, one chart or card group per screen.

The slide number lives in the URL (`/trinh-chieu?trang=3&nam=2022`), the arrow keys (← →), a
presenter's remote (Page Down / Page Up) and the buttons step through the slides, the sidebar's
filters carry over (hidden here, as is the chrome). The high-contrast theme for a washed-out
projector is a switch on the navigation row, kept in the URL too (`tuong_phan=true`). Both are read
from the URL and written back as the filters are (ui.url_state): a value that cannot be used is named.
"""

import streamlit as st

from ui import url_state
from ui.compare import comparison
from ui.data import query_lazily
from ui.filters import current
from ui.layout import NO_FIGURES_IN_YEAR, footer_line, stop_without_figures
from ui.navigation import HOME, page_file
from ui.slides import presentation_style, slides, step

SLIDE_KEY, CONTRAST_KEY = url_state.SLIDE, url_state.CONTRAST

filters = current()
data = query_lazily("meeting_data", filters.boundary, filters.units, filters.year, filters.scope_label)
# the sidebar stays: choose again; the units merged away beside others with figures: said in the footer
stop_without_figures(data.indicators, NO_FIGURES_IN_YEAR.format(year=filters.year), left_out=False)
compared = comparison(filters)  # 2–4 units side by side: the same slides, a column or a line per unit
count = len(slides(data, compared=compared))
back, forward = (SLIDE_KEY, count, -1), (SLIDE_KEY, count, 1)  # step's arguments: a callback of the page
# itself would keep this run's figures for the whole session (ui.slides.step)
url_state.take_slide(count)
url_state.take_contrast()
url_state.show_problems()

with st.container(horizontal=True, vertical_alignment="center", key="slide_nav"):
    st.button("Trước", key="slide_previous", icon=":material/chevron_left:", on_click=step, args=back,
              shortcut="Left")
    number = st.pagination(count, key=SLIDE_KEY, max_visible_pages=None, width="stretch")
    st.button("Sau", key="slide_next", icon=":material/chevron_right:", icon_position="right", on_click=step,
              args=forward, shortcut="Right", type="primary")
    contrast = st.toggle("Tương phản cao", key=CONTRAST_KEY)
    st.page_link(page_file(HOME.file), label="Thoát", icon=":material/close:")
with st.container(key="slide_clicker"):  # hidden: a presenter's remote sends Page Down / Page Up
    st.button("Trang sau", key="slide_page_down", on_click=step, args=forward, shortcut="PageDown")
    st.button("Trang trước", key="slide_page_up", on_click=step, args=back, shortcut="PageUp")
url_state.write_slide(number, contrast)
presentation_style(contrast)

slide = slides(data, contrast, compared)[number - 1]
with st.container(key="slide_body"), st.container(key=f"slide_{number}"):
    if number > 1 and not slide.titled:  # the cover is its own title
        st.markdown(f"# {slide.title}")
    slide.draw()
with st.container(key="slide_footer"):
    footer_line(filters, first=f"trang {number}/{count}", last="phím ← → để chuyển trang")
