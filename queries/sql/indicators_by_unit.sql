-- Indicator numerator / denominator per display unit and year.
SELECT display_id, display_code, display_kind, display_name, year, indicator,
       sum(numerator)::BIGINT AS numerator,
       sum(denominator)::BIGINT AS denominator
FROM selected_facts($boundary, $allowed, $units, $year_from, $year_to)
GROUP BY ALL
ORDER BY display_kind, display_code, year, indicator
