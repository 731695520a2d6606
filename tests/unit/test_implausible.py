"""Counts that cannot be true, and faults of our own: refused or flagged in Vietnamese, never a crash.

A consistent workbook whose `Đầu năm` is 2^31 once crashed the loader (32-bit columns), took the
whole batch down with it and showed users a traceback; counts are 64-bit now, bounded by the
checks, one file's fault never touches the others, and an unexpected error is a Vietnamese
message quoting an id whose traceback is in the server's errors file.
"""

from __future__ import annotations

import tomllib

from tests.support import ROOT


def test_streamlit_shows_no_error_details_to_anyone():
    from streamlit.config import ShowErrorDetailsConfigOptions

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE.value == "none"
