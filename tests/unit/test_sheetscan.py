"""The fast bound of a sheet's extent (a pattern over the XML) never says less than the exact walk.

Whatever could make the pattern read another reference than expat does (a character reference,
a fake `r` inside another attribute, a prefixed `r`, another encoding, a cell without `r`) makes
it give up, and the exact walk measures the sheet, so the guard refuses what it refused before.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from etl.reading import sheetscan
from etl.reading.guard import inspect
from etl.reading.sheetscan import SMALL_COLS, SMALL_ROWS, _xlsx_sheet, fast_extent, small_extent, too_large
from tests.support.hostile import HEADER_ROW, SHEET, xlsx

WANTED = ("chi bo",)
FAR = "Z2000000"  # 26 columns x 2,000,000 rows: far over every limit


def _sheet(rows: str) -> bytes:
    return SHEET.format(rows=HEADER_ROW + rows).encode("utf-8")


def test_a_plain_sheet_is_bounded_by_its_references():
    bound = fast_extent("Chi bộ", _sheet('<row r="7"><c r="C7" s="1"/></row>'))
    assert (bound.last_row, bound.last_col) == (7, 3)  # the styled empty cell counts: an upper bound


def test_the_bounds_are_never_below_the_exact_walk(monkeypatch):
    data = xlsx(HEADER_ROW + '<row r="40"><c r="E40"><v>1</v></c></row><row r="41"><c r="H41" s="2"/></row>')
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    bounds = [fast_extent("Chi bộ", xml), small_extent("Chi bộ", xml)]
    for bound in ("small_extent", "fast_extent"):
        monkeypatch.setattr(sheetscan, bound, lambda sheet, xml: None)
    exact = _xlsx_sheet(zipfile.ZipFile(io.BytesIO(data)), "Chi bộ", "xl/worksheets/sheet1.xml")
    assert (exact.last_row, exact.last_col) == (40, 5)
    assert all(bound.last_row >= exact.last_row and bound.last_col >= exact.last_col for bound in bounds)


HIDDEN = {
    "character reference": '<row r="2"><c r="&#90;2000000"><v>1</v></c></row>',
    "fake r inside another attribute": f'<row r="2"><c foo=\' r="A2"\' r="{FAR}"><v>1</v></c></row>',
    "prefixed r first": f'<row r="2"><c x:r="A2" r="{FAR}" xmlns:x="urn:x"><v>1</v></c></row>',
    "cell without r after a far one": '<row r="2000000"><c r="Y2000000"/><c><v>1</v></c></row>',
}


@pytest.mark.parametrize("rows", HIDDEN.values(), ids=HIDDEN.keys())
def test_what_the_pattern_cannot_be_sure_of_goes_to_the_exact_walk(rows):
    assert fast_extent("Chi bộ", _sheet(rows)) is None
    assert inspect(xlsx(HEADER_ROW + rows), WANTED) is not None  # refused, as the walk always did


def test_another_encoding_goes_to_the_exact_walk():
    utf16 = SHEET.format(rows=HEADER_ROW).replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert fast_extent("Chi bộ", utf16) is None
    assert fast_extent("Chi bộ", _sheet("").replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')) is None


def test_a_far_cell_is_still_refused_with_the_exact_message():
    reason = inspect(xlsx(HEADER_ROW + f'<row r="2000000"><c r="{FAR}" t="inlineStr"><is><t>x</t></is></c></row>'),
                     WANTED)
    assert "2.000.000" in reason


WRITTEN = {
    "as Excel writes it": '<row r="9"><c r="AB9"><v>1</v></c><c r="Z12" s="1"/></row><row r="3"><c r="BA3"/></row>',
    "a column of four letters": '<row r="2"><c r="A2"/><c r="AAAA2"/><c r="ZZZ30"/></row>',
    "one cell in another form": "<row r=\"2\"><c r=\"B2\"/><c r='$C$70'/></row>",
    "lower case letters": '<row r="5"><c r="ab5"/></row>',
}


@pytest.mark.parametrize("rows", WRITTEN.values(), ids=WRITTEN.keys())
def test_the_pattern_for_written_cells_bounds_as_the_general_one(rows, monkeypatch):
    xml = _sheet(rows)
    written = fast_extent("Chi bộ", xml)
    monkeypatch.setattr(sheetscan, "_written_extent", lambda sheet, xml: None)
    general = fast_extent("Chi bộ", xml)
    assert written == general and general is not None


def test_a_small_sheet_is_within_every_limit_without_reading_its_cells():
    bound = small_extent("Chi bộ", _sheet('<row r="999"><c r="ZZ999" s="1"/></row>'))
    assert (bound.last_row, bound.last_col) == (SMALL_ROWS, SMALL_COLS) and too_large(bound) is None


NOT_SMALL = {
    "row 1000": '<row r="1000"><c r="A1000"><v>1</v></c></row>',
    "column AAA": '<row r="2"><c r="AAA2"><v>1</v></c></row>',
    "another attribute first": '<row r="2"><c s="1" r="B2"><v>1</v></c></row>',
    "two spaces": '<row r="2"><c  r="B2"><v>1</v></c></row>',
    "a cell without r": '<row r="2"><c><v>1</v></c></row>',
    "a prefixed cell": f'<row r="2"><x:c r="{FAR}" xmlns:x="urn:x"><v>1</v></x:c></row>',
    "another tag starting with c": '<row r="2"><cx r="B2"/></row>',
    **HIDDEN,
}


@pytest.mark.parametrize("rows", NOT_SMALL.values(), ids=NOT_SMALL.keys())
def test_what_is_not_surely_small_goes_to_the_other_bounds(rows):
    assert small_extent("Chi bộ", _sheet(rows)) is None


def _walked_only(monkeypatch) -> None:
    """The guard with neither bound: every sheet measured by the exact walk, as before the fast paths."""
    for bound in ("small_extent", "fast_extent"):
        monkeypatch.setattr(sheetscan, bound, lambda sheet, xml: None)


NEAR = "".join(f'<row r="{row}"><c r="A{row}"><v>1</v></c><c r="B{row}" s="1"/></row>' for row in range(2, 900))
MAIN = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
FALLBACKS = {  # rows after the header → a needle of the walk's refusal, or None where the walk passes the sheet
    "a prefixed far cell": (f'<row r="2000000"><x:c r="{FAR}" {MAIN}><x:v>1</x:v></x:c></row>', "2.000.000"),
    "a prefixed far cell after near ones": (NEAR + f'<row r="5000"><x:c r="ZZZ5000" {MAIN}><x:v>1</x:v></x:c></row>',
                                            "quá rộng"),
    "a cell without r in a far row": ('<row r="2000000"><c t="inlineStr"><is><t>x</t></is></c></row>', "2.000.000"),
    "a far cell after many near ones": (NEAR + f'<row r="2000000"><c r="{FAR}"><v>1</v></c></row>', "2.000.000"),
    "a far self-closing empty cell": (NEAR + f'<row r="2000000"><c r="{FAR}" s="1"/></row>', None),
    "a far cell without a value": (f'<row r="2000000"><c r="{FAR}" s="1"><f>1+1</f></c></row>', None),
}


@pytest.mark.parametrize(("rows", "needle"), FALLBACKS.values(), ids=FALLBACKS.keys())
def test_the_guard_with_its_fast_bounds_says_what_the_exact_walk_says(rows, needle, monkeypatch):
    """A prefixed cell or one without `r` sends the sheet to the walk, a far cell anywhere makes the bound
    too large and the walk judges; a far cell without a value is no part of the extent (calamine reads
    no value there), so the sheet passes, as it did when every sheet was walked."""
    data = xlsx(HEADER_ROW + rows)
    verdict = inspect(data, WANTED)
    assert (verdict is None) if needle is None else (needle in verdict)
    _walked_only(monkeypatch)
    assert inspect(data, WANTED) == verdict
