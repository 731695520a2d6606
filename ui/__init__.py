"""Streamlit building blocks shared by the pages: filters, formats, cached data, exports."""
