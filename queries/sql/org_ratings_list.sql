-- Each grassroots party organisation of $year with its rating (NULL: $unrated), under its display
-- unit: the units' own organisations, or from $cells_from on (data/programme.toml) the party cells of
-- wards and communes; an organisation of the town (not a ward or commune) is always its own one.
WITH listed AS (
    SELECT s.display_id, s.display_rank, s.display_code, s.display_label AS unit,
           u.full_name AS reporting_unit, u.kind_rank AS unit_kind, u.code AS unit_code, m.year,
           coalesce(m.org_rating, $unrated) AS rating, NULL AS organisation, NULL AS cell_code
    FROM submissions m
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = m.unit_id
    JOIN units u ON u.unit_id = m.unit_id
    WHERE ($units IS NULL OR list_contains($units, s.display_id))
      AND m.year = $year AND ($cells_from IS NULL OR m.year < $cells_from OR NOT u.territorial)
    UNION ALL
    SELECT s.display_id, s.display_rank, s.display_code, s.display_label,
           u.full_name, u.kind, u.code, c.year, coalesce(c.rating, $unrated), c.cell_name, c.cell_code
    FROM cells c
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = c.unit_id
    JOIN units u ON u.unit_id = c.unit_id
    WHERE ($units IS NULL OR list_contains($units, s.display_id))
      AND c.year = $year AND c.year >= $cells_from AND u.territorial
)
SELECT display_id, unit, reporting_unit, year, rating, organisation
FROM listed
ORDER BY display_rank, display_code, unit_kind, unit_code, cell_code
