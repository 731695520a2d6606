"""Counts that cannot be true, and faults of our own: refused or flagged in Vietnamese, never a crash.

A consistent workbook whose `Đầu năm` is 2^31 once crashed the loader (32-bit columns), took the
whole batch down with it and showed users a traceback; counts are 64-bit now, bounded by the
checks, one file's fault never touches the others, and an unexpected error is a Vietnamese
message quoting an id whose traceback is in the server's errors file.
"""

from __future__ import annotations

from core.incidents import errors_log
from tests.support.implausible_files import HUGE, corrupt, files, good_in_2023, scaled


def test_an_unexpected_error_on_a_page_is_a_vietnamese_message_with_an_id_never_a_traceback(sample_env):
    from tests.support.auth_fixtures import new_app

    corrupt(sample_env)
    at = new_app()  # the database unreadable from the first run on
    assert not at.exception, [e.value for e in at.exception]
    [message] = [e.value for e in at.error]
    assert message.startswith("Đã xảy ra lỗi không mong đợi (mã lỗi ") and message.endswith("mã lỗi này.")
    assert message.split("mã lỗi ")[1][:8] in errors_log(sample_env).read_text(encoding="utf-8")


def test_the_upload_page_refuses_the_huge_file_loads_the_good_one_and_empties_the_uploader(empty_env, tmp_path):
    from tests.support.auth_fixtures import new_app

    at = new_app()
    at.switch_page("pages/data.py").run()
    uploader_key = at.file_uploader[0].key
    for name, data in files(tmp_path, huge=scaled(1, start_plus=HUGE - 45), good=good_in_2023(tmp_path)):
        at.file_uploader[0].upload(name, data)
    at.run()
    at.button(key="nap_du_lieu").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value.split(r"\:")[0] for s in at.success] == [r"good\.xlsx"]
    [refused] = [e.value for e in at.error]
    assert r"**huge\.xlsx\: bị từ chối, 3 lỗi**" in refused
    assert "chi bộ «CB01» không thể có quá 2\\.000 đảng viên" in refused
    assert at.file_uploader[0].key != uploader_key  # a new, empty uploader
