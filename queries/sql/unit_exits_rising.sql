-- Units whose members struck off (xóa tên) plus resigned (xin ra khỏi Đảng) rose two years
-- running up to $year: exits($year − 2) < exits($year − 1) < exits($year). A unit of $year counts
-- in earlier years the units merged into it (lineage_units), whatever the boundary. A year the
-- unit did not report leaves its figures NULL, and the unit is not listed: nothing is known about it.
WITH per_year AS (
    SELECT s.display_id, s.display_rank, s.display_code, s.display_label AS unit,
           m.year, sum(m.struck_off)::BIGINT AS struck_off, sum(m.resigned)::BIGINT AS resigned
    FROM member_figures m
    JOIN selected_units($boundary, $allowed, $units, as_of_ := $year) s ON s.unit_id = m.unit_id
    WHERE m.year BETWEEN $year - 2 AND $year
    GROUP BY ALL
), wide AS (
    SELECT display_id, display_rank, display_code, unit,
           max(struck_off) FILTER (WHERE year = $year - 2) AS struck_off_two_before,
           max(resigned) FILTER (WHERE year = $year - 2) AS resigned_two_before,
           max(struck_off) FILTER (WHERE year = $year - 1) AS struck_off_before,
           max(resigned) FILTER (WHERE year = $year - 1) AS resigned_before,
           max(struck_off) FILTER (WHERE year = $year) AS struck_off,
           max(resigned) FILTER (WHERE year = $year) AS resigned
    FROM per_year
    GROUP BY ALL
), totals AS (
    SELECT *,
           struck_off_two_before + resigned_two_before AS exits_two_before,
           struck_off_before + resigned_before AS exits_before,
           struck_off + resigned AS exits
    FROM wide
)
SELECT display_id, unit, $year AS year,
       struck_off_two_before, resigned_two_before, exits_two_before,
       struck_off_before, resigned_before, exits_before,
       struck_off, resigned, exits
FROM totals
WHERE exits_two_before < exits_before AND exits_before < exits
ORDER BY display_rank, display_code
