-- One row per cell cadre of $year for the selected display units (extract `Cán bộ chi bộ`), with the
-- format v2 `Kiêm nhiệm` ("Chưa báo cáo" when blank).
SELECT s.display_label AS display_unit,
       u.full_name AS unit, u.code AS unit_code, d.year, d.row_no,
       d.full_name, d.birth_year, coalesce(d.gender, '') AS gender, d.cell_code, c.cell_type, d.role, d.education,
       CASE WHEN d.has_thpt THEN 'Có' ELSE 'Không' END AS has_thpt,
       d.professional, d.political,
       CASE WHEN d.trained THEN 'Có' ELSE 'Không' END AS trained,
       coalesce(r.dual_role, 'Chưa báo cáo') AS dual_role
FROM cadres d
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = d.unit_id
JOIN units u ON u.unit_id = d.unit_id
LEFT JOIN cells c ON c.unit_id = d.unit_id AND c.year = d.year AND c.cell_code = d.cell_code
LEFT JOIN cadre_dual_roles r ON r.unit_id = d.unit_id AND r.year = d.year AND r.row_no = d.row_no
WHERE d.year = $year
ORDER BY s.display_rank, s.display_code, u.code, d.row_no
