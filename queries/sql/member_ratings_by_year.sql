-- Members at year end by rating per year, the selected units summed: $ratings names the five
-- rating columns of `Đảng viên` in order (HTXSNV, HTTNV, HTNV, KHTNV, Chưa xếp loại); share is
-- of all members at year end. HTXSNV + HTTNV over the first four is T2 (indicator_facts).
WITH ratings AS (
    SELECT i - 1 AS rank, $ratings[i] AS rating FROM range(1, len($ratings) + 1) AS t(i)
), counted AS (
    SELECT m.year, r.rank, r.rating,
           sum(CASE r.rank WHEN 0 THEN m.rated_excellent WHEN 1 THEN m.rated_good
                           WHEN 2 THEN m.rated_fulfilled WHEN 3 THEN m.rated_not_fulfilled
                           ELSE m.unrated END)::BIGINT AS members
    FROM member_figures m
    JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = m.unit_id
    CROSS JOIN ratings r
    WHERE m.year BETWEEN $year_from AND $year_to
    GROUP BY m.year, r.rank, r.rating
)
SELECT year, rank, rating, members,
       members / nullif(sum(members) OVER (PARTITION BY year), 0) AS share
FROM counted
ORDER BY year, rank
