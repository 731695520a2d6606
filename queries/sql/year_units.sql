-- The units of the selection (selected_units) expected to report, for `year` or (NULL) for every year
-- loaded, each with whether it has and the display unit it is shown under: a unit is expected in a year it
-- was in force (the unit list's valid_from / valid_to) if it reports to this dashboard at all (a report of its
-- own for some year, or of a unit merged into it). The figures of a year still coming in cover only the units
-- in so far; a display unit some of whose units are not in (a ward and an organisation under it, under the
-- boundary of today) covers only those in.
WITH chosen AS (
    SELECT DISTINCT unit_id, display_id, display_label, display_rank, display_code
    FROM selected_units($boundary, $allowed, $units)
),
reporting AS (
    SELECT unit_id FROM submissions
    UNION
    SELECT u.successor_id FROM submissions m JOIN units u USING (unit_id) WHERE u.successor_id IS NOT NULL
),
years AS (
    SELECT $year AS year WHERE $year IS NOT NULL
    UNION
    SELECT m.year FROM submissions m JOIN chosen USING (unit_id) WHERE $year IS NULL
)
SELECT y.year, u.full_name AS unit, m.unit_id IS NOT NULL AS reported, c.display_id, c.display_label,
       c.display_rank, c.display_code
FROM years y
JOIN units u ON u.valid_from <= y.year AND (u.valid_to IS NULL OR y.year <= u.valid_to)
JOIN chosen c ON c.unit_id = u.unit_id
JOIN reporting r ON r.unit_id = u.unit_id
LEFT JOIN submissions m ON m.unit_id = u.unit_id AND m.year = y.year
ORDER BY y.year, u.kind_rank, u.code
