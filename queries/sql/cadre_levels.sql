-- Village / residential-group cell cadres of $year by level on one ladder, per display unit and,
-- as the row with display_id NULL, for the selected units together. $ladder: 'education'
-- (rank 1 = THPT), 'professional' or 'political' (the ranks of etl.contract); $levels names
-- ranks 0, 1, … so every unit lists every level, 0 where nobody holds it (views.sql `level_counts`).
WITH scoped AS (
    SELECT s.display_id, s.display_rank, s.display_code, s.display_label, v.row_no AS item,
           CASE $ladder WHEN 'education' THEN v.has_thpt::INTEGER
                        WHEN 'professional' THEN v.professional_rank
                        WHEN 'political' THEN v.political_rank END AS rank
    FROM submissions m
    JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = m.unit_id
    LEFT JOIN village_cadres v ON v.unit_id = m.unit_id AND v.year = m.year  -- none: an organisation of the town
    WHERE m.year = $year
)
SELECT display_id, display_label AS unit, $year AS year, rank, level, counted AS cadres, share
FROM level_counts('scoped', $levels)
ORDER BY display_id IS NOT NULL, display_rank, display_code, rank
