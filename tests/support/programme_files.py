"""Programme files for the tests: a copy of data/programme.toml with a few lines changed, and a second
programme of a made-up province (tests/fixtures/programme-tinh-2027.toml), pointed at by DP_PROGRAMME."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from settings import PROGRAMME
from tests.support import FIXTURES

OTHER_PROGRAMME = FIXTURES / "programme-tinh-2027.toml"


def indicator_block(text: str, code: str) -> tuple[int, int]:
    """Where the `[[chi_tieu]]` table of `code` starts and ends in the file's text."""
    start = text.index(f'ma = "{code}"')
    start = text.rindex("[[chi_tieu]]", 0, start)
    following = text.find("\n[[chi_tieu]]", start + 1)
    return start, len(text) if following < 0 else following


def header_block(text: str) -> tuple[int, int]:
    """Where the `[de_an]` table starts and ends in the file's text."""
    start = text.index("[de_an]")
    return start, text.index("\n[", start)


def with_key(text: str, code: str | None, key: str, value: str | None) -> str:
    """The file's text with `key = value` in the table of indicator `code`, or of `[de_an]` for None (value None:
    the key removed)."""
    start, end = indicator_block(text, code) if code else header_block(text)
    block = text[start:end]
    line = re.compile(rf"^{re.escape(key)} = .*$", re.M)
    table = f'ma = "{code}"' if code else "[de_an]"
    if value is None:
        block = line.sub("", block)
    elif line.search(block):
        block = line.sub(f"{key} = {value}", block)
    else:
        block = block.replace(table, f"{table}\n{key} = {value}")
    return text[:start] + block + text[end:]


def programme_copy(folder: Path, *edits: tuple[str | None, str, str | None], text: str | None = None) -> Path:
    """A copy of data/programme.toml in `folder` with `(code, key, value)` edits (code None: in `[de_an]`)."""
    text = text if text is not None else PROGRAMME.read_text(encoding="utf-8")
    for code, key, value in edits:
        text = with_key(text, code, key, value)
    path = Path(folder) / "programme.toml"
    path.write_text(text, encoding="utf-8")
    return path


def use_programme(monkeypatch: pytest.MonkeyPatch, path: Path) -> Path:
    """Point DP_PROGRAMME at `path` for this test (the app and the queries read it from there)."""
    monkeypatch.setenv("DP_PROGRAMME", str(path))
    return path
