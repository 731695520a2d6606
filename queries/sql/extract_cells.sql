-- One row per party cell of $year for the selected display units (extract `Chi bộ`).
SELECT s.display_label AS display_unit,
       u.full_name AS unit, u.code AS unit_code, c.year,
       c.cell_code, c.cell_name, c.cell_type, coalesce(c.rating, '') AS rating,
       CASE WHEN c.four_good THEN 'Có' ELSE 'Không' END AS four_good
FROM cells c
JOIN scoped_units($boundary, $allowed) s ON s.unit_id = c.unit_id
JOIN units u ON u.unit_id = c.unit_id
WHERE ($units IS NULL OR list_contains($units, s.display_id))
  AND c.year = $year
ORDER BY s.display_rank, s.display_code, u.code, c.cell_code
