-- Each grassroots party organisation of $year with its own rating (NULL: $unrated), under
-- its display unit.
SELECT s.display_id, s.display_kind || ' ' || s.display_name AS unit,
       u.kind || ' ' || u.name AS reporting_unit, m.year,
       coalesce(m.org_rating, $unrated) AS rating
FROM submissions m
JOIN scoped_units($boundary, $allowed) s ON s.unit_id = m.unit_id
JOIN units u ON u.unit_id = m.unit_id
WHERE ($units IS NULL OR list_contains($units, s.display_id))
  AND m.year = $year
ORDER BY s.display_kind, s.display_code, u.kind, u.code
