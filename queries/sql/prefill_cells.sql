-- The cells of one submission ($unit_id, $year) with their year-end members, which are the
-- next year's `Đầu năm`; nothing when the reader may not see the unit (scoped_units).
SELECT c.cell_code, c.cell_name, c.cell_type, m.end_count
FROM cells c
JOIN scoped_units($boundary, $allowed) v ON v.unit_id = c.unit_id
LEFT JOIN member_figures m ON m.unit_id = c.unit_id AND m.year = c.year AND m.cell_code = c.cell_code
WHERE c.unit_id = $unit_id AND c.year = $year
ORDER BY c.cell_code;
