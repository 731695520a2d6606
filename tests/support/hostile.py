"""Hostile and broken files, built byte by byte at test time: the corpus of tests/test_hostile_corpus.py.

Each maker returns (file name, content, category, needle): the needle is a piece of the Vietnamese
reason the rejection must give, or None where any located problem will do (the file reaches the
contract checks, which report cell by cell).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import random
import struct
import warnings
import zipfile
from pathlib import Path

from etl.reading.spreadsheet import UNREADABLE
from tests.support import FIXTURES
from tests.support.workbooks import default_spec, write

Case = tuple[str, bytes, str, str | None]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      "</Types>")
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Chi bộ" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                 'Target="worksheets/sheet1.xml"/></Relationships>')
SHEET = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{{rows}}</sheetData></worksheet>'
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Mã chi bộ</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Tên chi bộ</t></is></c></row>')
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
          + "]>")


def zipped(parts: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0)), data, compress_type=method)
    return buffer.getvalue()


def xlsx(sheet_rows: str = HEADER_ROW, parts: dict[str, bytes | str] | None = None) -> bytes:
    """A minimal workbook (one sheet `Chi bộ`) with `parts` replaced or added."""
    base = {"[Content_Types].xml": CT, "_rels/.rels": RELS, "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS, "xl/worksheets/sheet1.xml": SHEET.format(rows=sheet_rows)}
    return zipped({**base, **(parts or {})})


def ods(table_body: str, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    content = (f'{prolog}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="Chi bộ">{table_body}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    return zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content})


def valid_xlsx(folder: Path, spec=None, name: str = "ok") -> bytes:
    path, _ = write(spec or default_spec(), folder, name=name)
    return path.read_bytes()


def rewritten(data: bytes, old: str, new: str) -> bytes:
    """The zip with `old` replaced by `new` in every part (openpyxl cuts text at 32767 characters: we don't)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info).replace(old.encode(), new.encode()) for info in source.infolist()}
    return zipped(parts)


def patch_central(data: bytes, entry: str, **fields: int) -> bytes:
    """Rewrite sizes of `entry` in the central directory only: the directory lies, the data doesn't."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46:at + 46 + name_len].decode() == entry:
            for field, offset in (("compress_size", 20), ("file_size", 24)):
                if field in fields:
                    struct.pack_into("<I", out, at + offset, fields[field])
        at = out.find(b"PK\x01\x02", at + 46)
    return bytes(out)


def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (version 3) holding `streams`, each padded to ≥ 4096 bytes."""
    sector = 512
    datas = [data.ljust(4096, b"\x00") for data in streams.values()]
    fat, sectors, starts = [0xFFFFFFFD, 0xFFFFFFFE], [], []
    for data in datas:
        count = -(-len(data) // sector)
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
        sectors.append(data.ljust(count * sector, b"\x00"))
    fat += [0xFFFFFFFF] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (encoded.ljust(64, b"\x00") + struct.pack("<HBBIII", len(encoded), kind, 1, 0xFFFFFFFF, right, child)
                + bytes(16) + struct.pack("<IQQIII", 0, 0, 0, start, size, 0))

    names = list(streams)
    directory = entry("Root Entry", 5, 1, 0xFFFFFFFF, 0xFFFFFFFE, 0)
    for index, name in enumerate(names, 1):
        right = index + 1 if index < len(names) else 0xFFFFFFFF
        directory += entry(name, 2, 0xFFFFFFFF, right, starts[index - 1], len(datas[index - 1]))
    directory = directory.ljust(sector, b"\x00")
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<I", 0) + b"\xff" * 4 * 108)
    return header + struct.pack("<128I", *fat) + directory + b"".join(sectors)


def renamed_binaries() -> list[Case]:
    chance = random.Random(7)
    return [
        ("anh.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(chance.randrange(256) for _ in range(2000)), "renamed binary", UNREADABLE),
        ("van-ban.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "renamed binary", UNREADABLE),
        ("chuong-trinh.xls", b"\x7fELF\x02\x01\x01" + bytes(3000), "renamed binary", UNREADABLE),
        ("nen.xlsx", gzip.compress(b"Don vi;Nam\n" * 100), "renamed binary", UNREADABLE),
        ("ngau-nhien.xlsx", bytes(chance.randrange(256) for _ in range(4096)), "renamed binary", UNREADABLE),
        ("ngau-nhien.ods", bytes(chance.randrange(256) for _ in range(4096)), "renamed binary", UNREADABLE),
        ("trang-web.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "renamed binary", "HTML"),
        ("rong.xlsx", b"", "renamed binary", "tệp rỗng"),
        ("van-ban-word.xlsx", zipped({"word/document.xml": "<w:document/>"}), "renamed binary", "tệp nén không phải"),
        ("chu.ods", "Đơn vị: Phổ Hòa\nNăm: 2024\n".encode(), "renamed binary", UNREADABLE),
    ]


def broken_zips(folder: Path) -> list[Case]:
    good = valid_xlsx(folder)
    directory = good.rindex(b"PK\x01\x02")
    corrupt_directory = good[:directory] + b"XX\x01\x02" + good[directory + 4:]
    sheet_at = good.index(b"xl/worksheets/sheet1.xml") + 40
    flipped = bytearray(good)
    for offset in range(sheet_at, sheet_at + 64):
        flipped[offset] ^= 0x5A
    big = xlsx(HEADER_ROW + "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 3000)))
    lying = patch_central(big, "xl/worksheets/sheet1.xml", file_size=1000)
    ods_good = ods('<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p>'
                   "</table:table-cell></table:table-row>")
    return [
        ("cat-doi.xlsx", good[: len(good) // 2], "broken zip", UNREADABLE),
        ("cat-dau.xlsx", good[:30], "broken zip", UNREADABLE),
        ("muc-luc-hong.xlsx", corrupt_directory, "broken zip", UNREADABLE),
        ("du-lieu-hong.xlsx", bytes(flipped), "broken zip", UNREADABLE),
        ("kich-thuoc-gia.xlsx", lying, "broken zip", "bị hỏng"),
        ("cat-doi.ods", ods_good[: len(ods_good) - 40], "broken zip", UNREADABLE),
        ("chi-co-dau.xlsx", b"PK\x03\x04" + bytes(200), "broken zip", UNREADABLE),
    ]


def encrypted() -> list[Case]:
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    flagged = bytearray(xlsx())
    flagged[6] |= 0x1  # local header of the first entry
    at = flagged.index(b"PK\x01\x02")
    flagged[at + 8] |= 0x1  # and the central directory
    return [
        ("mat-khau.xlsx", cfb({"EncryptionInfo": info, "EncryptedPackage": bytes(8) + b"\x13" * 5000}), "encrypted", "mật khẩu"),
        ("mat-khau-zip.xlsx", bytes(flagged), "encrypted", "mật khẩu"),
    ]


def bombs() -> list[Case]:
    many = {f"xl/media/m{i}.xml": "<a/>" for i in range(1500)}
    stored = zipped({f"xl/big{i}.bin": b"x" for i in range(3)}, zipfile.ZIP_STORED)
    for i in range(3):
        stored = patch_central(stored, f"xl/big{i}.bin", compress_size=90 * 2**20, file_size=90 * 2**20)
    return [
        ("ti-le-nen.xlsx", xlsx(parts={"xl/sharedStrings.xml": b"<sst>" + b" " * 30_000_000 + b"</sst>"}),
         "zip bomb", "zip bomb"),
        ("nhieu-muc.xlsx", xlsx(parts=many), "zip bomb", "zip bomb"),
        ("qua-lon.xlsx", stored, "zip bomb", "giải nén ra hơn"),
        ("zip-slip.xlsx", xlsx(parts={"../../evil.xml": "<a/>"}), "zip bomb", "zip slip"),
        ("duong-dan-tuyet-doi.xlsx", zipped({"/etc/cron.d/x": "<a/>", "xl/workbook.xml": WORKBOOK}), "zip bomb", "zip slip"),
        ("trung-ten.xlsx", duplicate_names(), "zip bomb", "cùng tên"),
    ]


def duplicate_names() -> bytes:
    """Two parts named alike: which one a reader takes is up to the reader."""
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it is asked to write
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("XL/Workbook.xml", WORKBOOK.replace("Chi bộ", "Khác"))
    return buffer.getvalue()


def entity_expansion() -> list[Case]:
    laughs = LAUGHS + "<sst><si><t>&lol9;</t></si></sst>"
    return [
        ("tu-cuoi-ty-lan.xlsx", xlsx(parts={"xl/sharedStrings.xml": laughs}), "entity expansion", "DOCTYPE"),
        ("tu-cuoi-ty-lan.ods", ods("<table:table-row/>", LAUGHS.replace("lolz", "office:document-content")),
         "entity expansion", "DOCTYPE"),
        ("thuc-the-ngoai.xlsx", xlsx(parts={"xl/workbook.xml": '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM '
                                            '"file:///etc/passwd">]>' + WORKBOOK.split("?>", 1)[1].replace("Chi bộ", "&x;")}),
         "entity expansion", "DOCTYPE"),
        ("utf16.xlsx", xlsx(parts={"xl/styles.xml": '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE s [<!ENTITY a "b">]>'
                                                    "<s/>".encode("utf-16")}), "entity expansion", "DOCTYPE"),
        ("chu-thuong.xlsx", xlsx(parts={"xl/theme/theme1.xml": "<?xml version='1.0'?><!doctype t><t/>"}),
         "entity expansion", "DOCTYPE"),
        *(hidden_declaration(name, codec) for name, codec in (
            ("utf32.xlsx", "utf-32"), ("utf32-khong-bom.xlsx", "utf-32-le"), ("utf16-be-khong-bom.xlsx", "utf-16-be"),
            ("utf7.xlsx", "utf-7"), ("ebcdic.xlsx", "cp500"))),
    ]


def hidden_declaration(name: str, codec: str) -> Case:
    """A DOCTYPE in a part written in an encoding a byte scan for `<!DOCTYPE` in UTF-8 or UTF-16 misses."""
    text = f'<?xml version="1.0" encoding="{codec.upper()}"?><!DOCTYPE s [<!ENTITY a "b">]><s/>'
    data = text.encode(codec)
    if codec == "utf-7":  # `<!` written as UTF-7 base64, as an attacker would
        data = text.split("<!")[0].encode() + b"+ADwAIQ-DOCTYPE s [+ADwAIQ-ENTITY a \"b\">]><s/>"
    return name, xlsx(parts={"xl/styles.xml": data}), "entity expansion", "DOCTYPE"


def huge(folder: Path) -> list[Case]:
    chance = random.Random(11)
    five_mb = "".join(chance.choices("abcdefghijklmnopqrstuvwxyz ", k=5_000_000))
    far = '<row r="2000000"><c r="B2000000" t="inlineStr"><is><t>x</t></is></c></row>'
    empty_rows = "".join(f'<row r="{r}" s="1"><c r="A{r}" s="1"/></row>' for r in range(2, 2_000_000, 4000))
    repeat = ('<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="60" '
              'office:value-type="float" office:value="1"/></table:table-row>')
    wide = ('<table:table-row table:number-rows-repeated="50000"><table:table-cell table:number-columns-repeated="1000" '
            'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
    return [
        ("o-5mb.xlsx", rewritten(valid_xlsx(folder), "Chi bộ Tổ dân phố Hòa Thạnh", five_mb), "huge content", "ký tự"),
        ("dong-2-trieu.xlsx", xlsx(HEADER_ROW + far), "huge content", "2.000.000"),
        ("cot-xfd.xlsx", xlsx(HEADER_ROW + '<row r="20000"><c r="XFD20000"><v>1</v></c></row>'), "huge content",
         "quá rộng"),
        ("hang-trieu-dong-rong.xlsx",
         xlsx(HEADER_ROW + empty_rows + far).replace(b"<sheetData>", b'<dimension ref="A1:Z2000000"/><sheetData>'),
         "huge content", "2.000.000"),
        ("bom.ods", ods(repeat), "huge content", "tối đa"),
        ("rong.ods", ods(wide), "huge content", "quá rộng"),
    ]


def formulas(folder: Path) -> list[Case]:
    counts = default_spec()
    for row in counts.members:
        row["Cuối năm"] = "=B2+C2"  # openpyxl writes a formula without a cached value
    required = default_spec()
    required.cells[1]["Tên chi bộ"] = '=HYPERLINK("http://example.com","Chi bộ")'
    return [
        ("cong-thuc-so.xlsx", valid_xlsx(folder, counts, "f1"), "formulas", "cột «Cuối năm» có công thức"),
        ("cong-thuc-ten.xlsx", valid_xlsx(folder, required, "f2"), "formulas", "lưu lại để công thức được tính"),
    ]


def structure(folder: Path) -> list[Case]:
    low = default_spec(blank_rows_above=40)
    emptied = default_spec()
    emptied.cells, emptied.members, emptied.cadres = [], [], []
    only_info = default_spec()
    only_info.omit_sheets = ("Chi bộ", "Đảng viên", "Cán bộ chi bộ")
    return [
        ("khong-dung-mau.xlsx", xlsx(), "wrong structure", "thiếu sheet"),
        ("tieu-de-qua-thap.xlsx", valid_xlsx(folder, low, "s1"), "wrong structure", "dòng tiêu đề"),
        ("sheet-trong.xlsx", valid_xlsx(folder, emptied, "s2"), "wrong structure", "chưa có chi bộ"),
        ("chi-thong-tin.xlsx", valid_xlsx(folder, only_info, "s3"), "wrong structure", "thiếu sheet"),
    ]


VALUE_TYPES = {
    "bool": True, "date": dt.datetime(2024, 2, 29), "float": 2.5, "error": "#DIV/0!",
    "duration": dt.timedelta(hours=36, minutes=5), "negative": -7, "huge-number": 1e308,
}


def value_types(folder: Path) -> list[Case]:
    cases = []
    for kind, value in VALUE_TYPES.items():
        spec = default_spec()
        spec.info = {key: value for key in spec.info}
        for part in (spec.cells, spec.members, spec.cadres):
            for row in part:
                row.update(dict.fromkeys(row, value))
        cases.append((f"kieu-{kind}.xlsx", valid_xlsx(folder, spec, kind), "value type in every column", None))
    return cases


def damaged_xls() -> list[Case]:
    good = (FIXTURES / "pho-hoa-2024.xls").read_bytes()
    bad_fat = bytearray(good)
    fat_sector = struct.unpack_from("<I", good, 0x4C)[0]
    start = 512 * (fat_sector + 1)
    bad_fat[start:start + 512] = struct.pack("<128I", *([0] * 128))  # every chain loops to sector 0
    return [
        ("hong-calamine.xls", (FIXTURES / "damaged-aborts-calamine.xls").read_bytes(), "damaged xls", UNREADABLE),
        ("cat-doi.xls", good[: len(good) // 3], "damaged xls", UNREADABLE),
        ("fat-hong.xls", bytes(bad_fat), "damaged xls", UNREADABLE),
    ]


def corpus(folder: Path) -> list[Case]:
    """Every hostile file, written at test time (nothing large is kept in the repository)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [*renamed_binaries(), *broken_zips(folder), *encrypted(), *bombs(), *entity_expansion(), *huge(folder),
             *formulas(folder), *structure(folder), *value_types(folder), *damaged_xls()]
