"""Reading: the bytes of an uploaded spreadsheet into grids of cells, hostile files refused."""
