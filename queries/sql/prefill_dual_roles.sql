-- The `Kiêm nhiệm` of each cadre of one submission ($unit_id, $year), in the order of
-- prefill_cadres.sql (one row per cadre; NULL when not reported); nothing when the reader may
-- not see the unit (scoped_units).
SELECT d.dual_role
FROM cadres c
JOIN scoped_units($boundary, $allowed) v ON v.unit_id = c.unit_id
LEFT JOIN cadre_dual_roles d ON d.unit_id = c.unit_id AND d.year = c.year AND d.row_no = c.row_no
WHERE c.unit_id = $unit_id AND c.year = $year
ORDER BY c.row_no;
