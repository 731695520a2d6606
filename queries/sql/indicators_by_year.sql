-- Indicator numerator / denominator per year for the selected units, summed.
-- $boundary: 'reported' | 'current'; $units: list of display ids, or NULL for all units.
SELECT f.year, f.indicator,
       sum(f.numerator)::BIGINT AS numerator,
       sum(f.denominator)::BIGINT AS denominator
FROM indicator_facts f
JOIN scoped_units($boundary, $allowed) s ON s.unit_id = f.unit_id
WHERE ($units IS NULL OR list_contains($units, s.display_id))
  AND f.year BETWEEN $year_from AND $year_to
GROUP BY f.year, f.indicator
ORDER BY f.year, f.indicator
