"""No traceback on a screen: an unexpected error is logged with an id and shown in Vietnamese."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from auth import audit
from core.incidents import unexpected_message

T = TypeVar("T")


def report_unexpected(exc: Exception, where: str) -> None:
    """Log `exc` under a new id, audit it, and show the Vietnamese message quoting the id."""
    from auth.session import account_name

    error_id = audit.incident(exc, where, account_name())
    st.error(unexpected_message(error_id), icon=":material/error:")


def safely(work: Callable[..., T], *args: object) -> T:
    """`work(*args)`; on an unexpected error, the message instead of a traceback, and the run stops."""
    try:
        return work(*args)
    except Exception as exc:  # st.stop() and st.rerun() are not Exceptions: they pass through
        report_unexpected(exc, f"trang {getattr(work, '__qualname__', work)}")
        st.stop()
        raise  # not reached: st.stop() raises
