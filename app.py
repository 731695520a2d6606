"""`streamlit run app.py`: the dashboard, whose main script is router/main.py.

Streamlit decides once per server process, when the first visitor connects, whether the app uses
its legacy `pages/` folder: it does when a folder called `pages` sits beside the main script. That
first run then builds its menu from the files in pages/, whose URLs are not ours, so a first visit
to a deep link (`/ket-nap?nam=2022`) showed a "Page not found" dialog; only the `st.navigation`
call inside that run switched the legacy mode off, for later visitors. The main script therefore
lives in router/, a folder with no `pages` beside it, and `st.App` (Streamlit's public ASGI entry,
which `streamlit run` recognises) names it, so `streamlit run app.py` stays the one command.

An address below a page (`/tong-quan/x`) showed a blank page: it is sent to its page (router/addresses.py).
"""

import streamlit as st
from starlette.middleware import Middleware

from router.addresses import NestedAddresses

app = st.App("router/main.py", middleware=[Middleware(NestedAddresses)])
