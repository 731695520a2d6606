"""The named queries' SQL files, read by name."""

from pathlib import Path

from database.sql import sql_reader

SQL_DIR = Path(__file__).resolve().parent
read_sql = sql_reader(SQL_DIR)
