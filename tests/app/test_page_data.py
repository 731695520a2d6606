"""Dữ liệu: uploads through the same `etl.loading.batch.load_files` as the CLI, their Vietnamese report,
new figures on every page at once, the load history, templates and extracts of the tables."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from core.wording import as_typed
from database.db import cursor
from database.store import write_session
from etl.checking import contract as c
from etl.loading.loader import (
    OUTCOME_NEW,
    OUTCOME_REJECTED,
    OUTCOME_REPLACED,
    OUTCOME_UNCHANGED,
)
from queries.kpi import kpi_table
from settings import SAMPLES_DIR
from tests.support.auth_fixtures import add_accounts, login
from tests.support.page_support import (
    app_test,
    member_sums,
    run_page,
    sample_rows,
    shown_table,
    submission,
    workbook_bytes,
)
from ui.blocks import export_frame
from ui.exports import csv_bytes
from ui.template_download import template_workbook
from ui.upload import REPORT_KEY, describe, load_uploads

PAGE = "pages/data.py"
PHO_HOA = "21469-2015"


def _sample(year: int, code: str) -> tuple[str, bytes]:
    path = next(Path(SAMPLES_DIR).glob(f"mau_{year}_{code}_*.xlsx"))
    return path.name, path.read_bytes()


def _stored(unit_id: str, year: int) -> tuple:
    """What the database holds for one report, and how many loads it has seen."""
    con = cursor()
    rows = con.execute("SELECT * FROM member_figures WHERE unit_id = ? AND year = ? ORDER BY cell_code",
                       [unit_id, year]).fetchall()
    return rows, con.execute("SELECT count(*), max(load_id) FROM load_history").fetchone()


def _admitted_shown(at: AppTest) -> int:
    return int(shown_table(at, "Tỷ lệ kết nạp theo đơn vị").at[0, "Kết nạp"])


def test_upload_replaces_a_report_and_every_page_shows_it_at_once(sample_env):
    admissions = run_page("pages/admissions.py", year=2024, units=[PHO_HOA])
    membership = run_page("pages/membership.py", year=2024, units=[PHO_HOA])
    before = member_sums(2024, [PHO_HOA])
    assert _admitted_shown(admissions) == before["Kết nạp"]

    content = submission(cursor(), PHO_HOA, 2024)
    first = content["members"][0]
    first.update(admitted=first["admitted"] + 2, end_count=first["end_count"] + 2, unrated=first["unrated"] + 2)
    results = load_uploads([("pho-hoa-2024-bo-sung.xlsx", workbook_bytes(PHO_HOA, 2024, content))],
                           loaded_by="Văn phòng Đảng ủy")
    assert [r.outcome for r in results] == [OUTCOME_REPLACED], [str(p) for p in results[0].problems]

    admissions.run()  # the same session: no cache cleared, the new version is read
    assert not admissions.exception
    assert _admitted_shown(admissions) == before["Kết nạp"] + 2
    kpi = kpi_table(cursor(), year=2024, unit="21469").set_index("indicator").loc["T3_admission_rate"]
    assert kpi["numerator"] == before["Kết nạp"] + 2
    membership.run()
    flow = shown_table(membership, "Biến động đảng viên").set_index("Khoản mục")["Số đảng viên"]
    assert (flow["Kết nạp"], flow["Cuối năm"]) == (before["Kết nạp"] + 2, before["Cuối năm"] + 2)

    data = run_page(PAGE)
    newest = shown_table(data, "Lịch sử nạp dữ liệu").iloc[0]
    assert (newest["Tệp"], newest["Người nạp"], newest["Đơn vị"], newest["Năm"], newest["Kết quả"]) == (
        "pho-hoa-2024-bo-sung.xlsx", "Văn phòng Đảng ủy", "Phường Phổ Hòa", 2024, OUTCOME_REPLACED)
    data.session_state[REPORT_KEY] = results
    data.run()
    assert [s.value for s in data.success] == [as_typed(results[0].summary())]
    assert "1 tệp nạp được, 0 tệp bị từ chối" in " ".join(m.value for m in data.markdown)


def test_rejected_workbooks_list_every_problem_and_change_nothing(sample_env):
    content = submission(cursor(), PHO_HOA, 2024)
    content["members"][0]["end_count"] += 5  # Cuối năm no longer adds up
    second = content["members"][1]
    second["admitted_students"] = second["admitted"] + 3  # more students than admissions
    content["cadres"][0]["role"] = "Trưởng thôn"  # not a cell post
    before = _stored(PHO_HOA, 2024)
    results = load_uploads([
        ("pho-hoa-2024-loi.xlsx", workbook_bytes(PHO_HOA, 2024, content)),
        _sample(2024, "21469"),  # the file already in force
        ("ghi-chu.xlsx", b"khong phai bang tinh"),
    ])
    assert [r.outcome for r in results] == [OUTCOME_REJECTED, OUTCOME_UNCHANGED, OUTCOME_REJECTED]
    broken = results[0]
    assert len(broken.problems) >= 3
    sheets = {p.sheet for p in broken.problems}
    assert {c.SHEET_MEMBERS, c.SHEET_CADRES} <= sheets
    assert all(p.row and p.column for p in broken.problems if p.sheet in (c.SHEET_MEMBERS, c.SHEET_CADRES))
    assert _stored(PHO_HOA, 2024) == before  # nothing changed

    at = run_page(PAGE)
    at.session_state[REPORT_KEY] = results
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 2
    for problem in broken.problems:  # every problem, with sheet, row and column, in the first message
        assert f"- {as_typed(describe(problem))}" in errors[0]
        if problem.row:
            assert f"dòng {problem.row}" in describe(problem)
    assert as_typed("pho-hoa-2024-loi.xlsx") in errors[0] and as_typed("ghi-chu.xlsx") in errors[1]
    assert not at.success  # the file already in force is not called loaded
    assert as_typed(results[1].summary()) in [i.value for i in at.info]
    assert ("0 tệp nạp được, 1 tệp không đổi (đã có đúng tệp này), 2 tệp bị từ chối"
            in " ".join(m.value for m in at.markdown))
    at.button(key="an_ket_qua_nap").click().run()
    assert not at.error and REPORT_KEY not in at.session_state


def test_the_same_file_again_is_counted_unchanged_not_loaded(sample_env):
    """QA: uploading the file in force again said `1 tệp nạp được` next to `đã có đúng tệp này`."""
    from tests.support.auth_fixtures import new_app

    name, data = _sample(2024, "21469")
    at = new_app()
    at.switch_page(PAGE).run()
    at.file_uploader[0].upload(name, data).run()
    at.button(key="nap_du_lieu").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "**Kết quả nạp:** 0 tệp nạp được, 1 tệp không đổi (đã có đúng tệp này), 0 tệp bị từ chối." in [
        m.value for m in at.markdown]
    assert not at.success
    assert as_typed(f"{name}: Phường Phổ Hòa năm 2024 đã có đúng tệp này, không thay đổi gì") in [i.value for i in at.info]


def test_extracts_for_the_filter_with_workbook_headers(sample_env):
    at = run_page(PAGE, year=2022, units=[PHO_HOA])
    cells = shown_table(at, "Chi bộ")
    assert list(cells.columns) == ["Đơn vị", "Đơn vị báo cáo", "Mã đơn vị báo cáo", "Năm", "Mã chi bộ",
                                   "Tên chi bộ", "Loại chi bộ", "Xếp loại", "Bốn tốt", "Năm thành lập",
                                   "Tháng thành lập", "Sinh hoạt thường kỳ", "Sinh hoạt chuyên đề", "Cuộc kiểm tra",
                                   "Cuộc giám sát", "Quy chế làm việc", "Năm sửa đổi quy chế"]
    rows = sample_rows()["cells"]
    rows = rows[(rows["unit_id"] == PHO_HOA) & (rows["year"] == 2022)]
    assert list(cells["Mã chi bộ"]) == sorted(rows["Mã chi bộ"])
    members = shown_table(at, "Đảng viên")
    sums = member_sums(2022, [PHO_HOA])
    for column in c.MEMBER_COUNT_COLUMNS:
        assert members[column.name].sum() == sums[column.name], column.name
    cadres = shown_table(at, "Cán bộ chi bộ")
    sheet = openpyxl.load_workbook(io.BytesIO(_sample(2022, "21469")[1]), read_only=True)[c.SHEET_CADRES]
    assert len(cadres) == sum(1 for row in sheet.iter_rows(min_row=2, values_only=True) if any(row))
    assert {col.name for col in c.columns_of(c.CADRE_COLUMNS, c.FORMAT_V1)} <= set(cadres.columns)  # v2: not yet
    info = shown_table(at, "Thông tin đơn vị")
    assert list(info["Đơn vị báo cáo"]) == ["Phường Phổ Hòa"]

    exported = csv_bytes(export_frame(members))
    assert exported.startswith(b"\xef\xbb\xbf") and "Mã chi bộ,Tên chi bộ,Đầu năm".encode() in exported

    at.radio(key="ranh_gioi").set_value("current").run()
    at.multiselect(key="don_vi").set_value(["21439-2025"]).run()
    members = shown_table(at, "Đảng viên")
    assert set(members["Đơn vị"]) == {"Phường Đức Phổ"}
    # the five wards merged into it, and the town's organisations sitting under it from 1 July 2025
    assert set(members["Mã đơn vị báo cáo"]) == {"21439", "21460", "21463", "21466", "21469", "53401", "53403", "53404"}
    assert members["Kết nạp"].sum() == member_sums(2022, ["21439-2025"], "current")["Kết nạp"]
    history = shown_table(at, "Lịch sử nạp dữ liệu")
    assert len(history) == len(list(Path(SAMPLES_DIR).glob("*.xlsx")))
    assert list(history["Lượt nạp"]) == sorted(history["Lượt nạp"], reverse=True)


def _cell_codes(workbook: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True)[c.SHEET_CELLS]
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]


def test_template_blank_or_prefilled(sample_env):
    at = run_page(PAGE)
    at.number_input(key="mau_nam").set_value(2024).run()
    at.selectbox(key="mau_don_vi").set_value(PHO_HOA).run()
    assert not at.exception
    assert any("Điền sẵn từ báo cáo: Phường Phổ Hòa năm 2023" in cap.value for cap in at.caption)
    assert [b.proto.label for b in at.get("download_button") if b.proto.label.startswith("Tải biểu mẫu")]

    rows = sample_rows()["cells"]
    last_year = sorted(rows[(rows["unit_id"] == PHO_HOA) & (rows["year"] == 2023)]["Mã chi bộ"])
    assert sorted(_cell_codes(template_workbook(PHO_HOA, 2024, True, None))) == last_year
    assert _cell_codes(template_workbook(PHO_HOA, 2024, False, None)) == []
    merged = rows[(rows["unit_id"] == "21439-2025") & (rows["year"] == 2025)]["Mã chi bộ"]
    assert sorted(_cell_codes(template_workbook("21439-2025", 2026, True, None))) == sorted(merged)

    at.number_input(key="mau_nam").set_value(2020).run()  # nothing loaded before 2020
    assert any("biểu mẫu để trống" in cap.value for cap in at.caption)


def test_empty_database_then_first_upload(empty_env):
    with write_session(empty_env):
        pass  # a published database with nothing loaded
    at = app_test()
    at.run()
    assert not at.exception
    assert any("Chưa có số liệu nào" in i.value for i in at.info)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    infos = " ".join(i.value for i in at.info)
    assert "Chưa có số liệu để trích xuất" in infos and "Chưa có lượt nạp nào" in infos

    results = load_uploads([_sample(2022, "21469")])
    assert [r.outcome for r in results] == [OUTCOME_NEW]
    at.run()
    assert not at.exception
    assert at.selectbox(key="nam").value == 2022
    assert len(shown_table(at, "Lịch sử nạp dữ liệu")) == 1
    at.switch_page("pages/admissions.py")
    at.run()
    assert not at.exception
    assert _admitted_shown(at) == member_sums(2022, [PHO_HOA])["Kết nạp"]


@pytest.mark.parametrize("page", ["pages/admissions.py", "pages/membership.py"])
def test_pages_stop_politely_without_data(empty_env, page):
    with write_session(empty_env):
        pass
    at = app_test()
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception
    assert any("Chưa có số liệu nào" in i.value for i in at.info)


def _history_download(at: AppTest, fetch) -> tuple[str, list[dict]]:
    """The name and rows of the load history's CSV, as a browser gets them."""
    button = next(b for b in at.download_button if b.key == "csv_load_history")
    return fetch.file_name(button), list(csv.DictReader(io.StringIO(fetch(button).decode("utf-8-sig"))))


def test_the_load_history_download_says_whose_loads_it_holds(sample_env, fetch):
    """Like every download: scope and boundary in its first columns and the scope in its name; no `Năm đang
    xem`, since the history lists every year's loads whatever year is viewed."""
    at = run_page(PAGE, year=2022)
    name, rows = _history_download(at, fetch)
    assert name == "lich-su-nap-du-lieu_toan-thi-xa_don-vi-bao-cao.csv"
    assert list(rows[0])[:3] == ["Phạm vi số liệu", "Địa giới đơn vị", "Lượt nạp"]
    assert {(r["Phạm vi số liệu"], r["Địa giới đơn vị"]) for r in rows} == {
        ("Toàn địa bàn thị xã Đức Phổ (cũ)", "Đơn vị theo từng năm")}
    assert {r["Năm"] for r in rows} == {str(y) for y in range(2020, 2026)}  # every year, not the one viewed

    add_accounts(sample_env)
    at = login("phohoa")
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    name, rows = _history_download(at, fetch)
    assert name == "lich-su-nap-du-lieu_phuong-pho-hoa-phuong-duc-pho_don-vi-bao-cao.csv"
    assert {(r["Phạm vi số liệu"], r["Đơn vị"]) for r in rows} == {
        ("Phường Phổ Hòa, Phường Đức Phổ", "Phường Phổ Hòa"), ("Phường Phổ Hòa, Phường Đức Phổ", "Phường Đức Phổ")}
