-- The `Kiêm nhiệm` of each cadre of one submission ($unit_id, $year), in the order of
-- prefill_cadres.sql (one row per cadre; NULL when not reported).
SELECT d.dual_role
FROM cadres c
LEFT JOIN cadre_dual_roles d USING (unit_id, year, row_no)
WHERE c.unit_id = $unit_id AND c.year = $year
ORDER BY c.row_no;
