"""How the scope test compares what a reader gets: outcomes, frames cell by cell, and what of an answer is
more than nothing (tests/database/test_scope.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd

from queries.programme import programme


def outcome(work: Callable[[], object]) -> object:
    """What `work` returns, or the exception it raises (type and message), so both can be compared."""
    try:
        return work()
    except Exception as exc:
        return ("raised", type(exc).__name__, str(exc))


def differences(got: object, expected: object, where: str = "") -> list[str]:
    """Where `got` differs from `expected` (frames compared cell by cell, dtypes included)."""
    if isinstance(expected, pd.DataFrame):
        if not isinstance(got, pd.DataFrame):
            return [f"{where}: {type(got).__name__} instead of a frame"]
        try:
            pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
        except AssertionError as exc:
            return [f"{where}: {str(exc).splitlines()[0:3]}"]
        return []
    if dataclasses.is_dataclass(expected) and not isinstance(expected, type):
        return [d for f in dataclasses.fields(expected)
                for d in differences(getattr(got, f.name, None), getattr(expected, f.name), f"{where}.{f.name}")]
    if isinstance(expected, (list, tuple)) and expected and any(isinstance(e, pd.DataFrame) for e in expected):
        if not isinstance(got, (list, tuple)) or len(got) != len(expected):
            return [f"{where}: {len(got) if isinstance(got, (list, tuple)) else got!r} parts"]
        return [d for i, (g, e) in enumerate(zip(got, expected, strict=True)) for d in differences(g, e, f"{where}[{i}]")]
    if isinstance(expected, dict):
        return [d for k in expected | got for d in differences(got.get(k), expected.get(k), f"{where}[{k!r}]")]
    return [] if got == expected else [f"{where}: {str(got)[:200]!r} != {str(expected)[:200]!r}"]


# Frames that list the programme's indicators whatever the data (labels and targets from data/programme.toml,
# each figure 0/0 "Chưa đủ số liệu" when there is none): the overview's cards and the KPI export's rows. For a
# reader with no units they are the only rows allowed, and only exactly as a database holding no unit data at
# all gives them (every column compared, figures included), so nothing of any unit can be in them.
CATALOGUE = {("year_figures", ""), ("meeting_data", "cards"), ("meeting_data", "indicators")}


def parts(result: object, where: str = "") -> list[tuple[str, object]]:
    """The parts of a result, named by where they sit: each frame, each field of a record, each item of a
    tuple of frames; anything else is one part."""
    if isinstance(result, pd.DataFrame):
        return [(where, result)]
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return [p for f in dataclasses.fields(result) for p in parts(getattr(result, f.name), f"{where}.{f.name}"
                                                                    .lstrip("."))]
    if isinstance(result, tuple) and any(isinstance(part, pd.DataFrame) for part in result):
        return [p for i, part in enumerate(result) for p in parts(part, f"{where}[{i}]")]
    return [(where, result)]


def shown_to_nobody(name: str, result: object, no_data: object) -> list[str]:
    """What of `result` (a named query's answer to a reader with no units) is more than nothing: a frame or a
    list with a row, a count above 0, anything that differs from `no_data` (the same query on a database
    without unit data). The frames of CATALOGUE may hold the programme's rows, exactly as `no_data` has them."""
    if isinstance(result, tuple) and result and isinstance(result[0], str) and result[0] == "raised":
        return [f"{name} raised {result[1:]}"]
    expected = dict(parts(no_data))
    found = []
    for where, part in parts(result):
        label = f"{name}{'.' + where if where else ''}"
        if isinstance(part, pd.DataFrame):
            if (name, where) in CATALOGUE:
                assert set(part["indicator"]) <= set(programme().codes), label
                found += differences(part, expected.get(where), label)
            elif len(part):
                found.append(f"{label}: {len(part)} rows")
        elif isinstance(part, (list, tuple, dict, set)):
            if part:
                found.append(f"{label}: {len(part)} items")
        elif part != expected.get(where):  # a count, a flag, a date, a label: as without any unit data
            found.append(f"{label}: {str(part)[:200]!r} where a database without unit data gives "
                         f"{str(expected.get(where))[:200]!r}")
    return found
