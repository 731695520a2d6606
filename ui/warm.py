"""The pages' caches warmed right after a load, on a thread of the app's own, not on a visitor's request.

The app remembers the named queries its visitors asked (name, arguments and reader's scope, the last
REMEMBERED of them). A thread follows the published database version: when a load publishes a new
one (from the upload page, or `python -m etl load` in another process), it writes that version's
stored frames (queries.precompute, if the loader has not) and then asks the remembered queries again for
the new version, newest first, so that the next visitor of a page finds its figures in the cache.
It stops replaying as soon as a newer version appears. What nobody asked in this process is not
warmed: its first visitor reads the stored frames (queries/precomputed.py). It makes ready what the next
load would otherwise do on its uploader's time: the loader's index of the units first (built once per
process, at the first version it sees, so never while a new version's first visitors are served), and
last a copy of the version for its write session (database.store.prepare_spare).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import suppress

from core.incidents import record_incident
from database.db import NoDatabase, data_version
from database.store import prepare_spare
from database.units import prepare_index
from queries.precompute import level
from settings import Settings, settings

REMEMBERED = 256
POLL_S = 2.0
NICE = 10
LOG = logging.getLogger("ducpho")

_asked: OrderedDict[tuple, None] = OrderedDict()  # (database path, name, args, allowed), newest last
_lock = threading.Lock()
_wake = threading.Event()
_stopping = threading.Event()
_started: list[threading.Thread] = []
_warmed = threading.Condition()
_done: dict[str, str] = {}  # database path → the version whose frames and caches are ready

Run = Callable[[str, str, tuple, "tuple[str, ...] | None"], object]


def remember(name: str, args: tuple, allowed: tuple[str, ...] | None) -> None:
    """A visitor asked this query: ask it again for the next version."""
    key = (str(settings().db_path), name, args, allowed)
    with _lock:
        _asked[key] = None
        _asked.move_to_end(key)
        while len(_asked) > REMEMBERED:
            _asked.popitem(last=False)


def follow(run: Run) -> None:
    """Start the thread that follows the published version (once per process); `run` gives a query's cache
    entry for a database version (ui.data), as a page's run asks for it."""
    with _lock:
        if _started:
            return
        thread = threading.Thread(target=_follow, args=(run,), name="warm-after-load", daemon=True)
        _started.append(thread)
    thread.start()


def wake() -> None:
    """Look at the published version now (the upload page, right after a load)."""
    _wake.set()


def _follow(run: Run) -> None:
    with suppress(OSError, AttributeError):  # below the visitors' requests (Linux: per thread, and the
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)  # DuckDB threads it starts)
    seen: dict[str, str] = {}
    while not _stopping.is_set():
        _follow_once(run, seen)
        _wake.wait(POLL_S)
        _wake.clear()


def _follow_once(run: Run, seen: dict[str, str]) -> None:
    """One look at the published version; a fault is written beside the database it followed."""
    cfg = settings()
    try:
        _step(run, seen, cfg)
    except NoDatabase:  # gone during the step (its folder deleted, a test's given back): nothing to make ready
        return
    except Exception as exc:  # a fault here costs speed, never a page: visitors compute on request
        record_incident(exc, "làm sẵn số liệu sau khi nạp", cfg)


@atexit.register
def _stop() -> None:
    """Let the thread end before the interpreter does (DuckDB's objects are released in order)."""
    _stopping.set()
    _wake.set()
    for thread in _started:
        thread.join(timeout=5)


def _step(run: Run, seen: dict[str, str], cfg: Settings) -> None:
    try:
        current = data_version(cfg)
    except NoDatabase:
        return
    path = str(cfg.db_path)
    if seen.get(path) == current:
        return
    seen[path] = current
    prepare_index()  # the units file's: built at the first version this process sees, then kept
    level(cfg)  # the new version's frames, unless its loader wrote them already
    with _lock:
        asked = [key for key in reversed(_asked) if key[0] == path]
    for _, name, args, allowed in asked:
        if _stopping.is_set() or data_version(cfg) != current:
            return  # stopping, or newer again: warm that one instead
        try:
            run(current, name, args, allowed)
        except Exception:  # the visitor who asks it meets the error on their own request
            LOG.debug("warming %s failed", name, exc_info=True)
    with _warmed:
        _done[path] = current
        _warmed.notify_all()
    if data_version(cfg) == current:
        _ready_for_a_load(cfg)


def _ready_for_a_load(cfg: Settings) -> None:
    """What the next load's write session would otherwise do on the uploader's time: the copy of the
    published version (database.store.prepare_spare)."""
    try:
        prepare_spare(cfg)
    except OSError:  # no spare costs the next upload its copy, nothing else
        LOG.debug("no spare copy of %s", cfg.db_path, exc_info=True)


def following() -> bool:
    """Whether this process's thread follows the published version (started by the first cached query)."""
    with _lock:
        return any(thread.is_alive() for thread in _started)


def wait_warm(timeout_s: float) -> bool:
    """Wait until the published version's frames and caches are ready (benchmarks, tests); False on timeout."""
    cfg = settings()
    with _warmed:
        return _warmed.wait_for(lambda: _done.get(str(cfg.db_path)) == data_version(cfg), timeout_s)
