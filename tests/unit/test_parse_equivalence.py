"""The parser's outcomes on altered copies of the samples and examples, pinned file by file.

A small version of `benchmarks/parse_equivalence.py` (which compares 1,000 copies, the samples,
the examples and the hostile corpus before and after a change): 40 altered copies and the
examples, each reduced to a digest of its typed outcome (the Submission, or the problems in
order) with its messages beside it, against tests/fixtures/parse_outcomes.json. A change of the
loader that changes no verdict leaves the file as it is; one that means to change a message
rewrites it: `DP_UPDATE_PARSE_OUTCOMES=1 pytest tests/unit/test_parse_equivalence.py`, and the diff
shows what changed. The report year's upper bound is today's year: it is pinned to 2026 here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks.altered_workbooks import EXAMPLES, altered_copy, base_files
from benchmarks.parse_equivalence import differences, outcome, typed
from etl.checking import cadres, cell_life, validate
from etl.checking.model import WorkbookRejected
from etl.checking.validate import parse_workbook
from tests.support import FIXTURES

PINNED = FIXTURES / "parse_outcomes.json"
SEEDS = range(0, 1000, 25)  # every 25th copy of the benchmark's thousand: samples and examples both
TODAY = SimpleNamespace(date=SimpleNamespace(today=lambda: dt.date(2026, 6, 1)))


def _summary(data: bytes, name: str) -> dict:
    """The outcome's digest (every value with its type, in order), and its messages to read."""
    try:
        sub = parse_workbook(data, name)
    except WorkbookRejected as rejected:
        return {"kind": "rejected", "digest": _digest(rejected.problems),
                "problems": [problem.located() for problem in rejected.problems]}
    return {"kind": "ok", "digest": _digest(sub), "warnings": sub.warnings}


def _digest(value: object) -> str:
    return hashlib.sha256(repr(typed(value)).encode()).hexdigest()[:20]


def examples() -> list[tuple[str, bytes]]:
    return [(f"examples/{p.name}", p.read_bytes()) for p in sorted(EXAMPLES.iterdir()) if p.suffix != ".md"]


@pytest.fixture
def files() -> list[tuple[str, bytes]]:
    bases = [path.read_bytes() for path in base_files()]
    made = [(f"altered/{seed:04d}.xlsx", altered_copy(bases[seed % len(bases)], seed)) for seed in SEEDS]
    return examples() + made


def test_outcomes_are_the_pinned_ones(files, monkeypatch: pytest.MonkeyPatch):
    for module in (validate, cadres, cell_life):
        monkeypatch.setattr(module, "dt", TODAY)
    found = {label: _summary(data, Path(label).name) for label, data in files}
    if os.environ.get("DP_UPDATE_PARSE_OUTCOMES"):
        PINNED.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    assert {kind: sum(s["kind"] == kind for s in pinned.values()) for kind in ("ok", "rejected")} == {
        "ok": 15, "rejected": 32}, "the pinned files cover accepted and refused workbooks alike"
    changed = {label: (pinned.get(label), now) for label, now in found.items() if pinned.get(label) != now}
    assert not changed, json.dumps(changed, ensure_ascii=False, indent=1)[:4000]


def test_the_benchmark_comparison_finds_a_changed_message():
    label, data = examples()[0]  # one file is enough (the altered copies are the test above's)
    before = {"outcomes": {label: ("h", outcome(data, label))}, "tables": {"t": [(1,)]}}
    same = {"outcomes": {label: ("h", outcome(data, label))}, "tables": {"t": [(1,)]}}
    assert differences(before, same) == []
    kind, typed = before["outcomes"][label][1]
    other = {"outcomes": {label: ("h", (kind, repr(typed).replace("'", '"')))}, "tables": {"t": [(1.0,), (2,)]}}
    assert [line.split(":")[0] for line in differences(before, other)] == [label, "table t"]
