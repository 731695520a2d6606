"""How words from elsewhere read in a Vietnamese sentence: a label inside one, and text from outside
(a link's value) shown as typed rather than as Markdown."""

from __future__ import annotations

import json
import re
from datetime import date, time

# What changes the look of a text in Streamlit's Markdown, measured in Chromium (a backslash shows each as typed):
# at the start of a line `#` `-` `+` `*` `1.` `1)` `>` `|` and fences; anywhere emphasis `*` `_` `~`, code `` ` ``,
# links and images `[` `]` `(` `)` `!`, `<…>`, math `$`, entities `&amp;`, a backslash itself; Streamlit's own
# `:red[…]`, `:smile:` (`:`) and `:material/home:` (drawn as an icon unless its `/` is escaped too).
_MARKDOWN = re.compile(r"([\\`*_\[\]()<>!|~$:&#+\-./])")
QUOTED_LENGTH = 60  # characters of a value from outside that a note repeats
NO_BREAK_SPACE, WORD_JOINER = "\u00a0", "\u2060"


def unbreakable(text: str) -> str:
    """`text` that no line break splits, where no CSS can keep it whole (Markdown, a chart's label): its spaces
    no-break spaces, its dashes held to both ends by word joiners (`> 90%`, `3–4%/năm`, `(chưa so)`)."""
    return text.replace(" ", NO_BREAK_SPACE).replace("–", f"{WORD_JOINER}–{WORD_JOINER}")


def in_sentence(label: str) -> str:
    """`Toàn thị xã` → `toàn thị xã`, `Cộng 2 đơn vị: …` → `cộng 2 đơn vị: …`, `Phường Phổ Hòa` →
    `phường Phổ Hòa`: a label that can start a line, placed after other words (names keep their capitals)."""
    return label[:1].lower() + label[1:]


def in_quotes(text: object) -> str:
    """`«Đảng viên»`: a name (a sheet's, a column's) or a value inside a message, as the product quotes
    them; as typed, for messages escaped where they are shown (the loader's: the upload page escapes
    them, the command line prints them)."""
    return f"«{text}»"


def quoted(text: str) -> str:
    """`«abc»`: a value from outside named in a note, at most QUOTED_LENGTH characters, its Markdown
    shown as typed (a link in a URL's value must not become a link on the page)."""
    short = text if len(text) <= QUOTED_LENGTH else text[:QUOTED_LENGTH - 1] + "…"
    return in_quotes(as_typed(short))


def as_typed(text: str) -> str:
    """`an.__ba__` → `an\\.\\_\\_ba\\_\\_`: text from outside (a user's name, a file's, a message naming one) shown
    as typed in Markdown, at the start of a line or inside one, not as a list, emphasis, a link or an icon. (A bare
    address, `www.…` or `a@b.vn`, is still made a link: Streamlit finds those after the escapes are read.)"""
    return _MARKDOWN.sub(r"\\\1", text)


def as_in_toml(value: object) -> str:
    """`"abc"`, `60`, `true`, `["a", 1]`, `{ tu_nam = 2025 }`: a value read from a TOML file written as the file
    writes it, for a message that tells what to change in it (Python would write `'abc'`, `True`)."""
    if isinstance(value, dict):
        pairs = (f"{key if re.fullmatch(r'[A-Za-z0-9_-]+', key) else as_in_toml(key)} = {as_in_toml(v)}"
                 for key, v in value.items())
        return "{ " + ", ".join(pairs) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(as_in_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # TOML's basic string escapes are JSON's
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, date | time) else str(value)  # 60, 0.9, inf, 2025-01-31
