"""Unexpected errors: logged on the server with a short id, told to the user in Vietnamese with that id.

No traceback reaches a user (server paths and SQL are not theirs to read; `client.showErrorDetails`
is "none" for what escapes us). The traceback goes to the server's log and to an errors file beside
the database (owner only), under the id the user can quote to the technician.
"""

from __future__ import annotations

import logging
import secrets
import traceback
from datetime import datetime

from core.private import open_private, private_dir
from settings import Settings, settings

LOG = logging.getLogger("ducpho")


def record_incident(exc: BaseException, where: str, cfg: Settings | None = None) -> str:
    """Write `exc` with its traceback to the errors file under a new id and say one line of it in the
    server's log; the id. Whoever met it is audited by the caller (`auth.audit.incident`)."""
    cfg = cfg or settings()
    error_id = secrets.token_hex(4)
    LOG.error("Lỗi không mong đợi %s (%s): %s; chi tiết trong %s", error_id, where, type(exc).__name__,
              errors_log(cfg))
    try:
        path = errors_log(cfg)
        private_dir(path.parent)
        text = "".join(traceback.format_exception(exc))
        with open_private(path, append=True) as fh:
            fh.write(f"--- {datetime.now().isoformat(timespec='seconds')} mã lỗi {error_id} ({where})\n{text}\n"
                     .encode())
    except OSError:
        LOG.exception("could not write the errors file")
    return error_id


def errors_log(cfg: Settings):
    return cfg.db_path.with_name(cfg.db_path.stem + "-errors.log")


def unexpected_message(error_id: str) -> str:
    """What a user reads instead of a traceback."""
    return (f"Đã xảy ra lỗi không mong đợi (mã lỗi {error_id}). Hãy thử lại; nếu vẫn lỗi, "
            "hãy báo cán bộ kỹ thuật mã lỗi này.")
