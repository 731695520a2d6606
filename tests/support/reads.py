"""A connection that counts the reads of which units are expected and in (queries/sql/year_units.sql, alone or
counted by year): the tests of queries.coverage.read_once."""

from __future__ import annotations


class Counting:
    """A connection that counts the reads of which units are expected (year_units.sql, alone or counted)."""

    def __init__(self, con):
        self.con, self.reads = con, {"year_units": 0, "year_counts": 0}

    def execute(self, sql, *args):
        if "JOIN reporting r ON r.unit_id = u.unit_id" in sql:
            self.reads["year_counts" if "count_if(reported)" in sql else "year_units"] += 1
        return self.con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.con, name)
