-- Members struck off (xóa tên) and resigned (xin ra khỏi Đảng) per year, selected units summed.
WITH totals AS (
    SELECT m.year,
           sum(m.struck_off)::BIGINT AS struck_off,
           sum(m.resigned)::BIGINT AS resigned
    FROM member_figures m
    JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = m.unit_id
    WHERE m.year BETWEEN $year_from AND $year_to
    GROUP BY m.year
)
SELECT year, 1 AS exit_order, 'Xóa tên' AS exit_kind, struck_off AS members FROM totals
UNION ALL SELECT year, 2, 'Xin ra khỏi Đảng', resigned FROM totals
ORDER BY year, exit_order
