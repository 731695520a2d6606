"""The spare: a whole copy of the published version, made ahead for the next write session to start from.

Once a version is published and the app has warmed it (ui/warm.py), `database.store.prepare_spare` copies it
to `VERSION.spare` (written under another name, synced, then renamed, so a spare is always whole), off any
upload's path. A write session takes the spare of the published version by one rename and changes only the
pages its load touches: the 155 MB copy and its sync at national scale leave the upload's time. Without a
spare (a second load before it is made, no app running) the session copies as before. A session that wrote
nothing gives its copy back as the spare; a spare of an older version is swept.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.private import open_private

SPARE_SUFFIX = ".spare"  # VERSION.spare: a finished copy of that version for the next write session
SPARE_WORK = "spare.tmp"  # the spare being written (one at a time: SPARE_LOCK)
SPARE_LOCK = "spare.lock"


def spare_of(version: Path) -> Path:
    return version.with_name(version.name + SPARE_SUFFIX)


@contextmanager
def spare_lock(folder: Path) -> Iterator[bool]:
    """The lock of whoever writes a spare, taken if free: True if this caller holds it."""
    with open_private(folder / SPARE_LOCK, append=True) as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def sweep_spares(folder: Path, keep: Path | None) -> None:
    """Spares of other versions than `keep` (the published one), and one left half-written by a killed writer."""
    for spare in folder.glob("*" + SPARE_SUFFIX):
        if keep is None or spare.name != spare_of(keep).name:
            spare.unlink(missing_ok=True)
    with spare_lock(folder) as held:
        if held:  # no spare being written: one left half-written by a killed writer goes
            (folder / SPARE_WORK).unlink(missing_ok=True)


def make_spare(folder: Path, current: Path) -> Path | None:
    """The spare of the version `current` in `folder`, made now unless there is one; None when another thread or
    process is writing a spare, or the version is gone."""
    with spare_lock(folder) as held:
        if not held:
            return None
        spare = spare_of(current)
        if spare.exists():
            return spare
        work = folder / SPARE_WORK  # a killed writer's is simply written over
        try:
            _copy_synced(current, work)
        except FileNotFoundError:  # the version swept meanwhile (newer ones published)
            work.unlink(missing_ok=True)
            return None
        os.replace(work, spare)
        return spare


def _copy_synced(source: Path, target: Path) -> None:
    """`target` (0600 from the start) a copy of `source` made inside the kernel, on disk, not only in the
    page cache."""
    with open(source, "rb") as src, open_private(target) as dst:
        while os.sendfile(dst.fileno(), src.fileno(), None, 1 << 30):
            pass
        os.fsync(dst.fileno())


def take_copy(current: Path, work: Path) -> os.stat_result | None:
    """`work` as a copy of the published version `current`: its spare taken if there is one (one
    rename), else a copy made now. The spare's stat when it was taken, else None."""
    try:
        os.replace(spare_of(current), work)
    except FileNotFoundError:
        shutil.copyfile(current, work)
        return None
    taken = work.stat()
    if taken.st_size == current.stat().st_size:
        return taken
    shutil.copyfile(current, work)  # never expected: a version file is never changed
    return None


def give_back(work: Path, current: Path, taken: os.stat_result | None) -> None:
    """The copy of a session that wrote nothing back as the spare of `current` it was taken from (`taken`: its
    stat then), if the file is as it was then; else removed."""
    now = work.stat()
    spare = spare_of(current)
    if taken and (now.st_size, now.st_mtime_ns) == (taken.st_size, taken.st_mtime_ns) and not spare.exists():
        os.replace(work, spare)
    work.unlink(missing_ok=True)
