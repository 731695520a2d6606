-- Grassroots party organisations by their rating per year, the selected units together; NULL counts
-- as the last of $ratings. The organisations are those T1 counts (views.sql `rated_organisations`):
-- each unit's own before $cells_from, the grassroots organisations under it (a ward's or commune's
-- party cells, an organisation of the town itself) from $cells_from on (NULL: never). HTXSNV + HTTNV
-- over the rated ones is T1 (indicator_facts).
WITH ratings AS (
    SELECT i - 1 AS rank, $ratings[i] AS rating FROM range(1, len($ratings) + 1) AS t(i)
), scoped AS (
    SELECT o.year, coalesce(o.rating, $ratings[-1]) AS rating
    FROM rated_organisations o
    JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = o.unit_id
    WHERE o.year BETWEEN $year_from AND $year_to
      AND o.basis = CASE WHEN $cells_from IS NOT NULL AND o.year >= $cells_from THEN 'grassroots' ELSE 'own' END
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
