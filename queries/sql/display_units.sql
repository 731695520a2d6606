-- Units that have data under a boundary, with the years they have data for.
SELECT s.display_id, s.display_code, s.display_rank, s.display_label,
       min(m.year) AS first_year, max(m.year) AS last_year
FROM scoped_units($boundary, $allowed) s JOIN submissions m USING (unit_id)
WHERE ($year IS NULL OR m.year = $year)
GROUP BY ALL
ORDER BY s.display_rank, s.display_code
