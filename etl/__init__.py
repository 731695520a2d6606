"""Spreadsheet → checked rows → DuckDB."""
