-- Units whose share of members exempted from activity (miễn sinh hoạt) or working away (đi làm ăn
-- xa), of the members at year end, rose two years running up to $year: share($year − 2) <
-- share($year − 1) < share($year), compared as whole numbers (a/b < c/d ⇔ a·d < c·b). A unit of
-- $year counts in earlier years the units merged into it (lineage_units), whatever the boundary; a
-- year it did not report (or with no member at year end) leaves it out: nothing is known then.
WITH per_year AS (
    SELECT s.display_id, s.display_rank, s.display_code, s.display_label AS unit, m.year,
           sum(m.exempted)::BIGINT AS exempted, sum(m.working_away)::BIGINT AS working_away,
           sum(m.end_count)::BIGINT AS end_count
    FROM member_figures m
    JOIN selected_units($boundary, $allowed, $units, as_of_ := $year) s ON s.unit_id = m.unit_id
    WHERE m.year BETWEEN $year - 2 AND $year
    GROUP BY ALL
), groups AS (
    SELECT display_id, display_rank, display_code, unit, year, 1 AS group_order, 'miễn sinh hoạt' AS member_group,
           exempted AS members, end_count FROM per_year
    UNION ALL
    SELECT display_id, display_rank, display_code, unit, year, 2, 'đi làm ăn xa', working_away, end_count
    FROM per_year
), wide AS (
    SELECT display_id, display_rank, display_code, unit, group_order, member_group,
           max(members) FILTER (WHERE year = $year - 2) AS members_two_before,
           max(end_count) FILTER (WHERE year = $year - 2) AS end_two_before,
           max(members) FILTER (WHERE year = $year - 1) AS members_before,
           max(end_count) FILTER (WHERE year = $year - 1) AS end_before,
           max(members) FILTER (WHERE year = $year) AS members,
           max(end_count) FILTER (WHERE year = $year) AS end_count
    FROM groups
    GROUP BY ALL
)
SELECT display_id, unit, $year AS year, member_group,
       members_two_before, end_two_before, members_two_before::DOUBLE / end_two_before AS share_two_before,
       members_before, end_before, members_before::DOUBLE / end_before AS share_before,
       members, end_count, members::DOUBLE / end_count AS share
FROM wide
WHERE end_two_before > 0 AND end_before > 0 AND end_count > 0
  AND members_two_before * end_before < members_before * end_two_before
  AND members_before * end_count < members * end_before
ORDER BY display_rank, display_code, group_order
