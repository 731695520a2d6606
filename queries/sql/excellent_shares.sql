-- Ratings of $year per display unit: of the unit's own organisation (`Xếp loại TCCSĐ`), of its
-- party cells, and of its members: how many were rated excellent (HTXSNV) and how many good or
-- better (HTXSNV + HTTNV). queries/warnings.py checks the excellent share against the programme's cap.
WITH per_unit AS (
    SELECT s.display_id, s.display_kind, s.display_code, s.display_kind || ' ' || s.display_name AS unit,
           count(*) FILTER (WHERE m.org_rating = 'HTXSNV') AS own_excellent,
           count(*) FILTER (WHERE m.org_rating IN ('HTXSNV', 'HTTNV')) AS own_good
    FROM submissions m
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = m.unit_id
    WHERE ($units IS NULL OR list_contains($units, s.display_id)) AND m.year = $year
    GROUP BY ALL
), cells AS (
    SELECT s.display_id,
           count(*) FILTER (WHERE k.rating = 'HTXSNV') AS cells_excellent,
           count(*) FILTER (WHERE k.rating IN ('HTXSNV', 'HTTNV')) AS cells_good
    FROM cells k
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = k.unit_id
    WHERE ($units IS NULL OR list_contains($units, s.display_id)) AND k.year = $year
    GROUP BY ALL
), members AS (
    SELECT s.display_id,
           sum(f.rated_excellent) AS members_excellent,
           sum(f.rated_excellent + f.rated_good) AS members_good
    FROM member_figures f
    JOIN scoped_units($boundary, $allowed) s ON s.unit_id = f.unit_id
    WHERE ($units IS NULL OR list_contains($units, s.display_id)) AND f.year = $year
    GROUP BY ALL
)
SELECT u.display_id, u.unit, $year AS year,
       u.own_excellent::BIGINT AS own_excellent, u.own_good::BIGINT AS own_good,
       coalesce(c.cells_excellent, 0)::BIGINT AS cells_excellent, coalesce(c.cells_good, 0)::BIGINT AS cells_good,
       coalesce(m.members_excellent, 0)::BIGINT AS members_excellent,
       coalesce(m.members_good, 0)::BIGINT AS members_good
FROM per_unit u
LEFT JOIN cells c USING (display_id)
LEFT JOIN members m USING (display_id)
ORDER BY u.display_kind, u.display_code
