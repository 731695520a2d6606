-- The party cells of the selected display units in $year with their own figures: members at the
-- start and end of the year, admissions, the cell's rating, and for village and residential cells
-- (targets T4–T6) how many of their cadres meet each standard (views.sql `village_cadres`).
WITH standards AS (
    SELECT unit_id, cell_code, count(*) AS cadres,
           count(*) FILTER (WHERE meets_thpt_and_so_cap_llct) AS thpt_and_so_cap_llct,
           count(*) FILTER (WHERE meets_trung_cap_chuyen_mon) AS trung_cap_chuyen_mon,
           count(*) FILTER (WHERE meets_trung_cap_llct) AS trung_cap_llct
    FROM village_cadres
    WHERE year = $year
    GROUP BY ALL
)
SELECT s.display_id, s.display_label AS unit, c.year, c.cell_code, c.cell_name,
       c.cell_type, c.rating, c.four_good, m.start_count, m.admitted, m.end_count,
       v.cadres, v.thpt_and_so_cap_llct, v.trung_cap_chuyen_mon, v.trung_cap_llct
FROM cells c
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = c.unit_id
LEFT JOIN member_figures m ON m.unit_id = c.unit_id AND m.year = c.year AND m.cell_code = c.cell_code
LEFT JOIN standards v ON v.unit_id = c.unit_id AND v.cell_code = c.cell_code
WHERE c.year = $year
ORDER BY s.display_rank, s.display_code, c.unit_id, c.cell_code
