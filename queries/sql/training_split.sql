-- The two parts of T7 (indicator_facts) in $year, per display unit and, as the row with
-- display_id NULL, for the selected units together: part 1 = village / residential-group cell
-- cadres (cadre_counts), part 2 = the unit's grassroots committee (`Thông tin`).
WITH parts AS (
    SELECT unit_id, year, 1 AS part, trained, cadres AS members FROM cadre_counts
    UNION ALL
    SELECT unit_id, year, 2, coalesce(committee_trained, 0), coalesce(committee_members, 0) FROM submissions
)
SELECT s.display_id, s.display_label AS unit, $year AS year, p.part,
       sum(p.trained)::BIGINT AS trained, sum(p.members)::BIGINT AS members
FROM parts p
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = p.unit_id
WHERE p.year = $year
GROUP BY GROUPING SETS ((s.display_id, s.display_rank, s.display_code, s.display_label, p.part), (p.part))
ORDER BY s.display_id IS NOT NULL, s.display_rank, s.display_code, p.part
