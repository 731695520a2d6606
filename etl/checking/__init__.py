"""Checking: grids into a submission, or the problems a clerk must fix, named by sheet, row and column."""
