-- Party cells of $year by their rating (`Xếp loại` of `Chi bộ`), per display unit and, as the
-- row with display_id NULL, for the selected units together; NULL counts as the last of $ratings
-- (views.sql `level_counts`: every unit lists every rating).
WITH scoped AS (
    SELECT s.display_id, s.display_rank, s.display_code, s.display_label, c.cell_code AS item,
           list_position($ratings, coalesce(c.rating, $ratings[-1])) - 1 AS rank
    FROM cells c
    JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = c.unit_id
    WHERE c.year = $year
)
SELECT display_id, display_label AS unit, $year AS year, rank, level AS rating, counted AS cells, share
FROM level_counts('scoped', $ratings)
ORDER BY display_id IS NOT NULL, display_rank, display_code, rank
