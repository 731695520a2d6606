-- Cadres of the village and residential cells of the selected display units in $year who lack one
-- of the standards of targets T4, T5 or T6 (views.sql `village_cadres`), one row per person.
SELECT s.display_id, s.display_label AS unit, v.year, v.cell_code, k.cell_name,
       v.full_name, v.birth_year, v.role, v.education, v.professional, v.political,
       v.meets_thpt_and_so_cap_llct, v.meets_trung_cap_chuyen_mon, v.meets_trung_cap_llct
FROM village_cadres v
JOIN cells k ON k.unit_id = v.unit_id AND k.year = v.year AND k.cell_code = v.cell_code
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = v.unit_id
WHERE v.year = $year
  AND NOT (v.meets_thpt_and_so_cap_llct AND v.meets_trung_cap_chuyen_mon AND v.meets_trung_cap_llct)
ORDER BY s.display_rank, s.display_code, v.unit_id, v.cell_code, v.row_no
