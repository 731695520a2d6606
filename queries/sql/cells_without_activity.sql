-- Party cells of $year that reported no thematic meeting ($thematic) or no inspection ($inspection)
-- in the year: the facts of views.sql `cell_indicator_definition` (counted, numerator 0). A cell that
-- did not report the field (a v1 workbook, a blank cell) is not listed: "chưa báo cáo" is not 0.
-- One row per cell, under its display unit.
WITH facts AS (
    SELECT f.unit_id, f.cell_code,
           bool_or(f.indicator = $thematic AND f.denominator = 1 AND f.numerator = 0) AS no_thematic,
           bool_or(f.indicator = $inspection AND f.denominator = 1 AND f.numerator = 0) AS no_inspection
    FROM cell_indicator_definition f
    WHERE f.year = $year AND f.indicator IN ($thematic, $inspection)
    GROUP BY ALL
)
SELECT s.display_id, s.display_label AS unit, $year AS year, k.cell_code, k.cell_name, k.cell_type,
       f.no_thematic, f.no_inspection
FROM facts f
JOIN cells k ON k.unit_id = f.unit_id AND k.year = $year AND k.cell_code = f.cell_code
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = f.unit_id
WHERE (f.no_thematic OR f.no_inspection)
ORDER BY s.display_rank, s.display_code, k.cell_code
