"""The database's own SQL: the schema and the indicator definitions (views), read by name."""

from collections.abc import Callable
from functools import cache
from pathlib import Path


def sql_reader(folder: Path) -> Callable[[str], str]:
    """A cached `read_sql(name)` of the `.sql` files in `folder`."""

    @cache
    def read_sql(name: str) -> str:
        return (folder / f"{name}.sql").read_text(encoding="utf-8")

    return read_sql


SQL_DIR = Path(__file__).resolve().parent
read_sql = sql_reader(SQL_DIR)
