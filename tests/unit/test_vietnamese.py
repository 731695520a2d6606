"""No English, no emoji and no private Streamlit parts: a missing figure reads `—`, the unit list
offers no English "Select all", every icon is one of Streamlit's bundled Material icons, and the
app starts with `streamlit run app.py` without patching Streamlit."""

from __future__ import annotations

import ast
import re

import pytest

from tests.support import ROOT
from tests.support.readability import EMOJI
from ui.navigation import ADMIN_SECTIONS, SECTIONS, all_specs
from ui.vietnamese import PATTERNS, WORDS

SOURCES = [p for folder in ("app.py", "settings.py", "router", "ui", "pages", "auth", "report", "rendering", "queries",
                          "database", "core", "etl", "cli")
           for p in ([ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py"))]
# Streamlit's private attributes and classes the app once patched or read to route its pages.
PRIVATE = re.compile(r"PagesManager|uses_pages_directory|\._default\b|\._url_path\b|\._script_hash\b")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_emoji_in_the_code_people_read(source):
    """Labels, icons, badges and messages: Material icons (`:material/…:`) instead of emoji."""
    found = [(number, line.strip()) for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
             if EMOJI.search(line)]
    assert found == []


# A name or value between apostrophes in a message (`sheet '{name}'`, `cột 'Kết nạp'`, `người dùng '{name}'`): the
# product quotes with «…». Neither an f-string written between apostrophes (`f'{", ".join(names)}'`) nor a SQL
# literal (`ATTACH '{quoted(path)}'`, queries.precomputed.quoted) is a quote in a message.
APOSTROPHE_QUOTES = re.compile(r"(?<![fr])'\{(?!quoted\()[^{}\n]*\}'"
                               r"|(?:\b[Ss]heet|\bcột|giá trị|chi bộ|dòng|mục|phần|đơn vị|người dùng|vai trò) '")


def test_messages_quote_names_and_values_as_the_product_does():
    """Every message of the product (checking and loading a file, users and roles, the units' file, the command
    line) names a sheet, a column, a user, a value `«…»` (core.wording.in_quotes), as the pages do, not between
    apostrophes. argparse's own quotes are the command line's to translate (cli.vietnamese; tests/system/test_cli.py)."""
    found = [(str(p.relative_to(ROOT)), number, line.strip()) for p in SOURCES
             for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if APOSTROPHE_QUOTES.search(line)]
    assert found == []


def repr_in_vietnamese(source: str) -> list[int]:
    """Lines of the f-strings with a Vietnamese letter (one outside ASCII) that show a value with `!r`: Python's
    apostrophes (`'abc'`, `['a']`) in a message that quotes with «…»."""
    return [node.lineno for node in ast.walk(ast.parse(source)) if isinstance(node, ast.JoinedStr)
            and any(isinstance(part, ast.FormattedValue) and part.conversion == ord("r") for part in node.values)
            and any(isinstance(part, ast.Constant) and any(c.isalpha() and not c.isascii() for c in part.value)
                    for part in node.values)]


def test_messages_show_no_python_repr():
    found = [(str(p.relative_to(ROOT)), number) for p in SOURCES
             for number in repr_in_vietnamese(p.read_text(encoding="utf-8"))]
    assert found == []


def test_every_page_icon_is_a_bundled_material_icon():
    assert all(re.fullmatch(r":material/[a-z_]+:", spec.icon) for spec in all_specs(SECTIONS | ADMIN_SECTIONS))


def test_no_private_streamlit_part_is_used_to_route():
    used = [(str(p.relative_to(ROOT)), m.group()) for p in SOURCES for m in PRIVATE.finditer(p.read_text("utf-8"))]
    assert used == []
    assert not (ROOT / "ui" / "serve.py").exists()
    assert "streamlit run app.py" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_translations_are_vietnamese():
    for english, vietnamese in [*WORDS.items(), *PATTERNS]:
        assert english != vietnamese
        assert not re.search(r"\b(the|of|to|for|and|file|page|all)\b", vietnamese, re.IGNORECASE), vietnamese


def translated(text: str) -> str | None:
    """What the page's script (ui.vietnamese.SCRIPT) makes of `text`: a word, else the first pattern."""
    if text.strip() in WORDS:
        return text.replace(text.strip(), WORDS[text.strip()])
    for pattern, to in PATTERNS:
        if re.search(pattern, text.strip()):
            return re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", to), text.strip())
    return None


@pytest.mark.parametrize("english", [
    "Error: text/csv files are not allowed.",  # a CSV export dropped on the upload box
    "Error: application/vnd.openxmlformats-officedocument.wordprocessingml.document files are not allowed.",
    "Error: This type of files are not allowed.",
    "Error: File must be 21.0MB or smaller.",
    "Error: File size is too small.",
    "text/csv files are not allowed.",  # the box may write "Error: " and the sentence apart
    "File must be 21.0MB or smaller.",
    "Error:",
    "Add files",
])
def test_the_upload_box_refuses_a_file_in_vietnamese(english):
    """Streamlit's upload box refuses a file that is no spreadsheet, or too large, with its own English
    sentence under the file's name; it read so on Dữ liệu."""
    vietnamese = translated(english)
    assert vietnamese is not None and not re.search(r"\b(files?|allowed|Error|must|Add)\b", vietnamese), vietnamese


@pytest.mark.parametrize(("english", "vietnamese"), [
    ("42.0B", "42,0 B"), ("19.4KB", "19,4 KB"), ("20.0MB", "20,0 MB"),
    ("bao-cao.xlsx, 19.4KB", "bao-cao.xlsx, 19,4 KB"),  # the file's chip, as a screen reader reads it
])
def test_a_chosen_file_s_size_reads_in_vietnamese(english, vietnamese):
    assert translated(english) == vietnamese


@pytest.mark.parametrize("english", [
    "The page that you have requested does not seem to exist. Running the app's main page.",
    "You have requested page /khong-co, but no corresponding file was found in the app's pages/ directory. "
    "Running the app's main page.",
])
def test_streamlit_s_page_not_found_dialog_reads_in_vietnamese(english):
    """Streamlit's frontend words the dialog over an address naming no page in one of two ways."""
    assert translated("Page not found") == "Không có trang này"
    assert translated(english) == "Địa chỉ đã mở không phải một trang của ứng dụng; đang mở trang Tổng quan."
