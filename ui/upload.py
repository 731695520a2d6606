"""Workbooks uploaded on the Dữ liệu page: loaded by the same `etl.loading.batch.load_files` as the
CLI, and reported file by file in Vietnamese."""

from __future__ import annotations

import logging
import threading

import streamlit as st

from auth import audit
from auth.session import account_name, allowed_units, may_load
from core.wording import as_typed
from database.store import StoreBusy
from database.units import prepare_index
from etl.checking.model import Problem
from etl.loading.batch import Progress, load_files
from etl.loading.loader import OUTCOME_UNCHANGED, LoadResult, tally
from etl.reading.decoder import DECODER, SUPPORTED
from etl.reading.guard import file_size
from settings import settings
from ui import warm
from ui.incidents import report_unexpected

REPORT_KEY = "upload_report"  # the last upload's results, shown until the next upload
ROUND_KEY = "upload_round"  # bumped after each upload, so the uploader starts empty
ACCEPTED_TYPES = ["xlsx", "xlsm", "xls", "ods"]
LOG = logging.getLogger("ducpho")


def describe(problem: Problem) -> str:
    """`Sheet «Đảng viên», dòng 12, cột «Kết nạp», giá trị «abc»: …` without the file name."""
    text = problem.located()
    return text[:1].upper() + text[1:]


def uploader_css(limit: str, types: list[str]) -> str:
    """Streamlit's uploader says `20MB per file` and why it refused a file (a tooltip) in English and takes
    no text for them: its own text is drawn at size 0 and the Vietnamese drawn in its place. Its own limit
    (`server.maxUploadSize`) is a little above ours, so that a file up to our limit always reaches the loader,
    and one just above it gets the loader's own Vietnamese message. The hint's own text is hidden from screen
    readers too (`visibility`, which the drawn text sets back), so that they read what is drawn, our limit, and
    not the uploader's (`tối đa 21 MB`) beside it. The button's own text, `Upload`, is rewritten in the page
    (ui.vietnamese), so it is left as it is, only at 1rem: a `Chọn tệp` drawn over it would be read after it
    («Chọn tệpChọn tệp»), and a button whose own text is hidden has no name in Chromium, the drawn one included."""
    kinds = ", ".join(t.upper() for t in types)
    hint = f"Kéo thả tệp vào đây · tối đa {limit} mỗi tệp · {kinds}"
    refused = f"Không nhận tệp này: chỉ nhận tệp {kinds}, tối đa {limit} mỗi tệp"
    return f"""<style>
[data-testid="stTooltipErrorContent"] {{ font-size: 0; }}
[data-testid="stTooltipErrorContent"]::after {{ content: "{refused}"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 1rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; visibility: hidden; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: "{hint}"; font-size: 0.875rem;
  visibility: visible; }}
</style>"""


def vietnamese_uploader() -> None:
    st.html(uploader_css(file_size(settings().max_upload_bytes), ACCEPTED_TYPES))


_indexing: list[threading.Thread] = []


def get_ready() -> None:
    """Start the decoder process, and build the loader's index of the units on a thread, while the user
    picks files, so the first upload waits for neither (the index: ~1 s for the country's 10,000 units)."""
    if SUPPORTED:
        DECODER.warm()
    if not any(thread.is_alive() for thread in _indexing):
        _indexing[:] = [threading.Thread(target=_index_units, name="unit-index", daemon=True)]
        _indexing[0].start()


def _index_units() -> None:
    try:
        prepare_index()
    except Exception:  # a unit reference that cannot be read: the upload itself reports it
        LOG.debug("unit index not built ahead", exc_info=True)


def load_uploads(files: list[tuple[str, bytes]], loaded_by: str | None = None,
                 progress: Progress | None = None) -> list[LoadResult]:
    """Load (name, content) pairs into the database the app reads; what the upload button calls."""
    if not may_load():
        raise PermissionError("tài khoản này không được nạp dữ liệu")
    cfg = settings()
    results = load_files(files, cfg, loaded_by=loaded_by or None, progress=progress,
                         allowed_units=allowed_units())
    audit.record_loads(cfg, account_name(), results)
    warm.wake()  # the new version's stored frames and the pages' caches, on the app's own thread
    return results


def submit(files: list[tuple[str, bytes]], loaded_by: str | None) -> None:
    """Load the files, keep their report and rerun, so every page and the filters see the new data."""
    bar = st.progress(0.0, text="Đang kiểm tra và nạp các tệp…")

    def progress(done: int, total: int, name: str) -> None:
        bar.progress(done / total if total else 1.0, text=f"Đang kiểm tra: {name}" if name else "Đã xong")

    try:
        results = load_uploads(files, loaded_by, progress)
    except StoreBusy as busy:
        bar.empty()
        st.error(str(busy))
        return
    except Exception as exc:  # a fault of ours (each file's own faults are in its result)
        bar.empty()
        st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1  # the uploader starts empty
        report_unexpected(exc, "nạp tệp trên trang Dữ liệu")
        return
    st.session_state[REPORT_KEY] = results
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.rerun()


def show_report(results: list[LoadResult]) -> None:
    """One message per file: what loaded, or every problem of a rejected workbook."""
    st.markdown(f"**Kết quả nạp:** {tally(results)}.")
    for result in results:
        if result.outcome == OUTCOME_UNCHANGED:  # not loaded: nothing to warn of either
            st.info(as_typed(result.summary()), icon=":material/info:")
        elif result.ok:
            st.success(as_typed(result.summary()), icon=":material/check_circle:")
            if result.warnings:
                st.warning("\n".join([f"**{as_typed(result.file_name)}** — cảnh báo:", ""]
                                     + [f"- {as_typed(w)}" for w in result.warnings]), icon=":material/warning:")
        else:
            lines = [f"**{as_typed(result.summary())}** — không có gì được ghi vào cơ sở dữ liệu. "
                     + "Hãy sửa các lỗi sau rồi nạp lại:", ""]
            lines += [f"- {as_typed(describe(p))}" for p in result.problems]
            st.error("\n".join(lines), icon=":material/error:")
