"""The process that decodes uploads: long-lived, separate, capped; respawned when a file kills it.

`etl.reading.spreadsheet` hands every workbook to one `python -m etl.reading.decoder` process per loading
process instead of forking a child per file: a fork of a dashboard holding a large database
costs tens of milliseconds, more than reading the file. The decoder starts with a small
interpreter, caps its own address space and silences Rust's backtraces, then answers requests
one at a time on its stdin / stdout. A file that aborts it, or runs over the time limit, costs
that process (killed, reported as unreadable) and the next file starts a fresh one.
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import io
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Hashable
from itertools import chain, compress, repeat
from pathlib import Path

import python_calamine as calamine

from core.numbers import vi_number
from core.text import fold
from core.wording import in_quotes
from etl.reading.guard import DAMAGED as UNREADABLE
from etl.reading.guard import PASSWORD, inspect
from etl.reading.sheetscan import column_letters
from etl.reading.unsaved import Cells, unsaved_formula_cells
from settings import Settings

try:
    import resource
except ImportError:  # not on Windows
    resource = None

ROOT = Path(__file__).resolve().parents[2]  # the project: `python -m etl.reading.decoder` runs from there
SUPPORTED = resource is not None  # elsewhere (Windows) files are read in the loading process
MEMORY = 2 * 1024**3  # address space the decoder may add to what it has after start-up
FRAME = struct.Struct("<Q")
MAX_ROWS = 10_000  # far more than any unit has; caps memory on a stray far-away cell
UNSAVED = "unsaved"  # a request for `unsaved_cells`
EXCEL_CELL_CHARS = 32_767  # what one Excel cell can hold: a longer one was made by something else


class Unreadable(Exception):
    """The file cannot be read as a spreadsheet; `expected` says so in Vietnamese."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


class DecoderFailed(Exception):
    """The decoder died, answered garbage or ran over time; `timed_out` says which."""

    def __init__(self, timed_out: bool):
        super().__init__("timed out" if timed_out else "died")
        self.timed_out = timed_out


class Decoder:
    """The client side: one decoder process, started on first use, one request at a time, and at
    most one more sent ahead (the next file of a load, decoded while this one is checked)."""

    def __init__(self, module: str = "etl.reading.decoder") -> None:
        self._module = module  # run as `python -m module`: serves the decoder's loop
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._ahead: Hashable | None = None  # key of the request sent ahead
        self._held: tuple[Hashable, object] | None = None  # (key, answer) of it, read while another was asked

    def ask(self, request: object, timeout_s: float, *, key: Hashable | None = None,
            then: tuple[Hashable, object] | None = None, between: bool = False) -> object:
        """The decoder's answer to `request` (pickled both ways); DecoderFailed if it has none.

        `key` names the request: if it was sent ahead, its answer is the one already coming.
        `then` (key, request) is sent ahead, so that the decoder goes on to it while the caller
        uses this answer (`_answer`). `timeout_s` counts from this call, for a request sent ahead
        too (it may have waited for the writer lock meanwhile). `between`: a question asked
        between two files; the answer to the one sent ahead is kept for the `ask` naming it.
        """
        with self._lock:
            held, self._held = self._held, None
            if held is not None and key is not None and held[0] == key:
                if then is not None:
                    self._send_ahead(*then)
                return held[1]
            ahead, self._ahead = self._ahead, None
            if key is None or ahead != key:
                if ahead is not None:
                    with contextlib.suppress(DecoderFailed):  # if it killed the decoder, a fresh one starts
                        answer = self._answer(time.monotonic() + timeout_s)  # else dropped: not asked for
                        self._held = (ahead, answer) if between else None
                self._send(request)
            return self._answer(time.monotonic() + timeout_s, then)  # sent ahead or now: its answer is the next one

    def send_ahead(self, key: Hashable, request: object) -> None:
        """Send `request` now unless one is already ahead: the `ask` naming `key` gets its answer, decoded
        meanwhile (the first file of a load, while the load opens its write session)."""
        with self._lock:
            if self._held is not None and self._held[0] != key:
                self._held = None  # held for a file not asked for: dropped
            if self._ahead is None and self._held is None:
                self._send_ahead(key, request)

    def _send_ahead(self, key: Hashable, request: object) -> None:
        with contextlib.suppress(DecoderFailed):  # if it cannot go now, it is sent when asked for
            self._send(request)
            self._ahead = key

    def _send(self, request: object) -> None:
        try:
            _send(self._running().stdin, pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            self._stop()
            raise DecoderFailed(timed_out=False) from None

    def _answer(self, deadline: float, then: tuple[Hashable, object] | None = None) -> object:
        """The next answer; `then` (key, request) is sent ahead as soon as the answer's bytes are in, so that
        the decoder starts on it while they are unpickled. (Sent before they are read, the decoder could wait
        for us to read its answer while we wait for it to read a large request.)"""
        try:
            payload = _receive(self._process.stdout.fileno(), deadline)
            if then is not None:
                self._send_ahead(*then)
            return pickle.loads(payload)
        except TimeoutError:
            self._stop()
            raise DecoderFailed(timed_out=True) from None
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            self._stop()
            raise DecoderFailed(timed_out=False) from None
        except BaseException:  # interrupted mid-request: the answers would be out of step
            self._stop()
            raise

    def warm(self) -> None:
        """Start the decoder now if it is not running (an upload page shown: a file may follow)."""
        with self._lock:
            self._running()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process and self._process.poll() is None else None

    def _running(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", self._module], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, close_fds=True,
            )
        return self._process

    def _stop(self) -> None:
        process, self._process = self._process, None
        self._ahead = None  # an answer held stays: it was read whole
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for pipe in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()

    def close(self) -> None:
        """Let the decoder finish (end of its input), or kill it after a second."""
        with self._lock:
            process, self._process = self._process, None
            self._ahead = self._held = None
            if process is None:
                return
            try:
                process.stdin.close()
                process.wait(timeout=1)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
            process.stdout.close()


def _send(pipe, payload: bytes) -> None:
    pipe.write(FRAME.pack(len(payload)) + payload)
    pipe.flush()


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes:
    chunks, left = [], size
    while left:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int, deadline: float | None) -> bytes:
    (size,) = FRAME.unpack(_read_exactly(fd, FRAME.size, deadline))
    return _read_exactly(fd, size, deadline)


def _limit_self() -> None:
    """Cap the address space a little above what start-up took; no backtraces on an abort."""
    if resource is not None:
        try:
            with open("/proc/self/statm") as statm:
                current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            resource.setrlimit(resource.RLIMIT_AS, (current + MEMORY, current + MEMORY))
        except (OSError, ValueError):
            pass
    faulthandler.disable()


def serve() -> None:
    """The decoder's loop: (data, wanted, settings) in, the outcome of `decode` out; (UNSAVED, data,
    sheets, settings) in, `unsaved_cells` out."""
    _limit_self()
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    out = os.fdopen(os.dup(stdout), "wb")
    os.dup2(os.open(os.devnull, os.O_WRONLY), stdout)  # nothing else may write into the answers
    while True:
        try:
            request = pickle.loads(_receive(stdin, None))
        except EOFError:
            return
        answer = unsaved_cells(*request[1:]) if isinstance(request[0], str) else decode(*request)
        _send(out, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


def decode(data: bytes, wanted: tuple[str, ...], cfg: Settings | None = None) -> tuple[str, object]:
    """("ok", [(name, worksheet, grid, last_row), …]) for every sheet of `data` (etl.reading.spreadsheet.SheetRead's
    fields: plain data, the same in this process and across the pipe), or ("unreadable", why in Vietnamese)."""
    refused = inspect(data, wanted, cfg)  # zip bombs, entity expansion, huge sheets: before calamine
    if refused:
        return "unreadable", refused
    try:
        return "ok", _read(data, wanted)
    except Unreadable as error:
        return "unreadable", error.expected


def unsaved_cells(data: bytes, sheets: tuple[str, ...], cfg: Settings | None = None) -> Cells:
    """`etl.reading.unsaved.unsaved_formula_cells`, for a file the guard passes; none found for another."""
    if inspect(data, tuple(map(fold, sheets)), cfg):
        return {}
    try:
        return unsaved_formula_cells(data, sheets)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, zlib.error):
        return {}


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


def _read(data: bytes, wanted: tuple[str, ...]) -> list[tuple]:
    book = _calamine(calamine.CalamineWorkbook.from_filelike, io.BytesIO(data))
    sheets, seen = [], set()
    for index, meta in enumerate(_calamine(lambda: book.sheets_metadata)):
        is_worksheet = meta.typ == calamine.SheetTypeEnum.WorkSheet
        key = fold(meta.name)
        if not (is_worksheet and key in wanted and key not in seen):
            sheets.append((meta.name, is_worksheet, None, None))
            continue
        seen.add(key)
        sheet = _calamine(book.get_sheet_by_index, index)
        end = _calamine(lambda: sheet.end)  # noqa: B023 - called at once
        # skip_empty_area=False keeps leading blank rows and columns: index i is Excel row i + 1
        grid = _calamine(sheet.to_python, False, MAX_ROWS)
        _refuse_giant_cells(meta.name, grid)
        sheets.append((meta.name, True, grid, end[0] + 1 if end else None))  # a list of lists already
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
                raise Unreadable(f"sheet {in_quotes(sheet)}, ô {column_letters(col + 1)}{index + 1}: dài {vi_number(len(value))} ký tự, "
                                 f"quá giới hạn {vi_number(EXCEL_CELL_CHARS)} ký tự của một ô Excel; tệp không do Excel "
                                 "tạo ra hoặc đã bị sửa")


DECODER = Decoder()
atexit.register(DECODER.close)

if __name__ == "__main__":
    serve()
