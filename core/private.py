"""Files and folders holding personal data are their owner's only: files 0600, folders 0700.

Database versions, the archive and its manifest, backups, the lock, the errors file and the login
key are made through these, whatever the process's umask; folders made by an earlier version with
wider rights are narrowed when next written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

FILE_MODE, DIR_MODE = 0o600, 0o700


def private_dir(path: Path) -> Path:
    """`path` as a folder only its owner can enter; the parents it needs are made so too."""
    missing = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Narrow an existing file (one made by a library, e.g. a copy or a new database) to its owner."""
    os.chmod(path, FILE_MODE)
    return path


def open_private(path: Path, *, append: bool = False) -> BinaryIO:
    """`path` opened for writing (truncated, or appended to), created 0600 and kept so."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    fd = os.open(path, flags, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return os.fdopen(fd, "ab" if append else "wb")
