-- Each grassroots party organisation of $year with its rating (NULL: $unrated), under its display
-- unit: the organisations T1 counts (views.sql `rated_organisations`): the units' own before
-- $cells_from (data/programme.toml), from then on the party cells of wards and communes and each
-- organisation of the town itself (named in `organisation` too).
SELECT s.display_id, s.display_label AS unit, u.full_name AS reporting_unit, o.year,
       coalesce(o.rating, $unrated) AS rating,
       CASE WHEN o.basis = 'grassroots' THEN coalesce(o.cell_name, u.full_name) END AS organisation
FROM rated_organisations o
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = o.unit_id
JOIN units u ON u.unit_id = o.unit_id
WHERE o.year = $year
  AND o.basis = CASE WHEN $cells_from IS NOT NULL AND o.year >= $cells_from THEN 'grassroots' ELSE 'own' END
ORDER BY s.display_rank, s.display_code, u.kind_rank, u.code, o.cell_code
