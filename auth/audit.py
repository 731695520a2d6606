"""Who logged in, loaded, downloaded or managed users, and when.

Only account names, actions, file names, unit ids, years and outcomes are written: never a
field value of a workbook (no cadre names, no birth years).
"""

from __future__ import annotations

import contextlib
import getpass
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from auth.store import connect, exists
from core.incidents import record_incident
from settings import Settings, settings

if TYPE_CHECKING:
    import pandas as pd  # imported by `audit_frame` only: the command line's help and user commands start without it

LOGIN = "đăng nhập"
LOGIN_FAILED = "đăng nhập thất bại"
LOCKED = "tạm khóa đăng nhập"
LOGOUT = "đăng xuất"
SESSION_EXPIRED = "hết phiên"
LOAD = "nạp dữ liệu"
DOWNLOAD = "tải xuống"
DOWNLOAD_REFUSED = "tải xuống bị từ chối"
USER_ADDED = "thêm người dùng"
USER_REMOVED = "xóa người dùng"
PASSWORD_SET = "đặt lại mật khẩu"
UNLOCKED = "mở khóa đăng nhập"
FAILED = "lỗi không mong đợi"

COLUMNS = {"at": "Thời điểm", "username": "Người dùng", "action": "Thao tác", "target": "Đối tượng",
           "detail": "Chi tiết"}
MAX_TEXT = 300
# A stored moment (`2026-12-03 16:05:16`) as the pages and the load history write one: 03/12/2026 16:05:16.
SHOWN_MOMENT = "strftime('%d/%m/%Y %H:%M:%S', {column})"


def _now() -> str:
    return datetime.now().isoformat(sep=" ", timespec="seconds")


def record_many(cfg: Settings, rows: Iterable[tuple[str, str, str, str]]) -> None:
    """Append (username, action, target, detail) rows in one transaction."""
    rows = [(_now(), *(str(v or "")[:MAX_TEXT] for v in row)) for row in rows]
    if not rows:
        return
    with connect(cfg) as con:
        con.execute("BEGIN IMMEDIATE")
        con.executemany("INSERT INTO audit (at, username, action, target, detail) VALUES (?, ?, ?, ?, ?)", rows)
        con.execute("COMMIT")


def record(cfg: Settings, username: str, action: str, target: str = "", detail: str = "") -> None:
    record_many(cfg, [(username, action, target, detail)])


def record_loads(cfg: Settings, username: str, results: Iterable, channel: str = "") -> None:
    """One row per loaded file (`etl.loading.loader.LoadResult`): file name, unit id, year, outcome."""
    rows = []
    for result in results:
        detail = f"{result.unit_id or '—'}, năm {result.year or '—'}: {result.outcome}"
        if result.problems:
            detail += f" ({len(result.problems)} lỗi)"
        rows.append((username, LOAD, result.file_name, f"{detail}{channel}"))
    record_many(cfg, rows)


def os_user() -> str:
    """The operating-system account running the command line."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "(không rõ)"


def audit_frame(cfg: Settings, limit: int | None = 10_000) -> pd.DataFrame:
    """The audit log, newest first, with Vietnamese column names (as shown and exported)."""
    import pandas as pd

    frame = pd.DataFrame(columns=list(COLUMNS))
    if exists(cfg):
        with connect(cfg) as con:
            sql = (f"SELECT {SHOWN_MOMENT.format(column='at')}, username, action, target, detail FROM audit "
                   "ORDER BY id DESC")
            rows = con.execute(sql + (" LIMIT ?" if limit else ""), [limit] if limit else []).fetchall()
        frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.rename(columns=COLUMNS).astype(str)


def incident(exc: BaseException, where: str, who: str, cfg: Settings | None = None) -> str:
    """Record `exc` under a new id (`core.incidents`) and audit that `who` met it; the id."""
    cfg = cfg or settings()
    error_id = record_incident(exc, where, cfg)
    with contextlib.suppress(Exception):  # the accounts file may be what failed; the errors file has it
        record(cfg, who, FAILED, where, f"mã lỗi {error_id}")
    return error_id
