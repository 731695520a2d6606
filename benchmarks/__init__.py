"""Benchmarks from one town to the whole country: `python -m benchmarks [--scale S] [--repeat N]`.

`synthetic` makes the data (units, workbooks, submissions), `fill` puts it in a database through
the loader's own write path, `loader`, `pages` and `app` measure, `report` writes RESULTS.md.
"""
