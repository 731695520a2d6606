"""What the tests share: real workbooks, the app under AppTest and in Chromium, accounts, the CLI."""

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository
FIXTURES = ROOT / "tests" / "fixtures"

NOT_PRODUCT = {"tests", "benchmarks", "scripts", "var", "test-output"}  # top-level folders; hidden ones too


def product_files(root: Path) -> list[Path]:
    """Every Python file of the app, the command line and the packages they import, wherever modules move."""
    return sorted(p for p in root.rglob("*.py")
                  if not ({p.relative_to(root).parts[0]} & NOT_PRODUCT or any(
                      part.startswith(".") for part in p.relative_to(root).parts)))


def module_name(path: Path, root: Path = ROOT) -> str:
    """The dotted name Python imports a file under `root` by (a package by its folder)."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def point_at(mp, var_dir: Path) -> None:
    """Point the settings read from now on (a `pytest.MonkeyPatch`'s environment) at the var/ folder `var_dir`:
    its database and archive, with no DP_DB or DP_ARCHIVE left to point elsewhere."""
    mp.setenv("DP_VAR_DIR", str(var_dir))
    mp.delenv("DP_DB", raising=False)
    mp.delenv("DP_ARCHIVE", raising=False)


@cache
def parsed(path: Path) -> ast.Module:
    """The syntax tree of a Python file, parsed once per process: the tests that read the product's source (layers,
    cycles, private APIs, scope, connections) walk the same 150 files. Walk it; never change it."""
    return ast.parse(path.read_text(encoding="utf-8"))
