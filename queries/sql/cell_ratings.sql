-- Party cells of $year by their rating (`Xếp loại` of `Chi bộ`), per display unit and, as the
-- row with display_id NULL, for the selected units together; NULL counts as the last of $ratings.
WITH ratings AS (
    SELECT i - 1 AS rank, $ratings[i] AS rating FROM range(1, len($ratings) + 1) AS t(i)
), scoped AS (
    SELECT s.display_id, s.display_rank, s.display_code, s.display_label, coalesce(c.rating, $ratings[-1]) AS rating
    FROM cells c
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = c.unit_id
    WHERE ($units IS NULL OR list_contains($units, s.display_id))
      AND c.year = $year
), scope_units AS (
    SELECT DISTINCT display_id, display_rank, display_code, display_label FROM scoped
    UNION ALL
    SELECT NULL, NULL, NULL, NULL WHERE EXISTS (SELECT 1 FROM scoped)
), tallied AS (  -- per unit and rating, and (display_id NULL) per rating over all: one hash aggregate
    SELECT display_id, rating, count(rating) AS cells FROM scoped GROUP BY GROUPING SETS ((display_id, rating), (rating))
), counted AS (
    SELECT u.display_id, u.display_rank, u.display_code, u.display_label, r.rank, r.rating,
           coalesce(t.cells, 0) AS cells
    FROM scope_units u
    CROSS JOIN ratings r
    LEFT JOIN tallied t ON t.display_id IS NOT DISTINCT FROM u.display_id AND t.rating = r.rating
)
SELECT display_id, display_label AS unit, $year AS year, rank, rating,
       cells::BIGINT AS cells,
       cells / nullif(sum(cells) OVER (PARTITION BY display_id), 0) AS share
FROM counted
ORDER BY display_id IS NOT NULL, display_rank, display_code, rank
