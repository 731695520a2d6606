"""One version of the programme file held through a whole computation.

`programme()` reads data/programme.toml again as soon as it changes, so a computation that asks for it
twice while an administrator saves the file gets one version, then the other: the pace of one version's
deadlines judged against the other's levels, a frame computed under the new deadlines stored in a table
made under the old ones, a query reading the stored frames of the new version (queries.precomputed: their
stamp is the programme's text) while it computes the rest under the old one. In `holding()` every
`programme()` and `programme_key()` of the thread (of the computation: a context variable) gives the
version found on entering it; the writer of the stored frames holds one for a whole write, the app for each
query it runs, from its cache key to its last figure. `file_key()` says whether the file has changed since.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from queries.programme import HELD, ProgrammeError, programme, programme_key


@contextmanager
def holding() -> Iterator[None]:
    """Hold the programme file as it is now for this block (one already held: that one, kept)."""
    if HELD.get() is not None:
        yield
        return
    key = programme_key()  # before the file is read: an edit after this is seen as one (file_key)
    try:
        version = (key, programme())
    except ProgrammeError:  # nothing to hold: whoever reads the file meets its problems, as without
        version = None
    token = HELD.set(version)
    try:
        yield
    finally:
        HELD.reset(token)


def file_key() -> str:
    """The programme file's key (programme_key) as the file is now, whatever this computation holds."""
    token = HELD.set(None)
    try:
        return programme_key()
    finally:
        HELD.reset(token)
