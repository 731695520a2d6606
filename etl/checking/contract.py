"""The submission workbook of docs/DATA_CONTRACT.md as data: sheets, columns, aliases, vocabularies.

Every match goes through `core.text.fold`, so the names here are written once, canonically.
Format v1 is the original workbook; format v2 adds the columns marked `since=2` (the Đề án's
weaknesses: cell meetings, inspections, working rules, discipline, admission pipeline, dual
roles, the admission quota). A v1 workbook still loads: its v2 fields are stored as NULL,
"chưa báo cáo". `tests/unit/test_contract_doc.py` keeps this module and the document in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SHEET_INFO = "Thông tin"
SHEET_CELLS = "Chi bộ"
SHEET_MEMBERS = "Đảng viên"
SHEET_CADRES = "Cán bộ chi bộ"
SHEET_GUIDE = "Hướng dẫn"
SHEETS = (SHEET_INFO, SHEET_CELLS, SHEET_MEMBERS, SHEET_CADRES)


FORMAT_V1, FORMAT_V2 = 1, 2


@dataclass(frozen=True)
class Column:
    name: str  # canonical Vietnamese header
    field: str  # identifier used in code and in the database
    required: bool = False
    aliases: tuple[str, ...] = field(default=())
    since: int = FORMAT_V1  # the format version that added it


CELL_COLUMNS = (
    Column("Mã chi bộ", "cell_code", True, ("Mã CB", "Mã số chi bộ")),
    Column("Tên chi bộ", "cell_name", True, ("Chi bộ",)),
    Column("Loại chi bộ", "cell_type", True, ("Loại hình chi bộ", "Loại")),
    Column("Xếp loại", "rating", False, ("Xếp loại chi bộ", "Kết quả xếp loại")),
    Column("Bốn tốt", "four_good", False, ("Chi bộ bốn tốt", "Chi bộ 4 tốt", "4 tốt")),
    Column("Năm thành lập", "founded_year", False, ("Năm thành lập chi bộ",), since=FORMAT_V2),
    Column("Tháng thành lập", "founded_month", False, ("Tháng thành lập chi bộ",), since=FORMAT_V2),
    Column("Sinh hoạt thường kỳ", "regular_meetings", False,
           ("Số buổi sinh hoạt thường kỳ", "Sinh hoạt định kỳ", "Số lần sinh hoạt thường kỳ"), since=FORMAT_V2),
    Column("Sinh hoạt chuyên đề", "thematic_meetings", False,
           ("Số buổi sinh hoạt chuyên đề", "Số lần sinh hoạt chuyên đề"), since=FORMAT_V2),
    Column("Cuộc kiểm tra", "inspections", False, ("Số cuộc kiểm tra", "Kiểm tra"), since=FORMAT_V2),
    Column("Cuộc giám sát", "supervisions", False, ("Số cuộc giám sát", "Giám sát"), since=FORMAT_V2),
    Column("Quy chế làm việc", "has_working_rules", False,
           ("Có quy chế làm việc", "Quy chế làm việc của chi bộ"), since=FORMAT_V2),
    Column("Năm sửa đổi quy chế", "rules_revised_year", False,
           ("Năm ban hành quy chế", "Năm sửa đổi, bổ sung quy chế", "Năm ban hành, sửa đổi quy chế"), since=FORMAT_V2),
)

MEMBER_COUNT_COLUMNS = (
    Column("Đầu năm", "start_count", True, ("Số đảng viên đầu năm", "Đảng viên đầu năm")),
    Column("Kết nạp", "admitted", True, ("Kết nạp mới", "Số kết nạp")),
    Column("Kết nạp học sinh", "admitted_students", True, ("Kết nạp HSSV", "Kết nạp học sinh, sinh viên")),
    Column("Kết nạp công nhân", "admitted_workers", True),
    Column("Kết nạp chủ doanh nghiệp", "admitted_owners", True, ("Kết nạp chủ DN",)),
    Column("Chuyển đến", "transferred_in", True),
    Column("Chuyển đi", "transferred_out", True),
    Column("Từ trần", "died", True),
    Column("Xóa tên", "struck_off", True),
    Column("Khai trừ", "expelled", True),
    Column("Xin ra khỏi Đảng", "resigned", True, ("Xin ra Đảng", "Ra khỏi Đảng")),
    Column("Cuối năm", "end_count", True, ("Số đảng viên cuối năm", "Đảng viên cuối năm")),
    Column("Miễn sinh hoạt", "exempted", True, ("Miễn SH", "Miễn công tác và sinh hoạt")),
    Column("Đi làm ăn xa", "working_away", True, ("Làm ăn xa",)),
    Column("HTXSNV", "rated_excellent", True),
    Column("HTTNV", "rated_good", True),
    Column("HTNV", "rated_fulfilled", True),
    Column("KHTNV", "rated_not_fulfilled", True),
    Column("Chưa xếp loại", "unrated", True, ("Không xếp loại", "Chưa đánh giá")),
)
# Format v2 in `Đảng viên`: a check column (not stored), members disciplined in the year by form
# and in all, candidates for admission trained in the year. Blank is "chưa báo cáo" (NULL).
RATED_TOTAL = Column("Tổng xếp loại", "rated_total", False, ("Tổng số xếp loại", "Cộng xếp loại"), since=FORMAT_V2)
DISCIPLINE_FORM_COLUMNS = (
    Column("Khiển trách", "reprimanded", False, ("Kỷ luật khiển trách",), since=FORMAT_V2),
    Column("Cảnh cáo", "warned", False, ("Kỷ luật cảnh cáo",), since=FORMAT_V2),
    Column("Cách chức", "removed_from_post", False, ("Kỷ luật cách chức",), since=FORMAT_V2),
    Column("Kỷ luật khai trừ", "expelled_by_discipline", False, ("Kỷ luật bằng hình thức khai trừ",), since=FORMAT_V2),
)
DISCIPLINE_TOTAL = Column("Bị kỷ luật", "disciplined", False,
                          ("Tổng số bị kỷ luật", "Số đảng viên bị kỷ luật", "Đảng viên bị kỷ luật"), since=FORMAT_V2)
CANDIDATES_TRAINED = Column("Đối tượng được bồi dưỡng", "candidates_trained", False,
                            ("Đối tượng kết nạp được bồi dưỡng", "Quần chúng ưu tú được bồi dưỡng",
                             "Bồi dưỡng đối tượng kết nạp"), since=FORMAT_V2)
MEMBER_V2_COLUMNS = (RATED_TOTAL, *DISCIPLINE_FORM_COLUMNS, DISCIPLINE_TOTAL, CANDIDATES_TRAINED)
MEMBER_COLUMNS = (Column("Mã chi bộ", "cell_code", True, ("Mã CB",)), *MEMBER_COUNT_COLUMNS, *MEMBER_V2_COLUMNS)

CADRE_COLUMNS = (
    Column("Họ và tên", "full_name", True, ("Họ tên", "Họ, tên", "Họ và tên cán bộ")),
    Column("Năm sinh", "birth_year", False, ("Sinh năm",)),
    Column("Giới tính", "gender", False, ("Nam/Nữ", "Nam, nữ")),
    Column("Mã chi bộ", "cell_code", True, ("Mã CB",)),
    Column("Chức vụ", "role", True, ("Chức vụ trong chi bộ", "Chức danh")),
    Column("Học vấn", "education", True, ("Trình độ học vấn", "Văn hóa", "Trình độ văn hóa", "Giáo dục phổ thông")),
    Column("Chuyên môn", "professional", False, ("Trình độ chuyên môn", "Chuyên môn nghiệp vụ")),
    Column("Lý luận chính trị", "political", False, ("LLCT", "Trình độ LLCT", "Trình độ lý luận chính trị", "Lý luận")),
    Column("Bồi dưỡng trong năm", "trained", False, ("Bồi dưỡng", "Bồi dưỡng nghiệp vụ", "Được bồi dưỡng")),
    Column("Kiêm nhiệm", "dual_role", False, ("Chức danh kiêm nhiệm", "Kiêm nhiệm chức danh"), since=FORMAT_V2),
)

INFO_KEYS = (
    Column("Đơn vị", "unit", True, ("Tên đơn vị", "Đảng bộ", "Mã đơn vị")),
    Column("Năm báo cáo", "year", True, ("Năm",)),
    Column("Xếp loại TCCSĐ", "org_rating", False, ("Xếp loại tổ chức cơ sở đảng", "Xếp loại đảng bộ")),
    Column("Số cấp ủy viên cơ sở", "committee_members", False, ("Số cấp ủy viên",)),
    Column("Cấp ủy viên cơ sở được bồi dưỡng", "committee_trained", False, ("Cấp ủy viên được bồi dưỡng",)),
    Column("Chỉ tiêu kết nạp được giao", "admission_quota", False,
           ("Chỉ tiêu kết nạp", "Chỉ tiêu kết nạp đảng viên"), since=FORMAT_V2),
    Column("Đảng bộ cơ sở bốn tốt", "four_good_unit", False,
           ("Đảng bộ cơ sở 4 tốt", "Đảng bộ bốn tốt", "Đảng bộ 4 tốt"), since=FORMAT_V2),
    Column("Người lập", "prepared_by", False),
    Column("Ngày lập", "prepared_on", False),
    Column("Dữ liệu mẫu", "is_sample", False),  # Có on the generated sample workbooks only
)

SHEET_COLUMNS = {
    SHEET_CELLS: CELL_COLUMNS,
    SHEET_MEMBERS: MEMBER_COLUMNS,
    SHEET_CADRES: CADRE_COLUMNS,
}
FORMULA_FIELDS = ("end_count", "rated_total", "disciplined")  # the template computes them
# The columns and `Thông tin` keys that count something: a number found there is quoted with its thousands
# grouped, as the messages write their limits (`1.000.000`; `không quá 2.000`); a year or a code as it is (`2030`).
COUNT_COLUMNS = frozenset(col.name for col in (*MEMBER_COUNT_COLUMNS, *MEMBER_V2_COLUMNS, *CELL_COLUMNS, *INFO_KEYS)
                          if col in (*MEMBER_COUNT_COLUMNS, *MEMBER_V2_COLUMNS) or col.field in (
                              "regular_meetings", "thematic_meetings", "inspections", "supervisions",
                              "committee_members", "committee_trained", "admission_quota"))


def columns_of(columns: tuple[Column, ...], version: int) -> tuple[Column, ...]:
    """The columns (or `Thông tin` keys) a workbook of format `version` has."""
    return tuple(col for col in columns if col.since <= version)


# Closed vocabularies: canonical value → accepted spellings (folded on match).
# `Doanh nghiệp` is the v1 kind: an enterprise whose ownership the workbook does not say; v2
# names the two kinds apart (Chỉ thị 33-CT/TW: party work in private enterprises).
ENTERPRISE_STATE, ENTERPRISE_PRIVATE, ENTERPRISE_UNSPECIFIED = "Doanh nghiệp nhà nước", "Doanh nghiệp tư nhân", "Doanh nghiệp"
CELL_TYPES = ("Thôn", "Tổ dân phố", "Cơ quan", "Trường học", ENTERPRISE_STATE, ENTERPRISE_PRIVATE,
              ENTERPRISE_UNSPECIFIED, "Quân sự", "Công an", "Khác")
CELL_TYPES_OFFERED = tuple(t for t in CELL_TYPES if t != ENTERPRISE_UNSPECIFIED)  # the template's list
CELL_TYPE_ALIASES = {
    "Tổ dân phố": ("TDP", "Tổ DP"), "Thôn": ("Thôn, xóm", "Xóm"),
    ENTERPRISE_STATE: ("DNNN", "DN nhà nước", "Doanh nghiệp Nhà nước", "Công ty nhà nước"),
    ENTERPRISE_PRIVATE: ("DN tư nhân", "DNTN", "Doanh nghiệp ngoài nhà nước", "Doanh nghiệp ngoài khu vực nhà nước",
                         "Kinh tế tư nhân", "Doanh nghiệp dân doanh"),
}
VILLAGE_CELL_TYPES = ("Thôn", "Tổ dân phố")  # the cells whose cadres T4–T7 count

# The kinds of unit (UNIT_KINDS …) are the unit reference's: database/units.py.

# Kiêm nhiệm (Đề án 1.5): the post a cell cadre also holds. `Không` says none; blank is not reported.
NO_DUAL_ROLE = "Không"
DUAL_ROLES = (NO_DUAL_ROLE, "Trưởng thôn", "Tổ trưởng tổ dân phố", "Trưởng ban công tác Mặt trận", "Thủ trưởng cơ quan")
DUAL_ROLE_ALIASES = {
    NO_DUAL_ROLE: ("Không kiêm nhiệm", "-"),
    "Trưởng thôn": ("Thôn trưởng",),
    "Tổ trưởng tổ dân phố": ("Tổ trưởng TDP", "Tổ trưởng dân phố"),
    "Trưởng ban công tác Mặt trận": ("Trưởng ban CTMT", "Trưởng ban Mặt trận", "Trưởng ban công tác mặt trận khu dân cư"),
    "Thủ trưởng cơ quan": ("Thủ trưởng đơn vị", "Thủ trưởng cơ quan, đơn vị", "Giám đốc", "Hiệu trưởng"),
}
# the cell types a dual role fits (a village head heads a village); roles not listed fit any cell
DUAL_ROLE_CELL_TYPES = {
    "Trưởng thôn": ("Thôn",),
    "Tổ trưởng tổ dân phố": ("Tổ dân phố",),
    "Trưởng ban công tác Mặt trận": VILLAGE_CELL_TYPES,
    "Thủ trưởng cơ quan": tuple(t for t in CELL_TYPES if t not in VILLAGE_CELL_TYPES),
}

RATINGS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
RATING_ALIASES = {
    "HTXSNV": ("Hoàn thành xuất sắc nhiệm vụ", "Xuất sắc"),
    "HTTNV": ("Hoàn thành tốt nhiệm vụ", "Tốt"),
    "HTNV": ("Hoàn thành nhiệm vụ",),
    "KHTNV": ("Không hoàn thành nhiệm vụ", "Không hoàn thành"),
}
GOOD_RATINGS = ("HTXSNV", "HTTNV")

ROLES = ("Bí thư", "Phó Bí thư", "Chi ủy viên")
ROLE_ALIASES = {"Phó Bí thư": ("PBT", "Phó BT"), "Bí thư": ("BT",), "Chi ủy viên": ("CUV", "Ủy viên", "Chi ủy")}

GENDERS = ("Nam", "Nữ")

# Ranked ladders: index = rank, 0 = not trained.
PROFESSIONAL_LEVELS = ("Chưa qua đào tạo", "Sơ cấp", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ")
POLITICAL_LEVELS = ("Chưa qua đào tạo", "Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân")
LEVEL_ALIASES = {
    "Chưa qua đào tạo": ("Chưa", "Không", "Chưa đào tạo", "-"),
    "Đại học": ("ĐH", "Cử nhân", "Kỹ sư"),
    "Cao đẳng": ("CĐ",),
    "Trung cấp": ("TC",),
    "Sơ cấp": ("SC",),
    "Thạc sĩ": ("ThS",),
    "Tiến sĩ": ("TS",),
    "Cao cấp": ("CC",),
}

YES = ("Có", "x", "X", "1", "Đạt", "Yes")
NO = ("Không", "", "0", "No")

# The Học vấn dropdown of the template: the common forms; others are still accepted.
EDUCATION_OFFERED = ("12/12", "11/12", "10/12", "9/12", "8/12", "7/12", "6/12", "5/12", "10/10", "9/10",
                     "THPT", "THCS", "Tiểu học")

# Học vấn: THPT forms; `n/12`, `n/10` are read as grade / system (handled in code).
EDUCATION_THPT = ("THPT", "Tốt nghiệp THPT", "Trung học phổ thông", "PTTH", "Bổ túc THPT", "12/12", "10/10")
EDUCATION_BELOW = ("THCS", "Trung học cơ sở", "Tiểu học", "Tốt nghiệp THCS", "Cấp 2", "Cấp 1", "Chưa tốt nghiệp THPT")

TOTAL_ROW_LABELS = ("Tổng cộng", "Cộng", "Tổng", "Tổng số", "Cộng chung")
