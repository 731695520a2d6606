-- Secretaries and deputy secretaries of village / residential-group cells (village_cadres) who in
-- $year lack upper secondary school (THPT) or elementary political theory (sơ cấp LLCT): the Đề án
-- asks to replace them in time. One row per person, per display unit of $year.
SELECT s.display_id, s.display_kind || ' ' || s.display_name AS unit, v.year, v.cell_code, k.cell_name,
       v.role, v.full_name, v.has_thpt, v.political_rank >= 1 AS has_so_cap_llct
FROM village_cadres v
JOIN scoped_units($boundary, $allowed) s ON s.unit_id = v.unit_id
JOIN cells k ON k.unit_id = v.unit_id AND k.year = v.year AND k.cell_code = v.cell_code
WHERE ($units IS NULL OR list_contains($units, s.display_id))
  AND v.year = $year
  AND v.role IN ('Bí thư', 'Phó Bí thư')
  AND NOT (v.has_thpt AND v.political_rank >= 1)
ORDER BY s.display_kind, s.display_code, v.cell_code, v.role, v.row_no
