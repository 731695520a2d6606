"""Named queries and indicator definitions: the one place SQL lives."""
