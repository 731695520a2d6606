"""An address below a page (`/tong-quan/x`, `/a/b`) is sent to its first part (`/tong-quan`, `/a`), query kept.

Streamlit answers an address it does not know with its index.html, whose scripts and styles are named relative to
it (`./static/js/…`): under `/a/b` they resolve to `/a/static/…`, which is index.html again, and the browser shows a
blank page (streamlit/streamlit#8013, open). One level down the app runs: a page, or the home page saying that the
address names no page (ui.url_state.take_page). app.py puts this in front of Streamlit's server.
"""

from __future__ import annotations

import re

import streamlit as st
from starlette.responses import RedirectResponse

# The first parts of the addresses Streamlit's server answers itself (health, the websocket `_stcore/stream`,
# uploads, its scripts, media, components, `app/static`, login): they go on untouched.
STREAMLIT_ROUTES = frozenset({"_stcore", "static", "media", "component", "app", "auth"})
# Streamlit's frontend looks for its server below the page's address first (`/ket-nap/_stcore/health`,
# `…/_stcore/host-config`): Streamlit's 404 there sends it on to the app's root; a redirect to the page's
# index.html would read as the server found, and the app would never start.
CORE = "_stcore"
PAGE_NAME = re.compile(r"[A-Za-z0-9_-]+")


def page_address(path: str, query: str, base: str = "") -> str | None:
    """Where the browser goes instead of `path` (as it sent it, below the server's base path `base`), relative to
    `path` so that a proxy's prefix stays (`/tong-quan/x` → `../tong-quan`); None for an address Streamlit serves
    as it is. A first part that is not a page's name (`//evil.com/x`, `/\\evil.com/x`, `/%2e%2e/x`) sends the
    browser to the app's root: the answer always starts with `../`, so it never leaves the site."""
    parts = path.split("/")[1:]  # "/a/b" → ["a", "b"]; "/a/b/" → ["a", "b", ""]
    base_parts = [p for p in base.split("/") if p]
    if parts[: len(base_parts)] != base_parts:
        return None
    own = parts[len(base_parts):]
    if len(own) < 2 or own[0] in STREAMLIT_ROUTES or CORE in own:
        return None
    page = own[0] if PAGE_NAME.fullmatch(own[0]) else ""
    return "../" * (len(own) - 1) + page + (f"?{query}" if query else "")


class NestedAddresses:
    """ASGI middleware: a GET or HEAD of a nested address is answered with a redirect (page_address); anything
    else, websockets included, goes on to Streamlit untouched."""

    def __init__(self, app) -> None:
        self.app = app
        self.base = str(st.get_option("server.baseUrlPath") or "")

    async def __call__(self, scope, receive, send) -> None:
        target = None
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            path = scope.get("raw_path", scope["path"].encode()).decode("latin-1")  # "%2F" stays inside its part
            target = page_address(path, scope.get("query_string", b"").decode("latin-1"), self.base)
        if target is None:
            await self.app(scope, receive, send)
        else:
            await RedirectResponse(target, status_code=302, headers={"Cache-Control": "no-cache"})(scope, receive, send)
