"""The text of the `Hướng dẫn` sheet: every sheet, column, rule and accepted value of the contract.

Names and vocabularies come from `etl.checking.contract`; only the explanations are written here.
"""

from __future__ import annotations

from database.units import Unit
from etl.checking import contract as c

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
    "admission_quota": "Số đảng viên mới cấp trên giao kết nạp trong năm (số nguyên). Để trống là chưa báo cáo.",
    "four_good_unit": "Đảng bộ cơ sở đạt danh hiệu \"đảng bộ cơ sở bốn tốt\" trong năm. Để trống là chưa báo cáo "
    "(khác với Không).",
    # Chi bộ
    "cell_code": "Mã chi bộ do đơn vị đặt, không trùng nhau trong đơn vị; giữ nguyên mã qua các năm "
    "để theo dõi được xu hướng. Các sheet Đảng viên và Cán bộ chi bộ dùng đúng mã này.",
    "cell_name": "Tên chi bộ.",
    "cell_ref": f"Mã chi bộ, phải có trong sheet {c.SHEET_CELLS}.",
    "cell_type": "Loại chi bộ. Chỉ cán bộ của chi bộ Thôn và Tổ dân phố được tính vào chỉ tiêu T4–T7; đơn vị "
    "không phải xã, phường (cơ quan, trường học, lực lượng vũ trang, doanh nghiệp) không có chi bộ thôn, tổ dân phố. "
    "Doanh nghiệp (mẫu cũ, chưa rõ loại hình) vẫn được nhận; từ mẫu mới hãy chọn Doanh nghiệp nhà nước hoặc "
    "Doanh nghiệp tư nhân.",
    "rating": "Xếp loại chất lượng chi bộ trong năm: " + RATING_WORDS + ".",
    "four_good": "Chi bộ đạt danh hiệu \"chi bộ bốn tốt\" trong năm (x = Có, để trống = Không).",
    "founded_year": "Năm thành lập chi bộ (4 chữ số), không sau năm báo cáo.",
    "founded_month": "Tháng thành lập (1–12); cần ghi khi chi bộ thành lập trong năm báo cáo, để biết số tháng "
    "phải sinh hoạt.",
    "regular_meetings": "Số buổi sinh hoạt chi bộ thường kỳ đã tổ chức trong năm: từ 0 đến 12 (mỗi tháng một lần); "
    "chi bộ thành lập trong năm thì không quá số tháng từ tháng thành lập đến tháng 12.",
    "thematic_meetings": "Số buổi sinh hoạt chuyên đề đã tổ chức trong năm (ghi 0 nếu không có).",
    "inspections": "Số cuộc kiểm tra chi bộ đã tiến hành trong năm (ghi 0 nếu không có).",
    "supervisions": "Số cuộc giám sát chi bộ đã tiến hành trong năm (ghi 0 nếu không có).",
    "has_working_rules": "Chi bộ đã ban hành quy chế làm việc.",
    "rules_revised_year": "Năm ban hành hoặc sửa đổi, bổ sung quy chế làm việc gần nhất; không sau năm báo cáo, "
    "không trước năm thành lập; để trống nếu chưa có quy chế.",
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
    "rated_total": "Tự tính bằng công thức: HTXSNV + HTTNV + HTNV + KHTNV + Chưa xếp loại; phải bằng Cuối năm. "
    "Không ghi đè.",
    "reprimanded": "Đảng viên bị kỷ luật khiển trách trong năm.",
    "warned": "Đảng viên bị kỷ luật cảnh cáo trong năm.",
    "removed_from_post": "Đảng viên bị kỷ luật cách chức trong năm.",
    "expelled_by_discipline": "Đảng viên bị kỷ luật khai trừ trong năm; bằng cột Khai trừ.",
    "disciplined": "Tự tính bằng công thức: tổng bốn hình thức kỷ luật. Để trống cả năm cột kỷ luật là chưa báo "
    "cáo; đã điền một cột thì ô trống trong các cột kỷ luật được hiểu là 0.",
    "candidates_trained": "Quần chúng ưu tú (đối tượng kết nạp) được bồi dưỡng nhận thức về Đảng trong năm.",
    # Cán bộ chi bộ
    "full_name": "Họ và tên người giữ chức vụ trong chi bộ tại ngày 31/12.",
    "birth_year": "Năm sinh (4 chữ số); cán bộ chi bộ là đảng viên, đủ 18 tuổi: không sau năm báo cáo − 18.",
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
    "dual_role": "Chức danh kiêm nhiệm tại ngày 31/12 (Không nếu không kiêm nhiệm; để trống là chưa báo cáo). "
    "Trưởng thôn chỉ ở chi bộ thôn, Tổ trưởng tổ dân phố chỉ ở chi bộ tổ dân phố, Trưởng ban công tác Mặt trận ở "
    "chi bộ thôn, tổ dân phố; Thủ trưởng cơ quan ở các chi bộ khác.",
}

ACCEPTED: dict[str, tuple[str, ...]] = {
    "org_rating": c.RATINGS,
    "four_good_unit": YES_NO,
    "cell_type": c.CELL_TYPES_OFFERED,
    "has_working_rules": YES_NO,
    "dual_role": c.DUAL_ROLES,
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
    c.SHEET_MEMBERS: "Mỗi chi bộ đúng một dòng: số liệu đảng viên trong năm (số nguyên ≥ 0; ở các cột "
    "từ Đầu năm đến Chưa xếp loại ô để trống được hiểu là 0, ở các cột kỷ luật và Đối tượng được bồi dưỡng là chưa "
    "báo cáo).",
    c.SHEET_CADRES: "Mỗi dòng một người giữ chức vụ trong chi bộ tại ngày 31/12 "
    "(bí thư, phó bí thư, chi ủy viên).",
}


def rules(version: int = c.FORMAT_V2) -> list[str]:
    """The identities every `Đảng viên` row must satisfy, and the other checks, in Vietnamese."""
    n = {col.field: col.name for col in (*c.MEMBER_COLUMNS, *c.CELL_COLUMNS)}
    inflow = " + ".join(n[f] for f in ("start_count", "admitted", "transferred_in"))
    outflow = " − ".join(
        n[f] for f in ("transferred_out", "died", "struck_off", "expelled", "resigned")
    )
    admitted_parts = " + ".join(n[f] for f in ("admitted_students", "admitted_workers", "admitted_owners"))
    ratings = " + ".join(n[f] for f in ("rated_excellent", "rated_good", "rated_fulfilled", "rated_not_fulfilled", "unrated"))
    forms = " + ".join(col.name for col in c.DISCIPLINE_FORM_COLUMNS)
    v1 = [
        f"{n['end_count']} = {inflow} − {outflow}",
        f"{admitted_parts} ≤ {n['admitted']}",
        f"{ratings} = {n['end_count']}",
        f"{n['exempted']} ≤ {n['end_count']} và {n['working_away']} ≤ {n['end_count']}",
    ]
    v2 = [
        f"{n['disciplined']} = {forms}; {n['expelled_by_discipline']} = {n['expelled']}; "
        f"{n['disciplined']} ≤ {inflow}",
        f"{n['regular_meetings']} ≤ 12; chi bộ thành lập trong năm báo cáo: không quá số tháng từ "
        f"{n['founded_month']} đến tháng 12",
        f"{n['founded_year']}, {n['rules_revised_year']}: không sau năm báo cáo; {n['rules_revised_year']} không "
        f"trước {n['founded_year']} và chỉ ghi khi {n['has_working_rules']} là Có",
        "Ở các cột mẫu mới (quy chế, sinh hoạt, kiểm tra, giám sát, kỷ luật, đối tượng, kiêm nhiệm, chỉ tiêu), ô để "
        "trống là chưa báo cáo, không phải 0: nếu không có, hãy ghi 0 hoặc Không.",
    ]
    common = [
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
    return v1 + (v2 if version >= c.FORMAT_V2 else []) + common


def cell_types_for(unit: Unit) -> tuple[str, ...]:
    """The kinds of cell a unit may have: no village or residential-group cells in an organisation."""
    if unit.territorial:
        return c.CELL_TYPES_OFFERED
    return tuple(t for t in c.CELL_TYPES_OFFERED if t not in c.VILLAGE_CELL_TYPES)


GuideRow = tuple[str, str, str, str]  # style (title, heading, header or ""), then columns A–C


def guide_rows(unit: Unit, year: int, info_keys: tuple[c.Column, ...], sample: bool,
               version: int = c.FORMAT_V2) -> list[GuideRow]:
    """The guide's rows: a title, then per sheet a heading, a header and one row per column."""
    rows: list[GuideRow] = [
        ("title", "HƯỚNG DẪN ĐIỀN BÁO CÁO SỐ LIỆU TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN", "", ""),
        ("heading", f"Đơn vị: {unit.full_name} (mã {unit.code}) — Năm báo cáo: {year}", "", ""),
    ]
    if sample:
        rows.append(("heading", "DỮ LIỆU MẪU — không phải số liệu thật, chỉ dùng để thử hệ thống.", "", ""))
    sections = (
        (c.SHEET_INFO, info_keys),
        (c.SHEET_CELLS, c.columns_of(c.CELL_COLUMNS, version)),
        (c.SHEET_MEMBERS, c.columns_of(c.MEMBER_COLUMNS, version)),
        (c.SHEET_CADRES, c.columns_of(c.CADRE_COLUMNS, version)),
    )
    for sheet, columns in sections:
        rows.append(("", "", "", ""))
        rows.append(("heading", f"Sheet {sheet}", "", SHEET_NOTES[sheet]))
        rows.append(("header", "Mục / cột", "Bắt buộc", "Ý nghĩa và giá trị hợp lệ"))
        for col in columns:
            cell_ref = col.field == "cell_code" and sheet != c.SHEET_CELLS
            note = FIELD_NOTES["cell_ref" if cell_ref else col.field]
            if col.field == "cell_type":
                note += " Giá trị: " + ", ".join(cell_types_for(unit)) + "."
            elif col.field in ACCEPTED:
                note += " Giá trị: " + ", ".join(ACCEPTED[col.field]) + "."
            rows.append(("", col.name, "Có" if col.required else "Không", note))
    rows.append(("", "", "", ""))
    rows.append(("heading", "Quy tắc kiểm tra", "", ""))
    rows.extend(("", f"{i}.", "", rule) for i, rule in enumerate(rules(version), start=1))
    return rows
