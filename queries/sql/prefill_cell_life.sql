-- What of a cell's format v2 life carries over to the next year's template ($unit_id, $year):
-- founding, working rules and the year they were last revised. The year's counts start blank.
-- Nothing when the reader may not see the unit (scoped_units).
SELECT l.cell_code, l.founded_year, l.founded_month, l.has_working_rules, l.rules_revised_year
FROM cell_life l
JOIN scoped_units($boundary, $allowed) v ON v.unit_id = l.unit_id
WHERE l.unit_id = $unit_id AND l.year = $year
ORDER BY l.cell_code;
