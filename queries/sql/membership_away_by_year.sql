-- Members exempted from activity (miễn sinh hoạt) and working away from home (đi làm ăn xa) per
-- year, selected units summed, as counts and as shares of the members at year end.
WITH totals AS (
    SELECT m.year,
           sum(m.exempted)::BIGINT AS exempted,
           sum(m.working_away)::BIGINT AS working_away,
           sum(m.end_count)::BIGINT AS end_count
    FROM member_figures m
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = m.unit_id
    WHERE ($units IS NULL OR list_contains($units, s.display_id))
      AND m.year BETWEEN $year_from AND $year_to
    GROUP BY m.year
), shares AS (
    SELECT year, 1 AS group_order, 'Miễn sinh hoạt' AS member_group, exempted AS numerator,
           end_count AS denominator FROM totals
    UNION ALL
    SELECT year, 2, 'Đi làm ăn xa', working_away, end_count FROM totals
)
SELECT year, group_order, member_group, numerator, denominator,
       numerator::DOUBLE / nullif(denominator, 0) AS rate
FROM shares
ORDER BY year, group_order
