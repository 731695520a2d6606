-- Members exempted from activity (miễn sinh hoạt) and working away from home (đi làm ăn xa)
-- per display unit in $year, as counts and as shares of the members at year end.
WITH totals AS (
    SELECT s.display_id, s.display_rank, s.display_label,
           sum(m.exempted)::BIGINT AS exempted,
           sum(m.working_away)::BIGINT AS working_away,
           sum(m.end_count)::BIGINT AS end_count
    FROM member_figures m
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = m.unit_id
    WHERE ($units IS NULL OR list_contains($units, s.display_id))
      AND m.year = $year
    GROUP BY ALL
), shares AS (
    SELECT display_id, display_rank, display_label, 1 AS group_order,
           'Miễn sinh hoạt' AS member_group, exempted AS numerator, end_count AS denominator FROM totals
    UNION ALL
    SELECT display_id, display_rank, display_label, 2, 'Đi làm ăn xa', working_away, end_count FROM totals
)
SELECT display_id, display_label AS unit, $year AS year, group_order,
       member_group, numerator, denominator,
       numerator::DOUBLE / nullif(denominator, 0) AS rate
FROM shares
ORDER BY display_rank, display_id, group_order
