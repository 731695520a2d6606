"""The decoder process: one per loading process, replaced when a file kills it or hangs it."""

from __future__ import annotations

import os
import select
import signal
import threading
import time

import pytest

from database.store import writer_lock
from etl.checking.model import WorkbookRejected
from etl.checking.validate import parse_workbook
from etl.loading.batch import load_files
from etl.loading.loader import OUTCOME_NEW
from etl.reading.decoder import DECODER, UNSAVED, DecoderFailed
from etl.reading.spreadsheet import UNREADABLE, Unreadable, _request_key, read_sheets
from settings import settings
from tests.support import FIXTURES
from tests.support.hostile import valid_xlsx
from tests.support.workbooks import default_spec

WANTED = ("thong tin", "chi bo", "dang vien", "can bo chi bo")


def test_one_decoder_serves_many_files(tmp_path):
    data = valid_xlsx(tmp_path)
    read_sheets(data, WANTED)
    first = DECODER.pid
    for _ in range(3):
        read_sheets(data, WANTED)
    assert DECODER.pid == first is not None


def test_a_file_that_kills_the_decoder_is_rejected_and_the_next_file_reads(tmp_path):
    data = valid_xlsx(tmp_path)
    read_sheets(data, WANTED)
    before = DECODER.pid
    with pytest.raises(Exception) as rejected:
        parse_workbook((FIXTURES / "damaged-aborts-calamine.xls").read_bytes(), "hong.xls")
    assert UNREADABLE in str(rejected.value)
    assert parse_workbook(data, "ok.xlsx").unit_id  # a fresh decoder took over
    assert DECODER.pid not in (None, before)


def test_a_decoder_that_stops_answering_is_killed_at_the_time_limit(tmp_path):
    data = valid_xlsx(tmp_path)
    read_sheets(data, WANTED)
    stuck = DECODER.pid
    os.kill(stuck, signal.SIGSTOP)  # as if a file kept it busy for ever
    with pytest.raises(DecoderFailed) as failed:
        DECODER.ask((data, WANTED, settings()), timeout_s=1)
    assert failed.value.timed_out
    with pytest.raises(ProcessLookupError):
        os.kill(stuck, 0)  # killed and reaped, not left behind
    assert read_sheets(data, WANTED)


def test_the_next_file_is_decoded_ahead_and_a_wrong_guess_costs_nothing(tmp_path):
    first, second = valid_xlsx(tmp_path, name="a"), valid_xlsx(tmp_path, name="b")
    assert read_sheets(first, WANTED, upcoming=second) == read_sheets(first, WANTED)  # `second` dropped
    read_sheets(first, WANTED, upcoming=second)
    assert read_sheets(second, WANTED) == read_sheets(second, WANTED)  # the answer sent ahead


def test_the_next_file_is_sent_before_this_answer_is_unpickled(tmp_path, monkeypatch):
    """The decoder starts on it while this answer is unpickled; not before the answer is read (the decoder
    could then wait for us to read its answer while we wait for it to read a large request)."""
    import etl.reading.decoder as decoder

    first, second = valid_xlsx(tmp_path, name="a"), valid_xlsx(tmp_path, name="b")
    read_sheets(first, WANTED)
    seen = []
    receive, loads = decoder._receive, decoder.pickle.loads
    monkeypatch.setattr(decoder, "_receive", lambda *args: seen.append(("read", DECODER._ahead)) or receive(*args))
    monkeypatch.setattr(decoder.pickle, "loads", lambda data: seen.append(("unpickled", DECODER._ahead)) or loads(data))
    read_sheets(first, WANTED, upcoming=second)
    assert seen == [("read", None), ("unpickled", _request_key(second, WANTED))]


def test_formulas_without_results_are_found_by_the_decoder_and_the_next_file_stays_decoded(tmp_path, monkeypatch):
    """A rejected file's question about its formulas goes to the decoder between two files of a load:
    the file sent ahead meanwhile is not decoded a second time."""
    spec = default_spec()
    spec.members[0]["Cuối năm"] = "=B2+C2"  # openpyxl saves it without a value
    unsaved, second = valid_xlsx(tmp_path, spec, name="a"), valid_xlsx(tmp_path, name="b")
    sent = []
    send = DECODER._send
    monkeypatch.setattr(DECODER, "_send", lambda request: sent.append(request[0]) or send(request))
    with pytest.raises(WorkbookRejected) as caught:
        parse_workbook(unsaved, "a.xlsx", upcoming=second)
    assert [(p.row, p.column, p.unsaved) for p in caught.value.problems] == [(2, "Cuối năm", True)]
    assert parse_workbook(second, "b.xlsx").unit_id
    assert sent == [unsaved, second, UNSAVED]  # `second` decoded once, ahead

    """The decoder died on the file sent ahead before it was asked for: asking for it, with the next file
    to send ahead, rejects it, and never takes a new decoder's answer (the next file's grids) for it."""
    good, other = valid_xlsx(tmp_path, name="a"), valid_xlsx(tmp_path, name="b")
    killer = (FIXTURES / "damaged-aborts-calamine.xls").read_bytes()
    read_sheets(good, WANTED, upcoming=killer)
    dying = DECODER._process
    dying.wait(30)  # dead before it is asked
    with pytest.raises(Unreadable):
        read_sheets(killer, WANTED, upcoming=other)
    assert [sheet.name for sheet in read_sheets(other, WANTED)][:1] == ["Thông tin"]  # a fresh decoder reads it


def test_a_killing_file_sent_ahead_harms_no_other_file(tmp_path):
    good = valid_xlsx(tmp_path)
    killer = (FIXTURES / "damaged-aborts-calamine.xls").read_bytes()
    read_sheets(good, WANTED, upcoming=killer)  # the decoder dies on it while we look elsewhere
    assert read_sheets(good, WANTED)  # the dropped answer is not taken for this one
    read_sheets(good, WANTED, upcoming=killer)
    with pytest.raises(Exception) as rejected:
        parse_workbook(killer, "hong.xls")
    assert UNREADABLE in str(rejected.value)


def test_the_decoder_process_is_the_default_and_the_setting_reads_in_process(tmp_path, monkeypatch):
    data = valid_xlsx(tmp_path)
    assert not settings().decode_in_process  # the product's default: a file that kills the reader kills the decoder
    read_sheets(data, WANTED)
    assert DECODER.pid is not None

    def no_decoder(*args, **kwargs):
        raise DecoderFailed(timed_out=False)

    monkeypatch.setattr(DECODER, "ask", no_decoder)
    with pytest.raises(Exception, match=UNREADABLE):
        read_sheets(data, WANTED)  # the decoder answers every read by default
    monkeypatch.setenv("DP_DECODE_IN_PROCESS", "1")
    assert [sheet.name for sheet in read_sheets(data, WANTED)][:1] == ["Thông tin"]  # read here, no decoder asked


def test_a_request_sent_ahead_gets_the_whole_time_limit_from_when_it_is_asked_for(tmp_path):
    data = valid_xlsx(tmp_path)
    DECODER.send_ahead(_request_key(data, WANTED), (data, WANTED, settings()))
    time.sleep(1.5)  # as a load waiting for the writer lock
    assert DECODER.ask((data, WANTED, settings()), timeout_s=1, key=_request_key(data, WANTED))[0] == "ok"


def test_a_loads_first_file_is_decoded_while_the_load_waits_for_the_writer_lock(empty_env, tmp_path):
    data = valid_xlsx(tmp_path)
    DECODER.warm()
    results = []
    with writer_lock(empty_env, 5):  # another writer at work
        loading = threading.Thread(target=lambda: results.extend(load_files([("a.xlsx", data)], empty_env)))
        loading.start()
        answered = select.select([DECODER._process.stdout], [], [], 10)[0]  # the answer waits in the pipe
        assert answered and not results
    loading.join(30)
    assert [r.outcome for r in results] == [OUTCOME_NEW]
