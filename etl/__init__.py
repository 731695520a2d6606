"""The pipeline a ward's spreadsheet goes through: reading, checking, loading."""
