-- The years with a submission the reader may see (scoped_units).
SELECT DISTINCT m.year
FROM submissions m
JOIN scoped_units($boundary, $allowed) v ON v.unit_id = m.unit_id
ORDER BY m.year
