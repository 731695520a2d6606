-- The cell cadres of one submission ($unit_id, $year), in the order they were submitted;
-- nothing when the reader may not see the unit (scoped_units).
SELECT c.full_name, c.birth_year, c.gender, c.cell_code, c.role, c.education, c.professional, c.political
FROM cadres c
JOIN scoped_units($boundary, $allowed) v ON v.unit_id = c.unit_id
WHERE c.unit_id = $unit_id AND c.year = $year
ORDER BY c.row_no;
