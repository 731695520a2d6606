"""The meeting report: the data of `queries.report_data` rendered as HTML and as an A4 PDF."""
