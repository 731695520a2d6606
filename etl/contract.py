"""The submission workbook of DATA_CONTRACT.md as data: sheets, columns, aliases, vocabularies.

Every match goes through `etl.text.fold`, so the names here are written once, canonically.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SHEET_INFO = "Thông tin"
SHEET_CELLS = "Chi bộ"
SHEET_MEMBERS = "Đảng viên"
SHEET_CADRES = "Cán bộ chi bộ"
SHEET_GUIDE = "Hướng dẫn"
SHEETS = (SHEET_INFO, SHEET_CELLS, SHEET_MEMBERS, SHEET_CADRES)


@dataclass(frozen=True)
class Column:
    name: str  # canonical Vietnamese header
    field: str  # identifier used in code and in the database
    required: bool = False
    aliases: tuple[str, ...] = field(default=())


CELL_COLUMNS = (
    Column("Mã chi bộ", "cell_code", True, ("Mã CB", "Mã số chi bộ")),
    Column("Tên chi bộ", "cell_name", True, ("Chi bộ",)),
    Column("Loại chi bộ", "cell_type", True, ("Loại hình chi bộ", "Loại")),
    Column("Xếp loại", "rating", False, ("Xếp loại chi bộ", "Kết quả xếp loại")),
    Column("Bốn tốt", "four_good", False, ("Chi bộ bốn tốt", "Chi bộ 4 tốt", "4 tốt")),
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
MEMBER_COLUMNS = (Column("Mã chi bộ", "cell_code", True, ("Mã CB",)), *MEMBER_COUNT_COLUMNS)

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
)

INFO_KEYS = (
    Column("Đơn vị", "unit", True, ("Tên đơn vị", "Đảng bộ", "Mã đơn vị")),
    Column("Năm báo cáo", "year", True, ("Năm",)),
    Column("Xếp loại TCCSĐ", "org_rating", False, ("Xếp loại tổ chức cơ sở đảng", "Xếp loại đảng bộ")),
    Column("Số cấp ủy viên cơ sở", "committee_members", False, ("Số cấp ủy viên",)),
    Column("Cấp ủy viên cơ sở được bồi dưỡng", "committee_trained", False, ("Cấp ủy viên được bồi dưỡng",)),
    Column("Người lập", "prepared_by", False),
    Column("Ngày lập", "prepared_on", False),
    Column("Dữ liệu mẫu", "is_sample", False),  # Có on the generated sample workbooks only
)

SHEET_COLUMNS = {
    SHEET_CELLS: CELL_COLUMNS,
    SHEET_MEMBERS: MEMBER_COLUMNS,
    SHEET_CADRES: CADRE_COLUMNS,
}

# Closed vocabularies: canonical value → accepted spellings (folded on match).
CELL_TYPES = ("Thôn", "Tổ dân phố", "Cơ quan", "Trường học", "Doanh nghiệp", "Quân sự", "Công an", "Khác")
CELL_TYPE_ALIASES = {"Tổ dân phố": ("TDP", "Tổ DP"), "Thôn": ("Thôn, xóm", "Xóm")}
VILLAGE_CELL_TYPES = ("Thôn", "Tổ dân phố")  # the cells whose cadres T4–T7 count

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

# Học vấn: THPT forms; `n/12`, `n/10` are read as grade / system (handled in code).
EDUCATION_THPT = ("THPT", "Tốt nghiệp THPT", "Trung học phổ thông", "PTTH", "Bổ túc THPT", "12/12", "10/10")
EDUCATION_BELOW = ("THCS", "Trung học cơ sở", "Tiểu học", "Tốt nghiệp THCS", "Cấp 2", "Cấp 1", "Chưa tốt nghiệp THPT")

TOTAL_ROW_LABELS = ("Tổng cộng", "Cộng", "Tổng", "Tổng số", "Cộng chung")
