"""The server's settings that the pages' speed depends on (`.streamlit/config.toml`, read by `streamlit run app.py`)."""

from __future__ import annotations

import tomllib

from tests.support import ROOT


def test_no_full_garbage_collection_after_every_script_run():
    """Streamlit's default collects every generation after each run: 0,13–0,15 s a run on the town's data, as long
    as a warm page's own run (benchmarks/RESULTS.md, stop 32)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
