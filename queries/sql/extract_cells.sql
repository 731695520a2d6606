-- One row per party cell of $year for the selected display units (extract `Chi bộ`), with the format
-- v2 columns: a blank ("chưa báo cáo") stays blank, or says so, never 0.
SELECT s.display_label AS display_unit,
       u.full_name AS unit, u.code AS unit_code, c.year,
       c.cell_code, c.cell_name, c.cell_type, coalesce(c.rating, '') AS rating,
       CASE WHEN c.four_good THEN 'Có' ELSE 'Không' END AS four_good,
       l.founded_year, l.founded_month, l.regular_meetings, l.thematic_meetings, l.inspections, l.supervisions,
       CASE l.has_working_rules WHEN true THEN 'Có' WHEN false THEN 'Không' ELSE 'Chưa báo cáo' END AS has_working_rules,
       l.rules_revised_year
FROM cells c
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = c.unit_id
JOIN units u ON u.unit_id = c.unit_id
LEFT JOIN cell_life l ON l.unit_id = c.unit_id AND l.year = c.year AND l.cell_code = c.cell_code
WHERE c.year = $year
ORDER BY s.display_rank, s.display_code, u.code, c.cell_code
