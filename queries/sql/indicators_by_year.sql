-- Indicator numerator / denominator per year for the selected units, summed.
-- $boundary: 'reported' | 'current'; $units: list of display ids, or NULL for all units.
SELECT year, indicator,
       sum(numerator)::BIGINT AS numerator,
       sum(denominator)::BIGINT AS denominator
FROM selected_facts($boundary, $allowed, $units, $year_from, $year_to)
GROUP BY year, indicator
ORDER BY year, indicator
