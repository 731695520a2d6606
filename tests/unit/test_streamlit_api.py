"""The product reaches Streamlit through its public API only.

A private attribute (`page._url_path`, `st._main`) or a class of an internal module
(`PagesManager.uses_pages_directory`) changes without notice between Streamlit releases, and the app
then breaks at start-up or at login. Two internal functions have no public counterpart; they are named
here with the reason, so that any other one fails this test.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import ROOT, parsed, product_files

PUBLIC_MODULES = {"streamlit", "streamlit.components.v1", "streamlit.typing"}
KNOWN_INTERNALS = {
    # whether code runs inside a script run (a deferred download runs on another thread, without a session)
    ("auth/session.py", "streamlit.runtime.scriptrunner", "get_script_run_ctx"),
    # the media file manager: a built download is dropped a minute after it is served (auth.downloads)
    ("auth/downloads.py", "streamlit", "runtime"),
}


def private_uses(root: Path) -> list[str]:
    """Every access to another object's private attribute and every import from Streamlit's internals."""
    found = []
    for path in product_files(root):
        where = path.relative_to(root).as_posix()
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                owner = node.value.id if isinstance(node.value, ast.Name) else ""
                if owner not in ("self", "cls"):
                    found.append(f"{where}:{node.lineno} {ast.unparse(node)}")
            elif isinstance(node, ast.Import):
                found += [f"{where}:{node.lineno} import {a.name}" for a in node.names
                          if a.name.startswith("streamlit") and a.name not in PUBLIC_MODULES]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streamlit"):
                found += [f"{where}:{node.lineno} from {node.module} import {a.name}" for a in node.names
                          if (where, node.module, a.name) not in KNOWN_INTERNALS
                          and not (node.module in PUBLIC_MODULES and not a.name.startswith("_")
                                   and node.module != "streamlit")]
    return found


def test_the_product_uses_no_private_streamlit_attribute_or_internal_module():
    assert private_uses(ROOT) == []


def test_the_known_internals_are_still_used_where_named():
    """An entry of KNOWN_INTERNALS that is no longer needed goes: the list only shrinks."""
    for where, module, name in KNOWN_INTERNALS:
        tree = parsed(ROOT / where)
        assert any(isinstance(n, ast.ImportFrom) and n.module == module and name in [a.name for a in n.names]
                   for n in ast.walk(tree)), (where, module, name)
