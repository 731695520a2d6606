-- The cells of one submission ($unit_id, $year) with their year-end members, which are the
-- next year's `Đầu năm`.
SELECT c.cell_code, c.cell_name, c.cell_type, m.end_count
FROM cells c
LEFT JOIN member_figures m USING (unit_id, year, cell_code)
WHERE c.unit_id = $unit_id AND c.year = $year
ORDER BY c.cell_code;
