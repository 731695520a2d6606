"""The formulas of the format v2 template (`Cuối năm`, `Tổng xếp loại`, `Bị kỷ luật`), written
with the value a spreadsheet would have saved for them.

The loader reads the value saved with a formula and never evaluates one (README, "Hostile
files"); openpyxl saves formulas without a value, so a template uploaded as written, or filled in
by a program that does not recalculate, would read blank. `with_saved_values` adds the values to
the sheet XML, as Excel does when it saves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from etl.checking import contract as c

# field → (fields added, fields subtracted)
PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "end_count": (("start_count", "admitted", "transferred_in"),
                  ("transferred_out", "died", "struck_off", "expelled", "resigned")),
    "rated_total": (("rated_excellent", "rated_good", "rated_fulfilled", "rated_not_fulfilled", "unrated"), ()),
    "disciplined": (tuple(col.field for col in c.DISCIPLINE_FORM_COLUMNS), ()),
}
BLANK_WHEN_EMPTY = ("disciplined",)  # v2 "chưa báo cáo" stays blank until a form is filled in
_CELL = r'<c r="{ref}"([^>]*)><f>([^<]*)</f><v ?/>'


def formula(field: str, letters: Mapping[str, str], row: int) -> str:
    """The formula of `field` on Excel row `row`; `letters`: field → column letter."""
    added, removed = PARTS[field]
    text = "+".join(f"{letters[f]}{row}" for f in added) + "".join(f"-{letters[f]}{row}" for f in removed)
    if field in BLANK_WHEN_EMPTY:
        cells = ",".join(f"{letters[f]}{row}" for f in added)
        return f'=IF(COUNTA({cells})=0,"",{text})'
    return "=" + text


def saved_value(field: str, values: Mapping[str, object]) -> int | str:
    """What the formula of `field` gives for a row's `values` (blank counts 0); '' when it stays blank."""
    added, removed = PARTS[field]
    if field in BLANK_WHEN_EMPTY and all(values.get(f) is None for f in added):
        return ""
    return sum(values.get(f) or 0 for f in added) - sum(values.get(f) or 0 for f in removed)


def with_saved_values(sheet_xml: bytes, saved: Mapping[str, int]) -> bytes:
    """`sheet_xml` with the value of each formula cell of `saved` (cell reference → number)."""
    text = sheet_xml.decode("utf-8")
    for ref, value in saved.items():
        text, count = re.subn(_CELL.format(ref=ref), rf'<c r="{ref}"\1><f>\2</f><v>{int(value)}</v>', text, count=1)
        if count != 1:
            raise ValueError(f"no formula cell {ref} to give a saved value")
    return text.encode("utf-8")
