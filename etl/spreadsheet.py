"""Spreadsheet bytes → plain grids of the sheets asked for, read by python-calamine.

calamine (Rust) reads .xlsx/.xlsm/.xls/.ods and returns cached formula values; nothing here
evaluates a formula. A damaged file can make it panic (a pyo3 PanicException, which is a
BaseException) or abort the whole process: a broken .xls once asked for a 190 GB allocation,
and Rust aborts on that where no `except` can catch it. So the reading runs in a separate decoder
process (`etl.reading.decoder`) with a memory cap and a time limit, and the dashboard or loader survives
any upload. In the same process, before calamine, `etl.reading.guard` checks the container: zip bombs,
entity declarations, sheets reaching far beyond any report, encryption.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Collection
from dataclasses import dataclass
from itertools import chain, compress, repeat

import python_calamine as calamine

from core.text import fold
from etl.reading.decoder import DECODER, SUPPORTED, DecoderFailed
from etl.reading.guard import (
    ACCEPTED,
    OLE2_MAGIC,
    PASSWORD,
    ZIP_MAGIC,
    declared_entries,
    inspect,
    too_many_entries,
)
from etl.reading.guard import (
    DAMAGED as UNREADABLE,
)
from etl.reading.sheetscan import column_letters, dotted
from settings import Settings, settings

MAX_ROWS = 10_000  # far more than any unit has; caps memory on a stray far-away cell
CHILD_SECONDS = 120
EXCEL_CELL_CHARS = 32_767  # what one Excel cell can hold: a longer one was made by something else


class Unreadable(Exception):
    """The file cannot be read as a spreadsheet; `expected` says so in Vietnamese."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


@dataclass
class SheetRead:
    name: str  # as written in the file
    worksheet: bool  # False for chart and macro sheets
    grid: list[list[object]] | None  # grid[i][j] is Excel row i + 1, column j + 1; only when asked
    last_row: int | None = None  # Excel row of the last cell with content


def sniff(data: bytes, cfg: Settings | None = None) -> str | None:
    """Why `data` is no spreadsheet, judged from its content (never the file name), or None."""
    if not data:
        return f"tệp rỗng; cần {ACCEPTED}"
    if data.startswith(OLE2_MAGIC):
        return None
    if data.startswith(ZIP_MAGIC):
        # the directory itself is read in the child (etl.reading.guard), under its limits: it may hold a million entries
        return too_many_entries(declared_entries(data) or 0, cfg or settings())
    if data[:512].lstrip().lower().startswith((b"<", b"\xef\xbb\xbf<")):
        return "tệp là trang HTML/XML được đổi đuôi, không phải bảng tính; hãy mở bằng Excel và lưu lại dạng .xlsx"
    return f"{UNREADABLE}; cần {ACCEPTED}"


def read_sheets(data: bytes, wanted: Collection[str], upcoming: bytes | None = None) -> list[SheetRead]:
    """Every sheet of the file in order; grids for the first sheet of each folded name in `wanted`.

    Raises Unreadable for anything that is no readable spreadsheet. `upcoming`: the file to be read
    next, which the decoder starts on while the caller checks this one.
    """
    cfg = settings()  # read once a file: it resolves paths on disk
    reason = sniff(data, cfg)
    if reason:
        raise Unreadable(reason)
    wanted = tuple(wanted)
    status, payload = _in_decoder(data, wanted, cfg, upcoming) if SUPPORTED else _outcome(data, wanted, cfg)
    if status != "ok":
        raise Unreadable(payload)
    return payload


def _outcome(data: bytes, wanted: tuple[str, ...], cfg: Settings | None = None) -> tuple[str, object]:
    refused = inspect(data, wanted, cfg)  # zip bombs, entity expansion, huge sheets: before calamine
    if refused:
        return "unreadable", refused
    try:
        return "ok", _read(data, wanted)
    except Unreadable as error:
        return "unreadable", error.expected


def _request_key(data: bytes, wanted: tuple[str, ...]) -> tuple:
    return hashlib.blake2b(data, digest_size=16).digest(), wanted


def _in_decoder(data: bytes, wanted: tuple[str, ...], cfg: Settings, upcoming: bytes | None = None,
                ) -> tuple[str, object]:
    """`_outcome` computed by the decoder process (etl.reading.decoder), so that an abort kills it only."""
    then = None
    if upcoming is not None and sniff(upcoming, cfg) is None:
        then = (_request_key(upcoming, wanted), (upcoming, wanted, cfg))
    try:
        return DECODER.ask((data, wanted, cfg), CHILD_SECONDS, key=_request_key(data, wanted), then=then)
    except DecoderFailed as failed:
        if failed.timed_out:
            return "unreadable", f"đọc tệp quá {CHILD_SECONDS} giây; tệp quá lớn hoặc bị hỏng"
        return "unreadable", UNREADABLE


def _calamine(call, *args):
    """One calamine call; a panic (a BaseException, not an Exception) or error → Unreadable."""
    try:
        return call(*args)
    except (KeyboardInterrupt, SystemExit):
        raise
    except calamine.PasswordError:
        raise Unreadable(PASSWORD) from None
    except BaseException:  # pyo3 PanicException derives from BaseException
        raise Unreadable(UNREADABLE) from None


def _read(data: bytes, wanted: tuple[str, ...]) -> list[SheetRead]:
    book = _calamine(calamine.CalamineWorkbook.from_filelike, io.BytesIO(data))
    sheets, seen = [], set()
    for index, meta in enumerate(_calamine(lambda: book.sheets_metadata)):
        is_worksheet = meta.typ == calamine.SheetTypeEnum.WorkSheet
        key = fold(meta.name)
        if not (is_worksheet and key in wanted and key not in seen):
            sheets.append(SheetRead(meta.name, is_worksheet, None))
            continue
        seen.add(key)
        sheet = _calamine(book.get_sheet_by_index, index)
        end = _calamine(lambda: sheet.end)  # noqa: B023 - called at once
        # skip_empty_area=False keeps leading blank rows and columns: index i is Excel row i + 1
        grid = _calamine(sheet.to_python, False, MAX_ROWS)
        _refuse_giant_cells(meta.name, grid)
        sheets.append(SheetRead(meta.name, True, [list(line) for line in grid], end[0] + 1 if end else None))
    return sheets


def _refuse_giant_cells(sheet: str, grid: list[list[object]]) -> None:
    """A cell longer than Excel allows: refused here, before its megabytes travel or get cleaned.

    The longest text of the sheet is measured first, without a Python step per cell."""
    cells = list(chain.from_iterable(grid))
    if max(map(len, compress(cells, map(isinstance, cells, repeat(str)))), default=0) <= EXCEL_CELL_CHARS:
        return
    for index, line in enumerate(grid):
        for col, value in enumerate(line):
            if isinstance(value, str) and len(value) > EXCEL_CELL_CHARS:
                raise Unreadable(f"sheet '{sheet}', ô {column_letters(col + 1)}{index + 1}: dài {dotted(len(value))} ký tự, "
                                 f"quá giới hạn {dotted(EXCEL_CELL_CHARS)} ký tự của một ô Excel; tệp không do Excel "
                                 "tạo ra hoặc đã bị sửa")
