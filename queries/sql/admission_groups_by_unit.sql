-- Admissions of students, workers and business owners per display unit in $year, each with
-- all admissions of the unit (`Kết nạp`, the numerator of T3) and its share of them.
WITH totals AS (
    SELECT s.display_id, s.display_rank, s.display_label,
           sum(m.admitted)::BIGINT AS all_admitted,
           sum(m.admitted_students)::BIGINT AS students,
           sum(m.admitted_workers)::BIGINT AS workers,
           sum(m.admitted_owners)::BIGINT AS owners
    FROM member_figures m
    JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = m.unit_id
    WHERE m.year = $year
    GROUP BY ALL
), grouped AS (
    SELECT display_id, display_rank, display_label, all_admitted, 1 AS group_order,
           'Học sinh, sinh viên' AS admission_group, students AS admitted FROM totals
    UNION ALL SELECT display_id, display_rank, display_label, all_admitted, 2, 'Công nhân', workers FROM totals
    UNION ALL SELECT display_id, display_rank, display_label, all_admitted, 3, 'Chủ doanh nghiệp', owners FROM totals
)
SELECT display_id, display_label AS unit, $year AS year,
       group_order, admission_group, admitted, all_admitted,
       admitted::DOUBLE / nullif(all_admitted, 0) AS share
FROM grouped
ORDER BY display_rank, display_id, group_order
