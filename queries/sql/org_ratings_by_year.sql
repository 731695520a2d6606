-- Grassroots party organisations by their rating per year, the selected units together; NULL counts
-- as the last of $ratings. The organisations are those T1 counts (data/programme.toml): each unit's own
-- (`Xếp loại TCCSĐ`) before $cells_from, its party cells (`Xếp loại` of `Chi bộ`) from $cells_from on
-- (NULL: never). HTXSNV + HTTNV over the rated ones is T1 (indicator_facts).
WITH ratings AS (
    SELECT i - 1 AS rank, $ratings[i] AS rating FROM range(1, len($ratings) + 1) AS t(i)
), own AS (
    SELECT m.year, coalesce(m.org_rating, $ratings[-1]) AS rating
    FROM submissions m
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = m.unit_id
    WHERE ($units IS NULL OR list_contains($units, s.display_id))
      AND m.year BETWEEN $year_from AND $year_to AND ($cells_from IS NULL OR m.year < $cells_from)
), cells AS (
    SELECT c.year, coalesce(c.rating, $ratings[-1]) AS rating
    FROM cells c
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = c.unit_id
    WHERE ($units IS NULL OR list_contains($units, s.display_id))
      AND c.year BETWEEN $year_from AND $year_to AND c.year >= $cells_from
), scoped AS (
    SELECT * FROM own UNION ALL SELECT * FROM cells
), counted AS (
    SELECT y.year, r.rank, r.rating, count(sc.rating)::BIGINT AS organisations
    FROM (SELECT DISTINCT year FROM scoped) y
    CROSS JOIN ratings r
    LEFT JOIN scoped sc ON sc.year = y.year AND sc.rating = r.rating
    GROUP BY ALL
)
SELECT year, rank, rating, organisations,
       organisations / nullif(sum(organisations) OVER (PARTITION BY year), 0) AS share
FROM counted
ORDER BY year, rank
