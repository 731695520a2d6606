-- The submissions a new year's template is prefilled from ($unit_id, $year): the unit's own
-- latest submission before $year or, when it has none (a unit formed by the 1 July 2025
-- merge), the latest submission of each unit merged into it. Only submissions of units the
-- reader may see (scoped_units): an officer of one merged unit gets that unit's part alone.
WITH visible AS (
    SELECT s.unit_id, s.year
    FROM submissions s
    JOIN scoped_units($boundary, $allowed) v ON v.unit_id = s.unit_id
    WHERE s.year < $year
), own AS (
    SELECT unit_id, max(year) AS year
    FROM visible
    WHERE unit_id = $unit_id
    GROUP BY unit_id
), merged AS (
    SELECT s.unit_id, max(s.year) AS year
    FROM visible s
    JOIN units u ON u.unit_id = s.unit_id
    WHERE u.successor_id = $unit_id
    GROUP BY s.unit_id
), sources AS (
    SELECT * FROM own
    UNION ALL
    SELECT * FROM merged WHERE NOT EXISTS (SELECT 1 FROM own)
)
SELECT src.unit_id, src.year, u.code, s.committee_members
FROM sources src
JOIN submissions s USING (unit_id, year)
JOIN units u USING (unit_id)
ORDER BY u.code;
