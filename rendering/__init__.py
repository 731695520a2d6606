"""Rendering without Streamlit: number formats, charts, tables, templates, and their Vietnamese words."""
