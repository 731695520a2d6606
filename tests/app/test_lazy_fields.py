"""The meeting data as the cache keeps it (ui.data): packed field by field, read back whole or a field at a
time, so that the report page and a slide unpack only what they draw (a country's is 119 MB of pickles)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from database.db import cursor
from queries.report_data import MeetingData, meeting_data_for
from tests.support.page_support import run_page
from ui.data import LazyFields, PackedFields, _packed_result, _whole

HEAVY = ("by_unit", "scorecard", "ranking", "warnings")  # the fields whose rows grow with the units


def _equal(left: object, right: object) -> bool:
    if isinstance(left, pd.DataFrame):
        pd.testing.assert_frame_equal(left, right)
        return True
    return left == right


@pytest.fixture
def meeting(sample_env) -> MeetingData:
    return meeting_data_for(cursor(sample_env), 2024)


def test_the_meeting_data_is_read_back_whole_and_field_by_field(meeting):
    packed = _packed_result(meeting)
    assert isinstance(packed, PackedFields)
    whole, lazy = _whole(packed), LazyFields(packed)
    assert isinstance(whole, MeetingData)
    for field in dataclasses.fields(MeetingData):
        value = getattr(meeting, field.name)
        assert _equal(getattr(whole, field.name), value), field.name
        assert _equal(getattr(lazy, field.name), value), field.name
    assert {name: lazy.count(name) for name in HEAVY} == {name: len(getattr(meeting, name)) for name in HEAVY}


def test_a_field_is_unpacked_only_when_read(meeting):
    lazy = LazyFields(_packed_result(meeting))
    assert len(lazy.cards) == 7 and lazy.count("warnings") == len(meeting.warnings) > 0
    assert "cards" in vars(lazy) and not set(HEAVY) & set(vars(lazy))
    with pytest.raises(AttributeError):
        lazy.no_such_field  # noqa: B018


def test_a_value_that_is_no_dataclass_is_packed_whole(meeting):
    assert _equal(_whole(_packed_result(meeting.cards)), meeting.cards)


def test_the_report_page_counts_without_unpacking_and_says_the_same(sample_env, meeting):
    """The caption's counts come from the packing, the same as the fields' rows."""
    at = run_page("pages/report.py", year=2024)
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Bảng xếp hạng: "))
    assert caption == (f"Bảng xếp hạng: {len(meeting.ranking)} đơn vị · tiến độ: {len(meeting.pace)} chỉ tiêu · "
                       f"{len(meeting.warnings)} cảnh báo.")
