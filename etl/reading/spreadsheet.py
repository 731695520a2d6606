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
from collections.abc import Collection
from dataclasses import dataclass

from etl.reading.decoder import (
    DECODER,
    SUPPORTED,
    UNREADABLE,
    UNSAVED,
    DecoderFailed,
    Unreadable,
    decode,
    unsaved_cells,
)
from etl.reading.guard import ACCEPTED, OLE2_MAGIC, ZIP_MAGIC, declared_entries, too_many_entries
from settings import Settings, settings

CHILD_SECONDS = 120


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


def read_sheets(data: bytes, wanted: Collection[str], upcoming: bytes | None = None, cfg: Settings | None = None,
                ) -> list[SheetRead]:
    """Every sheet of the file in order; grids for the first sheet of each folded name in `wanted`.

    Raises Unreadable for anything that is no readable spreadsheet. `upcoming`: the file to be read
    next, which the decoder starts on while the caller checks this one. `cfg`: the settings, read
    once a load by the loader (they resolve paths on disk); read here without it.
    """
    cfg = cfg or settings()
    reason = sniff(data, cfg)
    if reason:
        raise Unreadable(reason)
    wanted = tuple(wanted)
    if _decoded_apart(cfg):
        status, payload = _in_decoder(data, wanted, cfg, upcoming)
    else:  # no decoder process on this system, or asked for (the unit tests): read here
        status, payload = decode(data, wanted, cfg)
    if status != "ok":
        raise Unreadable(payload)
    return [SheetRead(*fields) for fields in payload]


def unsaved_formulas(data: bytes, sheets: Collection[str], cfg: Settings | None = None) -> dict[str, set[tuple[int, int]]]:
    """Excel (row, column) of the formula cells of `sheets` (names as written) whose result the file did not
    save, by sheet (`etl.reading.unsaved`); read where `read_sheets` reads, and only for a zipped workbook:
    an .xls always holds the results. Nothing when the decoder fails: the question only improves a message.

    Asked between two files of a load: the next file, sent ahead, stays decoded for its `read_sheets`."""
    cfg = cfg or settings()
    if not data.startswith(ZIP_MAGIC):
        return {}
    if not _decoded_apart(cfg):
        return unsaved_cells(data, tuple(sheets), cfg)
    try:
        return DECODER.ask((UNSAVED, data, tuple(sheets), cfg), CHILD_SECONDS, between=True)
    except DecoderFailed:
        return {}


def read_ahead(data: bytes, wanted: Collection[str], cfg: Settings | None = None) -> None:
    """Have the decoder start on `data` now, for a `read_sheets` of it to come (the first file of a load,
    read while the load opens its write session). Nothing when the file is read in this process."""
    cfg = cfg or settings()
    ahead = _ahead(data, tuple(wanted), cfg) if _decoded_apart(cfg) else None
    if ahead is not None:
        DECODER.send_ahead(*ahead)


def _decoded_apart(cfg: Settings) -> bool:
    """Whether files are read by the decoder process: where there is one, unless the settings ask otherwise."""
    return SUPPORTED and not cfg.decode_in_process


def _request_key(data: bytes, wanted: tuple[str, ...]) -> tuple:
    return hashlib.blake2b(data, digest_size=16).digest(), wanted


def _ahead(data: bytes, wanted: tuple[str, ...], cfg: Settings) -> tuple[tuple, tuple] | None:
    """(key, request) to send `data` to the decoder ahead of its `read_sheets`; None for a file `sniff` refuses."""
    return None if sniff(data, cfg) else (_request_key(data, wanted), (data, wanted, cfg))


def _in_decoder(data: bytes, wanted: tuple[str, ...], cfg: Settings, upcoming: bytes | None = None,
                ) -> tuple[str, object]:
    """`decode` computed by the decoder process (etl.reading.decoder), so that an abort kills it only."""
    then = None if upcoming is None else _ahead(upcoming, wanted, cfg)
    try:
        return DECODER.ask((data, wanted, cfg), CHILD_SECONDS, key=_request_key(data, wanted), then=then)
    except DecoderFailed as failed:
        if failed.timed_out:
            return "unreadable", f"đọc tệp quá {CHILD_SECONDS} giây; tệp quá lớn hoặc bị hỏng"
        return "unreadable", UNREADABLE


