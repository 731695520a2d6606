-- The cell cadres of one submission ($unit_id, $year), in the order they were submitted.
SELECT full_name, birth_year, gender, cell_code, role, education, professional, political
FROM cadres
WHERE unit_id = $unit_id AND year = $year
ORDER BY row_no;
