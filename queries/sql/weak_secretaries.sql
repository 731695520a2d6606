-- Secretaries and deputy secretaries of village / residential-group cells who in $year lack upper
-- secondary school (THPT) or elementary political theory (sơ cấp LLCT): the Đề án asks to replace
-- them in time. One row per person, per display unit of $year.
SELECT s.display_id, s.display_label AS unit, c.year, c.cell_code, k.cell_name, k.cell_type,
       c.role, c.full_name, c.has_thpt, c.political_rank >= 1 AS has_so_cap_llct
FROM cadres c
JOIN cells k ON k.unit_id = c.unit_id AND k.year = c.year AND k.cell_code = c.cell_code
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = c.unit_id
WHERE c.year = $year AND k.year = $year
  AND k.cell_type IN ('Thôn', 'Tổ dân phố')
  AND c.role IN ('Bí thư', 'Phó Bí thư')
  AND NOT (c.has_thpt AND c.political_rank >= 1)
ORDER BY s.display_rank, s.display_code, c.cell_code, c.role, c.row_no
