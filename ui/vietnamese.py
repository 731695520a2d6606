"""Streamlit's own words in Vietnamese: the labels its widgets give screen readers and tooltips.

Streamlit has no translations: its buttons carry English `aria-label`s ("Collapse sidebar",
"Download as CSV", "Page 3"…), which a screen reader reads aloud and a hover shows. A small
script, our own constant text run in the page (`st.html` with JavaScript), rewrites those
attributes and the few English text nodes as they appear, and hides icon ligature names
("chevron_left") from screen readers. Words it does not know stay as they are, and
tests/browser/test_dashboard_browser.py lists what is left on every page.
"""

from __future__ import annotations

import json

import streamlit as st

from ui.navigation import HOME

WORDS = {
    "Skip to main content": "Chuyển đến nội dung chính",
    "Sidebar": "Thanh bên",
    "Collapse sidebar": "Thu gọn thanh bên",
    "Expand sidebar": "Mở thanh bên",
    "App pages": "Các trang",
    "Main menu": "Trình đơn",
    "Choose an option": "Chọn",
    "Choose options": "Chọn",
    "Open": "Mở",
    "Close": "Đóng",
    "Clear": "Xóa",
    "Clear all": "Bỏ chọn tất cả",
    "Clear value": "Xóa",
    "Remove": "Bỏ",
    "Delete": "Xóa",
    "Select all": "Chọn tất cả",
    "No results": "Không có kết quả",
    "No options to select": "Không còn lựa chọn",
    "No options to select.": "Không còn lựa chọn.",
    "Link to heading": "Liên kết đến mục này",
    "Show/hide columns": "Hiện/ẩn cột",
    "Download as CSV": "Tải bảng đang xem (CSV)",
    "Search": "Tìm kiếm",
    "Fullscreen": "Toàn màn hình",
    "Close fullscreen": "Thoát toàn màn hình",
    "Exit fullscreen": "Thoát toàn màn hình",
    "Increment": "Tăng",
    "Decrement": "Giảm",
    "Upload": "Chọn tệp",
    "Browse files": "Chọn tệp",
    "file upload": "tải tệp lên",
    "Drag and drop files here": "Kéo thả tệp vào đây",
    "Drag and drop file here": "Kéo thả tệp vào đây",
    "Previous page": "Trang trước",
    "Next page": "Trang sau",
    "Pagination": "Chuyển trang",
    "Show password": "Hiện các ký tự đã gõ",
    "Hide password": "Ẩn các ký tự đã gõ",
    "Show password text": "Hiện các ký tự đã gõ",
    "Hide password text": "Ẩn các ký tự đã gõ",
    "Running...": "Đang chạy…",
    "Stop": "Dừng",
    "Copy to clipboard": "Chép",
    "Tooltip": "Giải thích",
    "Add files": "Thêm tệp",
    "add icon": "thêm",
    "Error:": "Lỗi:",
    "Page not found": "Không có trang này",
}
# The upload box's own refusals, under a chosen file's name, before our checks (which name the file themselves);
# the box writes "Error: " and the sentence as one text or as two.
UPLOAD_REFUSALS = [
    (r".+ files are not allowed\.",
     "tệp không phải bảng tính; cần bảng tính Excel (.xlsx, .xlsm, .xls) hoặc OpenDocument (.ods)"),
    (r"File must be .+ or smaller\.", "tệp quá lớn, vượt mức tối đa ghi trên ô nạp"),
    (r"File size is too small\.", "tệp rỗng"),
]
# Streamlit's dialog for an address naming no page (its frontend's two wordings); the page itself says which
# (ui.url_state.take_page).
PAGE_NOT_FOUND = (r"^(?:The page that you have requested does not seem to exist|You have requested page /.*, but no "
                  r"corresponding file was found in the app's pages/ directory)\. Running the app's main page\.$",
                  f"Địa chỉ đã mở không phải một trang của ứng dụng; đang mở trang {HOME.title}.")
PATTERNS = [  # (JavaScript regular expression, replacement)
    PAGE_NOT_FOUND,
    (r"^Help for (.+)$", "Giải thích: $1"),
    (r"^Page (\d+)$", "Trang $1"),
    (r"^Shortcut (.+)$", "Phím tắt $1"),
    (r"^(?:Limit )?(\d+)\s?MB per file(.*)$", "tối đa $1 MB mỗi tệp$2"),
    (r"^Press Enter to apply$", "Nhấn Enter để áp dụng"),
    (r"^Delete (.+)$", "Bỏ $1"),
    (r"^Remove (.+)$", "Bỏ $1"),
    (r"^(.+, )?(\d+)\.(\d+)\s?(B|KB|MB|GB)$", "$1$2,$3 $4"),  # a chosen file's size: 19.4KB
    *((rf"^Error: {english}$", f"Lỗi: {vietnamese}") for english, vietnamese in UPLOAD_REFUSALS),
    *((rf"^{english}$", vietnamese) for english, vietnamese in UPLOAD_REFUSALS),
]
ATTRIBUTES = ["aria-label", "title", "placeholder", "data-title", "alt", "aria-roledescription"]

SCRIPT = """
<script>
(() => {
  if (window.__dpVietnamese) return;
  window.__dpVietnamese = true;
  const WORDS = %(words)s, ATTRIBUTES = %(attributes)s;
  const PATTERNS = %(patterns)s.map(([pattern, to]) => [new RegExp(pattern), to]);
  const translated = (value) => {
    const text = (value || "").trim();
    if (!text) return null;
    if (WORDS[text]) return value.replace(text, WORDS[text]);
    for (const [pattern, to] of PATTERNS) if (pattern.test(text)) return value.replace(text, text.replace(pattern, to));
    return null;
  };
  const attribute = (element, name) => {
    const value = translated(element.getAttribute(name));
    if (value !== null) element.setAttribute(name, value);
  };
  const text = (node) => {
    const value = translated(node.nodeValue);
    if (value !== null) node.nodeValue = value;
  };
  const element = (root) => {
    const all = [root, ...root.querySelectorAll("*")];
    for (const e of all) {
      for (const name of ATTRIBUTES) if (e.hasAttribute(name)) attribute(e, name);
      if (e.dataset && e.dataset.testid === "stIconMaterial") e.setAttribute("aria-hidden", "true");
      for (const node of e.childNodes) if (node.nodeType === 3) text(node);
    }
  };
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "attributes") attribute(change.target, change.attributeName);
      else if (change.type === "characterData") text(change.target);
      else for (const node of change.addedNodes) {
        if (node.nodeType === 1) element(node);
        else if (node.nodeType === 3) text(node);
      }
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                             attributeFilter: ATTRIBUTES});
  element(document.body);
})();
</script>
"""


def vietnamese_chrome() -> None:
    """Install the translation once per browser tab (a later run finds it installed)."""
    st.html(SCRIPT % {"words": json.dumps(WORDS, ensure_ascii=False), "attributes": json.dumps(ATTRIBUTES),
                      "patterns": json.dumps(PATTERNS)}, unsafe_allow_javascript=True)
