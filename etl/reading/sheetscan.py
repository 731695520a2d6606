"""How far each worksheet of a zipped workbook reaches, measured by streaming its XML.

calamine turns a sheet into a dense grid from A1 to its last filled cell, so one value in
Z2000000 costs 52 million cells (1.6 GB) however small the file. We walk the sheet XML with
expat, holding nothing but counters, and refuse a sheet whose filled area is far beyond any
report. Run only on parts already checked to hold no DOCTYPE (`etl.reading.guard`).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from xml.parsers import expat

from core.numbers import vi_number
from core.text import fold
from core.wording import in_quotes

GUARD_ROWS = 100_000  # ten times what the reader keeps (etl.reading.spreadsheet.MAX_ROWS): it says so itself
GUARD_CELLS = 5_000_000  # about 160 MB as calamine's grid
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_REF = re.compile(r"^\$?([A-Za-z]{1,4})\$?(\d{1,12})$")
Handler = Callable[[str, dict], None]


@dataclass
class SheetExtent:
    name: str
    last_row: int = 0  # 1-based, of the last cell holding a value
    last_col: int = 0


def column_letters(col: int) -> str:
    text = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        text = chr(65 + rest) + text
    return text


def too_large(extent: SheetExtent) -> str | None:
    """Why the sheet is too large to read, in Vietnamese, or None."""
    if extent.last_row <= GUARD_ROWS and extent.last_row * extent.last_col <= GUARD_CELLS:
        return None
    where = f"sheet {in_quotes(extent.name[:60])} có dữ liệu đến ô {column_letters(extent.last_col)}{extent.last_row}"
    if extent.last_row > GUARD_ROWS:
        return (f"{where} (dòng {vi_number(extent.last_row)}); bảng tính chỉ được dài tối đa {vi_number(GUARD_ROWS)} dòng "
                "— hãy xóa các dòng thừa bên dưới bảng (Ctrl+End chỉ ra ô cuối cùng) rồi lưu lại")
    return (f"{where}: vùng dữ liệu quá rộng ({vi_number(extent.last_row * extent.last_col)} ô) "
            "— hãy xóa các ô thừa ở xa bảng (Ctrl+End chỉ ra ô cuối cùng) rồi lưu lại")


def walk(archive: zipfile.ZipFile, name: str, start: Handler, end: Callable[[str], None] | None = None,
         read: Mapping[str, bytes] | None = None, text: Callable[[str], None] | None = None) -> None:
    """Stream one part through expat with namespaces resolved (`uri local`); stop quietly on bad XML,
    which calamine then judges for itself. `read`: parts already read whole, parsed from there;
    `text`: the handler of character data."""
    if name not in archive.NameToInfo:
        return
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    try:
        if read is not None and name in read:
            parser.Parse(read[name], True)
            return
        with archive.open(name) as stream:
            while chunk := stream.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        return


def local_name(name: str) -> str:
    return name.rpartition(" ")[2]


def _relationships(archive: zipfile.ZipFile, part: str, read: Mapping[str, bytes] | None = None,
                   ) -> dict[str, tuple[str, str]]:
    """Id → (type, part name) of a part's relationships, targets resolved against the part's folder."""
    folder, base = posixpath.split(part)
    found: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict) -> None:
        if local_name(name) == "Relationship" and "Target" in attrs:
            target = attrs["Target"]
            path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), path)

    walk(archive, posixpath.join(folder, "_rels", base + ".rels"), start, read=read)
    return found


def xlsx_extents(archive: zipfile.ZipFile, wanted: Collection[str], read: Mapping[str, bytes] | None = None,
                 ) -> list[SheetExtent]:
    """Extents of the worksheets whose folded names are in `wanted` (the only ones calamine reads).

    `read`: parts already read whole (part name → content), not read again."""
    return [_xlsx_sheet(archive, name, part, (read or {}).get(part)) for name, part in xlsx_sheets(archive, wanted, read)]


def xlsx_sheets(archive: zipfile.ZipFile, wanted: Collection[str], read: Mapping[str, bytes] | None = None,
                ) -> list[tuple[str, str]]:
    """(name as written, part name) of the worksheets whose folded names are in `wanted`, in book order."""
    book = next((path for kind, path in _relationships(archive, "", read).values() if kind.endswith("/officeDocument")),
                "xl/workbook.xml")
    targets = _relationships(archive, book, read)
    sheets: list[tuple[str, str]] = []

    def start(name: str, attrs: dict) -> None:
        if local_name(name) == "sheet":
            rel = next((v for k, v in attrs.items() if " " in k and local_name(k) == "id"), "")
            if fold(attrs.get("name", "")) in wanted and rel in targets:
                sheets.append((attrs.get("name", ""), targets[rel][1]))

    walk(archive, book, start, read=read)
    return sheets


# The fast bound: every cell tag of the part starts with a plain `r` reference, found by pattern.
FAST_BYTES = 8 * 2**20  # larger parts are always walked
_ANY_CELL = re.compile(rb"<(?:[^\s/>!?:]*:)?c[\s/>]")  # a cell start tag, any namespace prefix
_PLAIN_CELL = re.compile(rb"<(?:[^\s/>!?:]*:)?c\s+r\s*=\s*([\"'])\$?([A-Za-z]{1,4})\$?(\d{1,12})\1")
# Every cell tag as Excel, LibreOffice and openpyxl write it: no prefix, `r` first, in double
# quotes, upper case, no `$`. Where no prefixed cell tag can be and these are all the cell tags,
# they are the references `_PLAIN_CELL` finds, read by a cheaper pattern.
_BARE_CELL = re.compile(rb"<c[\s/>]")
# Without one, `_ANY_CELL` finds what `_BARE_CELL` finds. Searched as a pattern, not `b":c" in`: sre
# looks for the rare `:` alone, where bytes' search stops at every `c` (3 times cheaper on a province file).
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_WRITTEN_CELL = re.compile(rb'<c r="([A-Z]{1,4})(\d{1,12})"')
_PROLOG = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml([^>]*)\?>")
_UTF8 = re.compile(rb"""encoding\s*=\s*["']utf-?8["']""", re.IGNORECASE)


def _is_utf8(xml: bytes) -> bool:
    prolog = _PROLOG.match(xml)
    if prolog:
        return b"encoding" not in prolog[1] or _UTF8.search(prolog[1]) is not None
    return xml[:1] == b"<" and xml[1:2] != b"\x00"


def fast_extent(sheet: str, xml: bytes) -> SheetExtent | None:
    """An upper bound of the extent, read by pattern over the part's bytes; None when the part is
    not plain enough to be sure of it (then `walk` measures it exactly).

    Sure means: UTF-8, and every cell start tag (`c` in any namespace) has a plain reference as its
    first attribute `r`, so no character reference, prefixed `r` or text inside another attribute
    can stand in for the one the walk reads (a second `r` is malformed XML, where the walk stops).
    The bound counts every cell, with a value or not, so it is never below what the walk finds.
    """
    if not _is_utf8(xml):
        return None
    written = _written_extent(sheet, xml)
    if written is not None:
        return written
    tags = len(_ANY_CELL.findall(xml))
    plain = _PLAIN_CELL.findall(xml)
    if not tags or len(plain) != tags:
        return None  # a cell whose first attribute is no plain r
    refs = set(plain)
    letters = {word.upper() for _, word, _ in refs}
    return SheetExtent(sheet, max(int(row) for _, _, row in refs), max(map(_column_number, letters)))


def _column_number(letters: bytes) -> int:
    """`B` → 2, `AA` → 27 (upper case letters)."""
    return sum((ch - 64) * 26**i for i, ch in enumerate(reversed(letters)))


def _written_extent(sheet: str, xml: bytes) -> SheetExtent | None:
    """`fast_extent`'s bound when every cell tag is written as `_WRITTEN_CELL` says, else None.

    The widest column is the longest of the letters, and among the longest the last in order."""
    if _PREFIXED_CELL.search(xml):
        return None
    refs = _WRITTEN_CELL.findall(xml)
    if not refs or len(refs) != len(_BARE_CELL.findall(xml)):
        return None
    letters, rows = zip(*refs, strict=True)
    widest = max(set(letters), key=lambda word: (len(word), word))
    return SheetExtent(sheet, max(map(int, rows)), _column_number(widest))


# A sheet whose every cell tag is written `<c r="` + at most two letters and three digits + `"`
# reaches at most row 999 and column ZZ (702): far within every limit (`too_large`).
SMALL_ROWS, SMALL_COLS = 999, 702
_NOT_SMALL = re.compile(rb'<c(?! r="[A-Z]{1,2}\d{1,3}"|ol)')  # `<c` but a small cell or a `<col`, `<cols`


def small_extent(sheet: str, xml: bytes) -> SheetExtent | None:
    """SMALL_ROWS × SMALL_COLS when the part has cells and each one's tag starts as `_NOT_SMALL`
    says, else None: one search, no cell looked at one by one. A prefixed cell tag (`<x:c `) or another
    encoding is left to `fast_extent`, as is any other tag starting `<c` (`<cfRule`…)."""
    if not _is_utf8(xml) or b'<c r="' not in xml or _PREFIXED_CELL.search(xml) or _NOT_SMALL.search(xml):
        return None
    return SheetExtent(sheet, SMALL_ROWS, SMALL_COLS)


def cell_at(attrs: dict, row: int, col: int) -> tuple[int, int]:
    """Excel (row, column) of a worksheet's `c` element: its reference `r`, or without one the cell after
    (`row`, `col`), the previous cell of the row."""
    match = _REF.match(attrs.get("r", ""))
    if not match:
        return row, col + 1
    return int(match[2]), sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(match[1].upper())))


def follow_cells(local: str, attrs: dict, at: dict) -> bool:
    """Follow a worksheet's `row` and `c` elements (`local`: the element's name without its namespace): `at`
    keeps the row, the column and the cell (Excel row, column) being read. True for either element."""
    if local == "row":
        ref = attrs.get("r", "")
        at["row"], at["col"] = (int(ref) if ref.isdigit() else at["row"] + 1), 0
        return True
    if local == "c":
        at["cell"] = cell_at(attrs, at["row"], at["col"])
        at["col"] = at["cell"][1]
        return True
    return False


def _xlsx_sheet(archive: zipfile.ZipFile, sheet: str, part: str, xml: bytes | None = None) -> SheetExtent:
    """The extent of one worksheet part, or an upper bound of it within every limit; `xml`: its
    content, when already read."""
    info = archive.NameToInfo.get(part)
    if info is not None and info.file_size <= FAST_BYTES:
        xml = archive.read(info) if xml is None else xml
        bound = small_extent(sheet, xml) or fast_extent(sheet, xml)
        if bound is not None and too_large(bound) is None:
            return bound  # within every limit even counted generously: no need to walk it
    extent = SheetExtent(sheet)
    at = {"row": 0, "col": 0, "cell": None}

    def start(name: str, attrs: dict) -> None:
        local = local_name(name)
        if not follow_cells(local, attrs, at) and local in ("v", "is") and at["cell"]:
            row, col = at["cell"]
            extent.last_row, extent.last_col = max(extent.last_row, row), max(extent.last_col, col)

    walk(archive, part, start)
    return extent


def ods_extents(archive: zipfile.ZipFile) -> list[SheetExtent]:
    """Extents of every table of an OpenDocument spreadsheet (calamine reads them all), repeats counted."""
    extents: list[SheetExtent] = []
    at = {"row": 0, "repeat": 1, "col": 0, "in_cell": False}

    def repeated(attrs: dict, key: str) -> int:
        text = attrs.get(f"{TABLE} {key}", "1")
        return int(text) if text.isdigit() else 1

    def filled() -> None:
        extent = extents[-1]
        extent.last_row = max(extent.last_row, at["row"] + at["repeat"])
        extent.last_col = max(extent.last_col, at["col"])

    def start(name: str, attrs: dict) -> None:
        local = local_name(name)
        if local == "table" and name.startswith(TABLE):
            extents.append(SheetExtent(attrs.get(f"{TABLE} name", "")))
            at.update(row=0, repeat=1, col=0)
        elif local == "table-row" and extents:
            at.update(repeat=repeated(attrs, "number-rows-repeated"), col=0)
        elif local in ("table-cell", "covered-table-cell") and extents:
            at["col"] += repeated(attrs, "number-columns-repeated")
            at["in_cell"] = True
            if f"{OFFICE} value-type" in attrs:
                filled()
        elif local == "p" and at["in_cell"] and extents:
            filled()

    def end(name: str) -> None:
        local = local_name(name)
        if local == "table-row":
            at["row"] += at["repeat"]
            at["repeat"] = 1
        elif local in ("table-cell", "covered-table-cell"):
            at["in_cell"] = False

    walk(archive, "content.xml", start, end)
    return extents
