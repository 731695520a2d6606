-- Ratings of $year per display unit: of the unit's own organisation (`Xếp loại TCCSĐ`), of its
-- party cells, and of its members: how many were rated excellent (HTXSNV) and how many good or
-- better (HTXSNV + HTTNV). queries/warnings.py checks the excellent share against the programme's cap.
WITH rated AS (
    SELECT unit_id, 'own' AS part, (org_rating = 'HTXSNV')::INTEGER AS excellent,
           (org_rating IN ('HTXSNV', 'HTTNV'))::INTEGER AS good
    FROM submissions WHERE year = $year
    UNION ALL
    SELECT unit_id, 'cells', (rating = 'HTXSNV')::INTEGER, (rating IN ('HTXSNV', 'HTTNV'))::INTEGER
    FROM cells WHERE year = $year
    UNION ALL
    SELECT unit_id, 'members', rated_excellent, rated_excellent + rated_good
    FROM member_figures WHERE year = $year
)
SELECT s.display_id, s.display_label AS unit, $year AS year,
       coalesce(sum(r.excellent) FILTER (WHERE r.part = 'own'), 0)::BIGINT AS own_excellent,
       coalesce(sum(r.good) FILTER (WHERE r.part = 'own'), 0)::BIGINT AS own_good,
       coalesce(sum(r.excellent) FILTER (WHERE r.part = 'cells'), 0)::BIGINT AS cells_excellent,
       coalesce(sum(r.good) FILTER (WHERE r.part = 'cells'), 0)::BIGINT AS cells_good,
       coalesce(sum(r.excellent) FILTER (WHERE r.part = 'members'), 0)::BIGINT AS members_excellent,
       coalesce(sum(r.good) FILTER (WHERE r.part = 'members'), 0)::BIGINT AS members_good
FROM rated r
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = r.unit_id
GROUP BY s.display_id, s.display_rank, s.display_code, s.display_label
ORDER BY s.display_rank, s.display_code
