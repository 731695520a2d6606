"""The sample workbooks' generator (`python -m samples.town`): byte-deterministic, run after run in one
process, and what it writes is what data/samples holds."""

from __future__ import annotations

from pathlib import Path

from samples.town import generate
from settings import SAMPLES_DIR


def test_regenerating_gives_identical_bytes(tmp_path: Path):
    first = {path.name: path.read_bytes() for path in generate(tmp_path / "first")}
    again = {path.name: path.read_bytes() for path in generate(tmp_path / "again")}
    committed = {path.name: path.read_bytes() for path in SAMPLES_DIR.glob("*.xlsx")}
    assert again == first
    assert committed == first, "data/samples is stale: run python -m samples.town"
