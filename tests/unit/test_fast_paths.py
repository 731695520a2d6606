"""The loader's fast paths give what the rule they shortcut gives, on the values where they could part.

The whole-workbook comparison is tests/unit/test_parse_equivalence.py."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import unicodedata
import zipfile

from core.safe_text import clean_text, neutralise_text
from core.text import _INVISIBLE
from etl.checking.members import COUNT_COLUMNS, RATED, RATED_TOTAL, _identities_hold, check_identities
from etl.checking.tables import Findings, Row, Table
from etl.checking.vocab import as_text, is_blank, is_number
from etl.checking.workbook import _is_empty, _is_numbering
from etl.reading.guard import Refused, _check_entry, _inflated, _stream_entry


def _clean_text_char_by_char(value: str) -> str:
    """clean_text as it reads every character (its rule for text that is not plain ASCII)."""
    text = "".join(" " if ch.isspace() else ch for ch in unicodedata.normalize("NFC", value)
                   if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE)
    return neutralise_text(" ".join(text.split()))


def test_a_plain_ascii_name_is_cleaned_as_character_by_character():
    pick = random.Random(7)
    names = ["".join(chr(pick.randrange(0, 128)) for _ in range(pick.randint(0, 14))) for _ in range(20_000)]
    names += ["bao cao.xlsx", "  a  b ", "=cmd.xlsx", "a\tb", "a\x00b", "x\x7f", "Phổ Hòa.xlsx"]
    for name in names:
        assert clean_text(name) == _clean_text_char_by_char(name), repr(name)


def test_a_value_is_blank_exactly_when_it_reads_as_no_text():
    """`is_blank` trims; text of characters nobody sees (`core.text.visible`) reads as none, and is blank too."""
    pick = random.Random(5)
    pool = " \t\n\r\x00\x07\x1b\x7f\x85\xa0\xadaĐ\u1ec7\u200b\u200f\u2028\u202e\u3000\ufeff\ue000\U000e0001"
    values = ["".join(pick.choices(pool, k=pick.randint(0, 4))) for _ in range(20_000)]
    for value in values:
        assert is_blank(value) == (as_text(value) == ""), repr(value)


def _numbering_all_tokens(line: list[object]) -> bool:
    """`_is_numbering` as it read every cell of the line before it judged."""
    tokens = [as_text(v) for v in line if not is_blank(v)]
    numbers = [int(m[1]) for m in map(re.compile(r"^\(?(\d{1,2})\)?$").match, tokens) if m]
    return len(tokens) >= 3 and len(numbers) == len(tokens) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_a_numbering_row_is_told_as_when_every_cell_was_read():
    pick = random.Random(3)
    cells = [None, "", " ", 1, 2, 3, 4, 1.0, 2.0, "(1)", "(2)", "(3)", "4", "(5", "x", 100, "CB01", -1, True]
    lines = [[pick.choice(cells) for _ in range(pick.randint(0, 6))] for _ in range(20_000)]
    lines += [[1, 2, 3], ["(1)", "(2)", "(3)", "(4)"], [None, 2, 3, 4], [1, 2, 4], [1, 2], ["1", 2.0, "(3)"]]
    assert sum(map(_is_numbering, lines)) > 10
    for line in lines:
        assert _is_numbering(line) == _numbering_all_tokens(line), line


def _empty_cell_by_cell(cells: tuple) -> bool:
    """`_is_empty` as the rule reads: every cell blank (`is_blank`) or a number equal to zero."""
    return all(is_blank(v) or (is_number(v) and v == 0) for v in cells)


def test_an_empty_row_is_told_as_the_rule_tells_it_cell_by_cell():
    pick = random.Random(5)
    cells = [None, "", " ", "\u00a0", "\u3000", "\t\n", 0, 0.0, -0.0, False, True, 1, 0.5, float("nan"), "0", "x", " y ",
             dt.date(2024, 1, 1), dt.datetime(2024, 1, 1), dt.time(0, 0), dt.timedelta(0)]
    rows = [tuple(pick.choice(cells) for _ in range(pick.randint(0, 5))) for _ in range(20_000)]
    assert 1_000 < sum(map(_is_empty, rows)) < 19_000
    for row in rows:
        assert _is_empty(row) == _empty_cell_by_cell(row), row


def _entry_outcome(check, *args) -> tuple[str, object]:
    try:
        return "read", check(*args, keep=True)
    except Refused as refused:
        return "refused", refused.reason
    except Exception as error:
        return "escaped", type(error).__name__


def _mutations(data: bytes, pick: random.Random) -> bytes:
    """`data` with a few bytes changed: anywhere, in a local header, or in the central directory's
    CRC and size fields of an entry."""
    out = bytearray(data)
    central = data.rfind(b"PK\x01\x02")
    locals_ = [m.start() for m in re.finditer(b"PK\x03\x04", data)]
    for _ in range(pick.randint(1, 3)):
        where = pick.choice(["any", "local", "central"])
        if where == "local":
            at = pick.choice(locals_) + pick.randrange(0, 34)
        elif where == "central":
            entries = [m.start() for m in re.finditer(b"PK\x01\x02", data)] or [central]
            at = pick.choice(entries) + pick.choice([16, 17, 18, 19, 20, 21, 24, 25, 28, 29])  # CRC, sizes, name length
        else:
            at = pick.randrange(0, len(data))
        if at < len(out):
            out[at] = pick.randrange(256)
    return bytes(out)


def test_an_entry_inflated_at_once_gets_the_verdict_zipfile_streaming_gives():
    """etl.reading.guard reads a plain entry straight from the bytes; any entry zipfile would judge
    otherwise (a bad CRC, a cut or corrupt stream, a header that disagrees, another compression)
    must come out as zipfile's streaming reads it: the same content or the same refusal."""
    parts = {"xl/worksheets/sheet1.xml": b"<worksheet>" + b"<row><c><v>1</v></c></row>" * 400 + b"</worksheet>",
             "xl/a.xml": b'<?xml version="1.0"?><a/>', "xl/b.xml": b"<!DOCTYPE x><b/>" * 3,
             "xl/c.xml": "<c/>".encode("utf-16"), "xl/empty.xml": b""}
    sources = []
    for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_LZMA):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", method) as archive:
            for name, content in parts.items():
                archive.writestr(name, content)
        sources.append(buffer.getvalue())
    pick = random.Random(11)
    compared = fast = 0
    for round_ in range(3000):
        data = sources[round_ % 3] if round_ < 3 else _mutations(pick.choice(sources), pick)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
        except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, OSError):
            continue
        for info in infos:
            if info.flag_bits & 0x1 or info.file_size > 10**7:
                continue  # refused from the directory before any entry is read
            expected = _entry_outcome(_stream_entry, archive, info)
            assert _entry_outcome(_check_entry, archive, info, data) == expected, (round_, info)
            compared += 1
            fast += _inflated(data, info) is not None
    assert compared > 5000 and 0 < fast < compared


def _member_table(rows: list[dict], written_totals: list[object] | None) -> Table:
    names = tuple(name for _, name in COUNT_COLUMNS) + ((RATED_TOTAL,) if written_totals is not None else ())
    lines = [tuple(row[field] for field, _ in COUNT_COLUMNS) + ((written_totals[i],) if written_totals is not None else ())
             for i, row in enumerate(rows)]
    return Table("Đảng viên", 1, {name: i for i, name in enumerate(names)},
                 [Row(i + 2, None, line, names) for i, line in enumerate(lines)])


def test_the_identities_told_column_by_column_are_those_told_row_by_row():
    """etl.checking.members skips `check_identities` row by row when `_identities_hold` says it would find
    nothing: it must say so exactly when every row passes (and only the rows' own figures count)."""
    pick = random.Random(5)
    fields = [field for field, _ in COUNT_COLUMNS]
    told = {True: 0, False: 0}
    for _ in range(3000):
        rows = []
        for _ in range(pick.randint(0, 4)):
            row = {field: pick.choice([0, 0, 1, 2]) for field in fields}
            row["end_count"] = (row["start_count"] + row["admitted"] + row["transferred_in"] - row["transferred_out"]
                                - row["died"] - row["struck_off"] - row["expelled"] - row["resigned"])
            row["unrated"] = row["end_count"] - row["rated_excellent"] - row["rated_good"] - row["rated_fulfilled"] \
                - row["rated_not_fulfilled"]
            if pick.random() < 0.15:
                row[pick.choice(fields)] += pick.choice([-1, 1, 3])
            rows.append(row)
        totals = None if pick.random() < 0.5 else [pick.choice(["", None, "x", 2.5, sum(r[f] for f in RATED),
                                                                 sum(r[f] for f in RATED) + 1]) for r in rows]
        table = _member_table(rows, totals)
        found = Findings("x.xlsx")
        implied = [check_identities(table, row, dict(counts), found) for row, counts in zip(table.rows, rows, strict=True)]
        by_rows = not found.problems and not any(implied)
        assert _identities_hold(table, [[row[field] for row in rows] for field in fields]) == by_rows, (rows, totals)
        told[by_rows] += 1
    assert min(told.values()) > 300
