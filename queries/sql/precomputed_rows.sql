-- The rows of a frame a load's write session stored (queries/precomputed.py, queries/precompute.py) for
-- $boundary and the year $year, in the order they were computed. They are the whole area's, computed
-- for a reader who sees every unit: a restricted reader ($allowed not NULL) gets none from here and
-- computes its own. {table}, {having} and {order} are the stored table's own (queries.precomputed.TABLES).
SELECT * EXCLUDE (boundary, as_of)
FROM {table}
WHERE boundary = $boundary AND as_of = $year AND $allowed IS NULL
  AND (display_id IS NULL OR display_id IN (SELECT display_id FROM scoped_units($boundary, $allowed)))
  AND ($units IS NULL OR list_contains($units, display_id))
  AND ({having})
ORDER BY {order}
