"""The programme file: checked at start with a Vietnamese message naming the key; a copy with T5's
2025 level at 60% followed by every surface; the whole app on a second programme (a made-up
province's plan to 2027) so that nothing only works for the Đề án of Đức Phổ."""

from __future__ import annotations

from pathlib import Path

import pytest

from queries.programme import ProgrammeError, programme
from tests.support.programme_files import programme_copy

T5 = "T5_trung_cap_chuyen_mon"
T3 = "T3_admission_rate"
T7 = "T7_training"
DE_AN = None  # programme_copy's edits in the [de_an] table


def problems(path: Path) -> list[str]:
    with pytest.raises(ProgrammeError) as caught:
        programme(path)
    assert caught.value.path == path.absolute()
    return caught.value.problems


# ---- the file is checked, every problem named by its key -----------------------------------

def test_the_bundled_file_is_the_de_an():
    prog = programme()
    assert (prog.baseline, prog.deadlines, prog.start_year) == (2022, (2025, 2030), 2020)
    assert [prog.whole_area(y) for y in (2024, 2025, 2026)] == [
        "Toàn thị xã", "Toàn địa bàn thị xã Đức Phổ (cũ)", "Toàn địa bàn thị xã Đức Phổ (cũ)"]
    t1 = prog.indicator("T1_org_rating")
    assert [(b.from_year, b.fact) for b in t1.bases] == [(2015, "T1_org_rating"), (2025, "T1_cell_rating")]
    assert (prog.indicator(T5).levels, prog.indicator("T7_training").from_year) == ({2025: 0.5, 2030: 0.75}, 2023)
    assert prog.excellent_cap == 0.2


def test_a_period_the_file_declares_and_the_default_one():
    # the Đề án: T3 «hằng năm trong giai đoạn 2025-2030» (2025 in both periods); T1 «Đến năm 2030: Hằng năm …»
    prog = programme()
    assert prog.indicator(T3).periods == {2025: (2020, 2025), 2030: (2025, 2030)}
    assert [prog.period_of(T3, d) for d in prog.deadlines] == [(2020, 2025), (2025, 2030)]
    assert [prog.period_of(prog.indicator("T1_org_rating"), d) for d in prog.deadlines] == [(2020, 2025), (2026, 2030)]


T3_2030 = ('chỉ tiêu T3_admission_rate: khóa "giai_doan_2030" phải là [năm đầu, 2030]: giai đoạn kết thúc ở năm mốc, '
           "năm đầu từ 2020 (nam_bat_dau) đến 2030, ví dụ [2025, 2030]")
BASELINE = ('[de_an]: khóa "nam_goc" phải là một năm từ 2015 (năm báo cáo đầu tiên) đến 2024, trước mốc đầu 2025 của '
            "[de_an] moc")
START = '[de_an]: khóa "nam_bat_dau" phải là một năm từ 2015 (năm báo cáo đầu tiên) đến 2025, mốc đầu của [de_an] moc'
DEADLINES = '[de_an]: khóa "moc" phải là một danh sách năm tăng dần, từ 2015 đến 2100, ví dụ [2025, 2030]'


@pytest.mark.parametrize(("edits", "expected"), [
    (((T5, "muc_2030", None),), ['chỉ tiêu T5_trung_cap_chuyen_mon: thiếu khóa "muc_2030"']),
    (((T5, "loai", '"moi_nam"'),), ['chỉ tiêu T5_trung_cap_chuyen_mon: khóa "loai" = "moi_nam" không hợp lệ '
                                    '(chọn một trong: hang_nam, muc_theo_moc, khung_san, khong)']),
    (((T5, "muc_2025", "60"),), ['chỉ tiêu T5_trung_cap_chuyen_mon: khóa "muc_2025" phải là một tỷ lệ từ 0 đến 1, '
                                 "ví dụ 0.9 cho 90% (đang là 60)"]),
    (((T5, "muc_2025", '"90%"'),), ['chỉ tiêu T5_trung_cap_chuyen_mon: khóa "muc_2025" phải là một tỷ lệ từ 0 '
                                    'đến 1, ví dụ 0.9 cho 90% (đang là "90%")']),  # as the file writes it
    (((T5, "muc_2035", "0.9"),), ['chỉ tiêu T5_trung_cap_chuyen_mon: khóa "muc_2035": 2035 không phải một mốc '
                                  "của [de_an] moc"]),
    (((T5, "muc_toi_thieu", "0.9"),), ['chỉ tiêu T5_trung_cap_chuyen_mon: khóa "muc_toi_thieu" không có trong '
                                       "khuôn dạng (bỏ đi hoặc sửa tên)"]),
    (((T3, "giai_doan_2030", "[2025, 2029]"),), [f"{T3_2030} (đang là [2025, 2029])"]),
    (((T3, "giai_doan_2030", "2025"),), [f"{T3_2030} (đang là 2025)"]),
    (((T3, "giai_doan_2030", "[2031, 2030]"),), [f"{T3_2030} (đang là [2031, 2030])"]),  # running backwards
    (((T3, "giai_doan_2025", "[2019, 2025]"),), ['chỉ tiêu T3_admission_rate: khóa "giai_doan_2025" phải là '
                                                 "[năm đầu, 2025]: giai đoạn kết thúc ở năm mốc, năm đầu từ 2020 "
                                                 "(nam_bat_dau) đến 2025, ví dụ [2020, 2025] (đang là [2019, 2025])"]),
    (((DE_AN, "nam_goc", "2100"),), [f"{BASELINE} (đang là 2100)"]),  # after every deadline
    (((DE_AN, "nam_goc", "2025"),), [f"{BASELINE} (đang là 2025)"]),  # no pace toward the first deadline
    (((DE_AN, "nam_goc", "1900"),), [f"{BASELINE} (đang là 1900)"]),  # before any workbook reports
    (((DE_AN, "nam_bat_dau", "2031"),), [f"{START} (đang là 2031)"]),  # the first period would run backwards
    (((DE_AN, "nam_bat_dau", "1990"),), [f"{START} (đang là 1990)"]),
    (((DE_AN, "moc", "[2030, 2025]"),), [f"{DEADLINES} (đang là [2030, 2025])"]),  # alone: not every muc_ key too
    (((DE_AN, "moc", "[2025, 2200]"),), [f"{DEADLINES} (đang là [2025, 2200])"]),
    (((T7, "ap_dung_tu", "2031"),), ['chỉ tiêu T7_training: khóa "ap_dung_tu" phải là một năm từ 2015 (năm báo cáo '
                                     "đầu tiên) đến 2030, mốc cuối của [de_an] moc (đang là 2031)"]),  # never applies
    (((T3, "giai_doan_2035", "[2031, 2035]"),), ['chỉ tiêu T3_admission_rate: khóa "giai_doan_2035": 2035 không phải '
                                                 "một mốc của [de_an] moc"]),
    (((T5, "giai_doan_2030", "[2025, 2030]"),), ['chỉ tiêu T5_trung_cap_chuyen_mon: khóa "giai_doan_2030" chỉ dùng '
                                                 'cho chỉ tiêu có loai "hang_nam" hoặc "khung_san"']),
    (((T5, "ten", None), ("T3_admission_rate", "muc_tren", "0.02")),  # every problem at once
     ['chỉ tiêu T3_admission_rate: khóa "muc_tren" phải lớn hơn mức của mọi mốc',
      'chỉ tiêu T5_trung_cap_chuyen_mon: thiếu khóa "ten"']),
])
def test_a_file_that_does_not_fit_is_refused_naming_the_key(tmp_path, edits, expected):
    assert sorted(problems(programme_copy(tmp_path, *edits))) == sorted(expected)


def test_a_fact_the_definition_does_not_know_and_broken_toml(tmp_path):
    text = programme_copy(tmp_path).read_text(encoding="utf-8").replace('"T1_cell_rating"', '"T1_chi_bo"')
    found = problems(programme_copy(tmp_path, text=text))
    assert len(found) == 1 and found[0].startswith(
        'chỉ tiêu T1_org_rating, [[co_so]] thứ 2: khóa "so_lieu" = "T1_chi_bo" không có trong định nghĩa chỉ tiêu')
    assert problems(programme_copy(tmp_path, text="[de_an\nten = 1"))[0].startswith("sai cú pháp TOML")
    assert problems(tmp_path / "khong-co.toml")[0].startswith("không đọc được tệp")
