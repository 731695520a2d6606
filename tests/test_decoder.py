"""The decoder process: one per loading process, replaced when a file kills it or hangs it."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from etl.config import settings
from etl.decoder import DECODER, DecoderFailed
from etl.spreadsheet import UNREADABLE, read_sheets
from etl.validate import parse_workbook
from tests.hostile import valid_xlsx

FIXTURES = Path(__file__).parent / "fixtures"
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
