-- Admissions of students, workers and business owners per year, the selected units summed,
-- each with all admissions of the year (`Kết nạp`, the numerator of T3) and its share of them.
-- $boundary: 'reported' | 'current'; $units: list of display ids, or NULL for all units.
WITH totals AS (
    SELECT m.year,
           sum(m.admitted)::BIGINT AS all_admitted,
           sum(m.admitted_students)::BIGINT AS students,
           sum(m.admitted_workers)::BIGINT AS workers,
           sum(m.admitted_owners)::BIGINT AS owners
    FROM member_figures m
    JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = m.unit_id
    WHERE m.year BETWEEN $year_from AND $year_to
    GROUP BY m.year
), grouped AS (
    SELECT year, all_admitted, 1 AS group_order, 'Học sinh, sinh viên' AS admission_group,
           students AS admitted FROM totals
    UNION ALL SELECT year, all_admitted, 2, 'Công nhân', workers FROM totals
    UNION ALL SELECT year, all_admitted, 3, 'Chủ doanh nghiệp', owners FROM totals
)
SELECT year, group_order, admission_group, admitted, all_admitted,
       admitted::DOUBLE / nullif(all_admitted, 0) AS share
FROM grouped
ORDER BY year, group_order
