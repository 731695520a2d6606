"""Checks on a workbook's container before any parser reads it: every upload is hostile until checked.

An .xlsx or .ods is a zip of XML parts. Before calamine sees one we read its central directory
(entry count, declared sizes, compression ratio per entry, names that climb out of a folder,
names given twice, encrypted entries), then stream every entry once, so that the declared sizes
are enforced and the CRC checked, and refuse any DOCTYPE or ENTITY declaration (the billion
laughs and external entities live there; no spreadsheet writer emits one). Worksheets then get
their extent measured (`etl.reading.sheetscan`): a 1 kB file naming cell Z2000000 would otherwise make
calamine allocate gigabytes. An OLE2 file that holds an encrypted Office package is refused as
password-protected. All of this runs in the reading child (`etl.reading.spreadsheet`), under its limits.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Collection

from zlib_ng import zlib_ng

from core.numbers import vi_number
from core.wording import in_quotes
from etl.reading.sheetscan import FAST_BYTES, SheetExtent, ods_extents, too_large, xlsx_extents
from settings import Settings, settings

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_RATIO_GRACE_BYTES = 100 * 1024  # small parts may compress better than any ratio (Apache POI's grace)
PASSWORD = ("tệp có mật khẩu (đã mã hóa) nên không đọc được; hãy mở bằng Excel, bỏ mật khẩu "
            "(Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu: để trống), lưu lại rồi gửi")
BOMB = "tệp nén bất thường, có thể là tệp độc hại (zip bomb)"
DAMAGED = "tệp bị hỏng hoặc không phải bảng tính"
ACCEPTED = "bảng tính Excel (.xlsx, .xlsm, .xls) hoặc OpenDocument (.ods)"
OTHER_ZIP = f"tệp nén không phải bảng tính (có thể là tệp Word hoặc tệp nén khác); cần {ACCEPTED}"
_ENCRYPTED_OLE = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_DECLARATIONS = [word.encode(codec) for word in ("<!doctype", "<!entity") for codec in ("utf-8", "utf-16-le", "utf-16-be")]
# The DTD check reads bytes as an ASCII-compatible encoding: a part in another one is refused outright.
_WIDE_MARKS = (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\xfe\xff", b"\xff\xfe")  # UTF-32 / UTF-16 BOMs
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"  # `<?xm` in EBCDIC
_DECLARED = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
READABLE_ENCODINGS = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252"}
_OVERLAP = max(map(len, _DECLARATIONS))
_DRIVE = re.compile(r"^[A-Za-z]:")
CHUNK = 1 << 16
SHEETS_FOLDER = "xl/worksheets/"  # where Excel, LibreOffice and openpyxl put the worksheet parts


class Refused(Exception):
    """The container must not reach the parser; `reason` says why in Vietnamese."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def file_size(size: int) -> str:
    """`15 KB`, `20 MB`, `1,5 MB`: a size as the officer's file manager shows it."""
    if size < 2**20:
        return f"{size / 1024:.0f} KB"
    return f"{size / 2**20:.1f}".removesuffix(".0").replace(".", ",") + " MB"


def declared_entries(data: bytes) -> int | None:
    """The entry count written in the zip's end record (zip64 too), read without parsing the directory."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    count = int.from_bytes(data[end + 10:end + 12], "little")
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        offset = int.from_bytes(data[locator + 8:locator + 16], "little")
        if data[offset:offset + 4] == b"PK\x06\x06":
            count = int.from_bytes(data[offset + 32:offset + 40], "little")
    return count


def too_many_entries(count: int, cfg: Settings) -> str | None:
    if count > cfg.zip_max_entries:
        return (f"{BOMB}: có {vi_number(count)} mục nén, giới hạn là {vi_number(cfg.zip_max_entries)} "
                "(một bảng tính thật chỉ có vài chục mục)")
    return None


def inspect(data: bytes, wanted: Collection[str], cfg: Settings | None = None) -> str | None:
    """Why `data` must not be parsed, in Vietnamese, or None when it may go to calamine."""
    try:
        if data.startswith(OLE2_MAGIC):
            if any(name in data for name in _ENCRYPTED_OLE):
                raise Refused(PASSWORD)
        elif data.startswith(ZIP_MAGIC):
            _check_zip(data, wanted, cfg or settings())
    except Refused as refused:
        return refused.reason
    return None


def _check_zip(data: bytes, wanted: Collection[str], cfg: Settings) -> None:
    reason = too_many_entries(declared_entries(data) or 0, cfg)
    if reason:
        raise Refused(reason)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise Refused(DAMAGED) from None
    with archive:
        infos = archive.infolist()
        _check_directory(infos, cfg)
        if not any(i.filename.startswith("xl/") or i.filename == "content.xml" for i in infos):
            raise Refused(OTHER_ZIP)
        kept = {}  # parts the extents read (relationships, book, worksheets), so that they are not read again
        for info in infos:
            if not info.is_dir():
                content = _check_entry(archive, info, data, keep=_kept_for_extents(info))
                if content is not None:
                    kept[info.filename] = content
        extents = ods_extents(archive) if "content.xml" in archive.NameToInfo else xlsx_extents(archive, wanted, kept)
    _check_extents(extents)


def _check_directory(infos: list[zipfile.ZipInfo], cfg: Settings) -> None:
    reason = too_many_entries(len(infos), cfg)
    if reason:
        raise Refused(reason)
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts or "\x00" in name:
            raise Refused(f"{BOMB}: mục nén {in_quotes(name[:80])} trỏ ra ngoài thư mục của tệp (zip slip)")
        if name.lower() in seen:
            raise Refused(f"tệp nén có hai mục cùng tên {in_quotes(name[:80])}; tệp bị hỏng hoặc bị sửa có chủ ý")
        seen.add(name.lower())
        if info.flag_bits & 0x1:
            raise Refused(PASSWORD)
        total += info.file_size
        if total > cfg.zip_max_uncompressed_bytes:
            raise Refused(f"{BOMB}: giải nén ra hơn {file_size(cfg.zip_max_uncompressed_bytes)}")
        if info.file_size > ZIP_RATIO_GRACE_BYTES and info.file_size > cfg.zip_max_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise Refused(f"{BOMB}: mục {in_quotes(name[:80])} nén {vi_number(ratio)} lần, giới hạn {cfg.zip_max_ratio} lần")


def unreadable_encoding(head: bytes) -> str | None:
    """The encoding the start of a part is in, when the DTD check could not read it (UTF-16/32 by
    their marks or their wide `<`, EBCDIC, or any declared encoding that is not ASCII-compatible)."""
    if head.startswith(_WIDE_MARKS) or b"<\x00" in head[:4] or b"\x00<" in head[:4]:
        return "UTF-16/UTF-32"
    if head.startswith(_EBCDIC_XML):
        return "EBCDIC"
    declared = _DECLARED.match(head)
    if declared and declared.group(1).decode("ascii").lower() not in READABLE_ENCODINGS:
        return declared.group(1).decode("ascii")
    return None


def _may_declare(window: bytes) -> bool:
    """False when `window` holds no `<!` in UTF-8 or UTF-16 (either order): every declaration starts so.
    (`!` first: it is rare in a sheet, `<` is everywhere.)"""
    return b"!" in window and (b"<!" in window or b"<\x00!" in window)


def _kept_for_extents(info: zipfile.ZipInfo) -> bool:
    """A part `xlsx_extents` reads, small enough to keep: a worksheet, a relationships part, the book."""
    return info.file_size <= FAST_BYTES and (info.filename.startswith(SHEETS_FOLDER)
                                            or info.filename.endswith((".rels", "workbook.xml")))


def _check_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes, *, keep: bool = False) -> bytes | None:
    """The entry's real size held to the declared one, its CRC checked, its encoding one the check
    reads, no DTD in it. `keep`: return its content.

    A plain small entry is inflated at once from `data` (`_inflated`); any other, or one that
    does not inflate cleanly, is streamed by zipfile (`_stream_entry`), which gives the verdict."""
    content = _inflated(data, info) if info.file_size <= FAST_BYTES else None
    if content is None:
        return _stream_entry(archive, info, keep=keep)
    _check_text(info, content[:CHUNK])
    if _may_declare(content) and any(declaration in content.lower() for declaration in _DECLARATIONS):
        raise Refused(_declares(info))
    return content if keep else None


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
_UTF8_NAME, _UNSUPPORTED_FLAGS = 0x800, 0x1 | 0x20 | 0x40  # encrypted, patched, strongly encrypted


def _inflated(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The content of a stored or deflated entry read straight from `data`, or None unless zipfile
    would read exactly it without complaint: the local header as zipfile checks it (signature,
    the same name, no flag it refuses), the compressed bytes all there, the deflate stream ending
    at the declared size, the CRC right. zipfile then judges every other case as it always has.
    Inflated by zlib-ng, zlib's inflate made twice as fast: the same content, end of stream and errors
    as zlib's (zipfile's) on 200,000 damaged streams."""
    start = info.header_offset
    header = data[start:start + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size or info.flag_bits & _UNSUPPORTED_FLAGS:
        return None
    signature, _, _, flags, *_, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    name_start = start + _LOCAL_HEADER.size
    try:
        name = data[name_start:name_start + name_length].decode("utf-8" if flags & _UTF8_NAME else "cp437")
    except UnicodeDecodeError:
        return None
    if signature != zipfile.stringFileHeader or name != info.orig_filename:
        return None
    begin = name_start + name_length + extra_length
    raw = data[begin:begin + info.compress_size]
    if len(raw) != info.compress_size:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        content = raw if info.compress_size == info.file_size else None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib_ng.decompressobj(-15)
        try:
            content = inflate.decompress(raw, info.file_size + 1)
        except zlib_ng.error:
            return None
        if not inflate.eof:
            return None
    else:
        return None
    if content is None or len(content) != info.file_size or zlib_ng.crc32(content) != info.CRC:
        return None
    return content


def _check_text(info: zipfile.ZipInfo, head: bytes) -> None:
    encoding = unreadable_encoding(head)
    if encoding:
        raise Refused(f"phần {in_quotes(info.filename[:80])} của tệp viết bằng bảng mã {encoding}, có thể che giấu khai "
                      "báo DOCTYPE/ENTITY (tệp độc hại); bảng tính Excel/LibreOffice luôn dùng UTF-8 — hãy "
                      "lưu lại bằng Excel")


def _declares(info: zipfile.ZipInfo) -> str:
    return (f"phần {in_quotes(info.filename[:80])} của tệp có khai báo DOCTYPE/ENTITY (có thể là tệp "
            "độc hại); bảng tính Excel/LibreOffice không bao giờ có — hãy lưu lại bằng Excel")


def _stream_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, keep: bool = False) -> bytes | None:
    """`_check_entry` by streaming the entry through zipfile, CHUNK bytes at a time."""
    tail = b""
    chunks = []
    try:
        with archive.open(info) as stream:
            head = stream.read(CHUNK)
            _check_text(info, head)
            chunk = head
            while chunk:
                window = tail + chunk
                if _may_declare(window) and any(declaration in window.lower() for declaration in _DECLARATIONS):
                    raise Refused(_declares(info))
                tail = chunk[-_OVERLAP:]
                if keep:
                    chunks.append(chunk)
                chunk = stream.read(CHUNK)
    except Refused:
        raise
    except NotImplementedError:
        raise Refused(f"{DAMAGED}: phần {in_quotes(info.filename[:80])} nén theo kiểu không hỗ trợ") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError):
        # RuntimeError: zipfile's own word for an encrypted entry
        raise Refused(f"{DAMAGED}: phần {in_quotes(info.filename[:80])} bị hỏng") from None
    return b"".join(chunks) if keep else None


def _check_extents(extents: list[SheetExtent]) -> None:
    for extent in extents:
        reason = too_large(extent)
        if reason:
            raise Refused(reason)
