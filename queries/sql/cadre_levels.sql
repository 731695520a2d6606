-- Village / residential-group cell cadres of $year by level on one ladder, per display unit and,
-- as the row with display_id NULL, for the selected units together. $ladder: 'education'
-- (rank 1 = THPT), 'professional' or 'political' (the ranks of etl.contract); $levels names
-- ranks 0, 1, … so every unit lists every level, 0 where nobody holds it.
WITH levels AS (
    SELECT i - 1 AS rank, $levels[i] AS level FROM range(1, len($levels) + 1) AS t(i)
), scoped AS (
    SELECT s.display_id, s.display_rank, s.display_code, s.display_label, v.row_no,
           CASE $ladder WHEN 'education' THEN v.has_thpt::INTEGER
                        WHEN 'professional' THEN v.professional_rank
                        WHEN 'political' THEN v.political_rank END AS rank
    FROM submissions m
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = m.unit_id
    LEFT JOIN village_cadres v ON v.unit_id = m.unit_id AND v.year = m.year
    WHERE ($units IS NULL OR list_contains($units, s.display_id))
      AND m.year = $year
), scope_units AS (
    SELECT DISTINCT display_id, display_rank, display_code, display_label FROM scoped
    WHERE row_no IS NOT NULL  -- units with village cadres: not an organisation of the town
    UNION ALL
    SELECT NULL, NULL, NULL, NULL WHERE EXISTS (SELECT 1 FROM scoped WHERE row_no IS NOT NULL)
), tallied AS (  -- per unit and rank, and (display_id NULL) per rank over all: one hash aggregate
    SELECT display_id, rank, count(row_no) AS cadres FROM scoped GROUP BY GROUPING SETS ((display_id, rank), (rank))
), counted AS (
    SELECT u.display_id, u.display_rank, u.display_code, u.display_label, l.rank, l.level,
           coalesce(t.cadres, 0) AS cadres
    FROM scope_units u
    CROSS JOIN levels l
    LEFT JOIN tallied t ON t.display_id IS NOT DISTINCT FROM u.display_id AND t.rank = l.rank
)
SELECT display_id, display_label AS unit, $year AS year, rank, level,
       cadres::BIGINT AS cadres,
       cadres / nullif(sum(cadres) OVER (PARTITION BY display_id), 0) AS share
FROM counted
ORDER BY display_id IS NOT NULL, display_rank, display_code, rank
