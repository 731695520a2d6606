"""The text of the `Hướng dẫn` sheet: every sheet, column, rule and accepted value of the contract.

Names and vocabularies come from `etl.contract`; only the explanations are written here.
"""

from __future__ import annotations

from etl import contract as c
from etl.units import Unit

YES_NO = (c.YES[0], c.NO[0])

RATING_WORDS = ", ".join(f"{code} ({c.RATING_ALIASES[code][0]})" for code in c.RATINGS)

# Vietnamese explanation per field; accepted values are appended from the contract.
FIELD_NOTES: dict[str, str] = {
    # Thông tin
    "unit": "Tên hoặc mã thống kê của đơn vị theo danh mục của năm báo cáo "
    "(ví dụ: Phường Phổ Hòa hoặc 21469). Từ ngày 01/7/2025 ghi theo đơn vị mới.",
    "year": "Năm báo cáo (số liệu tính đến ngày 31/12 của năm này).",
    "org_rating": "Kết quả xếp loại tổ chức cơ sở đảng của đơn vị trong năm: " + RATING_WORDS + ".",
    "committee_members": "Số cấp ủy viên của đảng bộ cơ sở (số nguyên).",
    "committee_trained": "Trong số cấp ủy viên cơ sở, số được bồi dưỡng nghiệp vụ công tác Đảng trong năm.",
    "prepared_by": "Họ tên người lập biểu.",
    "prepared_on": "Ngày lập biểu (ví dụ 15/12/2024).",
    "is_sample": "Chỉ có trên tệp dữ liệu mẫu do hệ thống sinh ra: Có.",
    # Chi bộ
    "cell_code": "Mã chi bộ do đơn vị đặt, không trùng nhau trong đơn vị; giữ nguyên mã qua các năm "
    "để theo dõi được xu hướng. Các sheet Đảng viên và Cán bộ chi bộ dùng đúng mã này.",
    "cell_name": "Tên chi bộ.",
    "cell_ref": f"Mã chi bộ, phải có trong sheet {c.SHEET_CELLS}.",
    "cell_type": "Loại chi bộ. Chỉ cán bộ của chi bộ Thôn và Tổ dân phố được tính vào chỉ tiêu T4–T7.",
    "rating": "Xếp loại chất lượng chi bộ trong năm: " + RATING_WORDS + ".",
    "four_good": "Chi bộ đạt danh hiệu \"chi bộ bốn tốt\" trong năm (x = Có, để trống = Không).",
    # Đảng viên
    "start_count": "Số đảng viên ngày 01/01.",
    "admitted": "Số đảng viên kết nạp mới trong năm.",
    "admitted_students": "Trong số kết nạp: học sinh, sinh viên.",
    "admitted_workers": "Trong số kết nạp: công nhân.",
    "admitted_owners": "Trong số kết nạp: chủ doanh nghiệp.",
    "transferred_in": "Đảng viên chuyển sinh hoạt đảng đến trong năm.",
    "transferred_out": "Đảng viên chuyển sinh hoạt đảng đi trong năm.",
    "died": "Đảng viên từ trần trong năm.",
    "struck_off": "Đảng viên bị xóa tên trong năm.",
    "expelled": "Đảng viên bị khai trừ trong năm.",
    "resigned": "Đảng viên xin ra khỏi Đảng trong năm.",
    "end_count": "Số đảng viên ngày 31/12.",
    "exempted": "Đảng viên được miễn công tác và sinh hoạt đảng (tại ngày 31/12).",
    "working_away": "Đảng viên đi làm ăn xa nơi cư trú (tại ngày 31/12).",
    "rated_excellent": "Đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ.",
    "rated_good": "Đảng viên xếp loại Hoàn thành tốt nhiệm vụ.",
    "rated_fulfilled": "Đảng viên xếp loại Hoàn thành nhiệm vụ.",
    "rated_not_fulfilled": "Đảng viên xếp loại Không hoàn thành nhiệm vụ.",
    "unrated": "Đảng viên chưa đánh giá, xếp loại (mới kết nạp, miễn sinh hoạt…).",
    # Cán bộ chi bộ
    "full_name": "Họ và tên người giữ chức vụ trong chi bộ tại ngày 31/12.",
    "birth_year": "Năm sinh (4 chữ số).",
    "gender": "Giới tính.",
    "role": "Chức vụ trong chi bộ. Chi ủy viên là người trong chi ủy không phải bí thư, phó bí thư.",
    "education": "Trình độ học vấn phổ thông. "
    + ", ".join(c.EDUCATION_THPT)
    + " là tốt nghiệp THPT; 9/12, "
    + ", ".join(c.EDUCATION_BELOW[:2])
    + "… là dưới THPT. Cột đã định dạng văn bản để Excel không đổi 12/12 thành ngày.",
    "professional": "Trình độ chuyên môn cao nhất (để trống = Chưa qua đào tạo).",
    "political": "Trình độ lý luận chính trị cao nhất (để trống = Chưa qua đào tạo).",
    "trained": "Được bồi dưỡng nghiệp vụ công tác Đảng trong năm (x = Có, để trống = Không).",
}

ACCEPTED: dict[str, tuple[str, ...]] = {
    "org_rating": c.RATINGS,
    "cell_type": c.CELL_TYPES,
    "rating": c.RATINGS,
    "four_good": YES_NO,
    "gender": c.GENDERS,
    "role": c.ROLES,
    "professional": c.PROFESSIONAL_LEVELS,
    "political": c.POLITICAL_LEVELS,
    "trained": YES_NO,
}

SHEET_NOTES = {
    c.SHEET_INFO: "Các mục ở cột A, giá trị ghi ở cột B.",
    c.SHEET_CELLS: "Mỗi dòng một chi bộ trực thuộc đơn vị.",
    c.SHEET_MEMBERS: "Mỗi chi bộ đúng một dòng: số liệu đảng viên trong năm (số nguyên ≥ 0; "
    "ô để trống được hiểu là 0).",
    c.SHEET_CADRES: "Mỗi dòng một người giữ chức vụ trong chi bộ tại ngày 31/12 "
    "(bí thư, phó bí thư, chi ủy viên).",
}


def rules() -> list[str]:
    """The identities every `Đảng viên` row must satisfy, and the other checks, in Vietnamese."""
    n = {col.field: col.name for col in c.MEMBER_COLUMNS}
    inflow = " + ".join(n[f] for f in ("start_count", "admitted", "transferred_in"))
    outflow = " − ".join(
        n[f] for f in ("transferred_out", "died", "struck_off", "expelled", "resigned")
    )
    admitted_parts = " + ".join(n[f] for f in ("admitted_students", "admitted_workers", "admitted_owners"))
    ratings = " + ".join(n[f] for f in ("rated_excellent", "rated_good", "rated_fulfilled", "rated_not_fulfilled", "unrated"))
    return [
        f"{n['end_count']} = {inflow} − {outflow}",
        f"{admitted_parts} ≤ {n['admitted']}",
        f"{ratings} = {n['end_count']}",
        f"{n['exempted']} ≤ {n['end_count']} và {n['working_away']} ≤ {n['end_count']}",
        (
            f"Mã chi bộ của sheet {c.SHEET_MEMBERS} và {c.SHEET_CADRES} phải có trong sheet "
            f"{c.SHEET_CELLS}; mỗi chi bộ có đúng một dòng ở sheet {c.SHEET_MEMBERS}."
        ),
        f"Có thể thêm dòng {c.TOTAL_ROW_LABELS[0]} ở cuối bảng; nếu có số liệu thì phải bằng tổng các dòng.",
        (
            "Không đổi tên sheet, tên cột. Tên và giá trị không phân biệt chữ hoa, chữ thường, "
            "có dấu hay không dấu."
        ),
        (
            "Nộp lại tệp của cùng đơn vị, cùng năm sẽ thay thế toàn bộ báo cáo trước. Tệp có lỗi "
            "không được nạp; thông báo lỗi nêu sheet, dòng, cột và giá trị cần sửa."
        ),
    ]


GuideRow = tuple[str, str, str, str]  # style (title, heading, header or ""), then columns A–C


def guide_rows(unit: Unit, year: int, info_keys: tuple[c.Column, ...], sample: bool) -> list[GuideRow]:
    """The guide's rows: a title, then per sheet a heading, a header and one row per column."""
    rows: list[GuideRow] = [
        ("title", "HƯỚNG DẪN ĐIỀN BÁO CÁO SỐ LIỆU TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN", "", ""),
        ("heading", f"Đơn vị: {unit.full_name} (mã {unit.code}) — Năm báo cáo: {year}", "", ""),
    ]
    if sample:
        rows.append(("heading", "DỮ LIỆU MẪU — không phải số liệu thật, chỉ dùng để thử hệ thống.", "", ""))
    sections = (
        (c.SHEET_INFO, info_keys),
        (c.SHEET_CELLS, c.CELL_COLUMNS),
        (c.SHEET_MEMBERS, c.MEMBER_COLUMNS),
        (c.SHEET_CADRES, c.CADRE_COLUMNS),
    )
    for sheet, columns in sections:
        rows.append(("", "", "", ""))
        rows.append(("heading", f"Sheet {sheet}", "", SHEET_NOTES[sheet]))
        rows.append(("header", "Mục / cột", "Bắt buộc", "Ý nghĩa và giá trị hợp lệ"))
        for col in columns:
            cell_ref = col.field == "cell_code" and sheet != c.SHEET_CELLS
            note = FIELD_NOTES["cell_ref" if cell_ref else col.field]
            if col.field in ACCEPTED:
                note += " Giá trị: " + ", ".join(ACCEPTED[col.field]) + "."
            rows.append(("", col.name, "Có" if col.required else "Không", note))
    rows.append(("", "", "", ""))
    rows.append(("heading", "Quy tắc kiểm tra", "", ""))
    rows.extend(("", f"{i}.", "", rule) for i, rule in enumerate(rules(), start=1))
    return rows
