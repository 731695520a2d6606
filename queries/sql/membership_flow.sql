-- From members on 1 January to members on 31 December of $year, the selected units summed:
-- one row per step of the waterfall, decreases negative. Empty when nothing was reported.
WITH totals AS (
    SELECT count(*) AS rows_reported,
           sum(m.start_count)::BIGINT AS start_count,
           sum(m.admitted)::BIGINT AS admitted,
           sum(m.transferred_in)::BIGINT AS transferred_in,
           sum(m.transferred_out)::BIGINT AS transferred_out,
           sum(m.died)::BIGINT AS died,
           sum(m.struck_off)::BIGINT AS struck_off,
           sum(m.expelled)::BIGINT AS expelled,
           sum(m.resigned)::BIGINT AS resigned,
           sum(m.end_count)::BIGINT AS end_count
    FROM member_figures m
    JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = m.unit_id
    WHERE m.year = $year
), steps AS (
    SELECT 1 AS step, '' AS sign, 'Đầu năm' AS label, 'absolute' AS measure, start_count AS members FROM totals
    UNION ALL SELECT 2, '+', 'Kết nạp', 'relative', admitted FROM totals
    UNION ALL SELECT 3, '+', 'Chuyển đến', 'relative', transferred_in FROM totals
    UNION ALL SELECT 4, '−', 'Chuyển đi', 'relative', -transferred_out FROM totals
    UNION ALL SELECT 5, '−', 'Từ trần', 'relative', -died FROM totals
    UNION ALL SELECT 6, '−', 'Xóa tên', 'relative', -struck_off FROM totals
    UNION ALL SELECT 7, '−', 'Khai trừ', 'relative', -expelled FROM totals
    UNION ALL SELECT 8, '−', 'Xin ra khỏi Đảng', 'relative', -resigned FROM totals
    UNION ALL SELECT 9, '=', 'Cuối năm', 'total', end_count FROM totals
)
SELECT $year AS year, step, label, ltrim(sign || ' ' || label) AS axis_label, measure, members
FROM steps
WHERE (SELECT rows_reported FROM totals) > 0
ORDER BY step
