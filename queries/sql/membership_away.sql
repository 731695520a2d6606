-- Members exempted from activity (miễn sinh hoạt) and working away from home (đi làm ăn xa) per year
-- from $year_from to $year_to, per display unit ($by_unit) or the selected units summed, as counts
-- and as shares of the members at year end.
WITH totals AS (
    SELECT CASE WHEN $by_unit THEN s.display_id END AS display_id,
           CASE WHEN $by_unit THEN s.display_label END AS unit,
           CASE WHEN $by_unit THEN s.display_rank END AS display_rank,
           CASE WHEN $by_unit THEN s.display_code END AS display_code,
           m.year,
           sum(m.exempted)::BIGINT AS exempted,
           sum(m.working_away)::BIGINT AS working_away,
           sum(m.end_count)::BIGINT AS end_count
    FROM member_figures m
    JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = m.unit_id
    WHERE m.year BETWEEN $year_from AND $year_to
    GROUP BY ALL
), shares AS (
    SELECT *, 1 AS group_order, 'Miễn sinh hoạt' AS member_group, exempted AS numerator FROM totals
    UNION ALL
    SELECT *, 2, 'Đi làm ăn xa', working_away FROM totals
)
SELECT display_id, unit, year, group_order, member_group, numerator, end_count AS denominator,
       numerator::DOUBLE / nullif(end_count, 0) AS rate
FROM shares
ORDER BY display_rank, display_code, year, group_order
