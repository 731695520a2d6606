"""Fictional sample and example workbooks for demonstrations and tests; never imported by the product."""
