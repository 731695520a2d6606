-- "Chi bộ bốn tốt": cells recognised in $year and all cells, per display unit and, as the row
-- with display_id NULL, for the selected units together.
SELECT s.display_id, s.display_label AS unit, $year AS year,
       count(*) FILTER (WHERE c.four_good)::BIGINT AS four_good,
       count(*)::BIGINT AS cells
FROM cells c
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = c.unit_id
WHERE c.year = $year
GROUP BY GROUPING SETS ((s.display_id, s.display_rank, s.display_code, s.display_label), ())
HAVING count(*) > 0  -- no total row over nothing
ORDER BY s.display_id IS NOT NULL, s.display_rank, s.display_code
