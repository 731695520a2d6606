-- What of a cell's format v2 life carries over to the next year's template ($unit_id, $year):
-- founding, working rules and the year they were last revised. The year's counts start blank.
SELECT cell_code, founded_year, founded_month, has_working_rules, rules_revised_year
FROM cell_life
WHERE unit_id = $unit_id AND year = $year
ORDER BY cell_code;
