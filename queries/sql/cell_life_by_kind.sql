-- The format v2 indicators counted per party cell (views.sql `cell_indicator_definition`) in $year,
-- summed per cell type for the selected display units: the same facts indicator_definition sums per
-- unit, so each indicator's types add up to its figures for the selection.
SELECT f.cell_type, f.indicator,
       sum(f.numerator)::BIGINT AS numerator,
       sum(f.denominator)::BIGINT AS denominator,
       sum(f.not_reported)::BIGINT AS not_reported
FROM cell_indicator_definition f
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = f.unit_id
WHERE f.year = $year
GROUP BY ALL
ORDER BY f.cell_type, f.indicator
