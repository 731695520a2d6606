-- Members disciplined per year by form (`Đảng viên`, format v2), selected units summed: only the
-- cells that reported their discipline block count; `cells_unreported` says how many did not
-- (a v1 workbook, or the block left blank). A year no cell reported gives NULL, not 0.
WITH per_year AS (
    SELECT k.year,
           sum(l.reprimanded)::BIGINT AS reprimanded,
           sum(l.warned)::BIGINT AS warned,
           sum(l.removed_from_post)::BIGINT AS removed_from_post,
           sum(l.expelled_by_discipline)::BIGINT AS expelled,
           count(l.disciplined)::BIGINT AS cells_reported,
           count(*) FILTER (WHERE l.disciplined IS NULL)::BIGINT AS cells_unreported
    FROM cells k
    JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = k.unit_id
    LEFT JOIN cell_life l ON l.unit_id = k.unit_id AND l.year = k.year AND l.cell_code = k.cell_code
    WHERE k.year BETWEEN $year_from AND $year_to
    GROUP BY k.year
)
SELECT year, 1 AS form_order, 'Khiển trách' AS form, reprimanded AS members, cells_reported, cells_unreported
FROM per_year
UNION ALL SELECT year, 2, 'Cảnh cáo', warned, cells_reported, cells_unreported FROM per_year
UNION ALL SELECT year, 3, 'Cách chức', removed_from_post, cells_reported, cells_unreported FROM per_year
UNION ALL SELECT year, 4, 'Khai trừ', expelled, cells_reported, cells_unreported FROM per_year
ORDER BY year, form_order
