-- Units that have data under a boundary, optionally in one year.
SELECT DISTINCT s.display_id, s.display_code, s.display_kind, s.display_name
FROM unit_scope s JOIN submissions m USING (unit_id)
WHERE s.boundary = $boundary AND ($year IS NULL OR m.year = $year)
ORDER BY s.display_kind, s.display_name
