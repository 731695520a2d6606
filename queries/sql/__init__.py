"""SQL files of the project, read by name."""

from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent


@cache
def read_sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
