"""Building blocks every stage shares and none owns: text folding, safe text, private files, incidents."""
