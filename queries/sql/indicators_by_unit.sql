-- Indicator numerator / denominator per display unit and year.
SELECT s.display_id, s.display_code, s.display_kind, s.display_name, f.year, f.indicator,
       sum(f.numerator)::BIGINT AS numerator,
       sum(f.denominator)::BIGINT AS denominator
FROM indicator_facts f
JOIN scoped_units($boundary, $allowed) s ON s.unit_id = f.unit_id
WHERE ($units IS NULL OR list_contains($units, s.display_id))
  AND f.year BETWEEN $year_from AND $year_to
GROUP BY ALL
ORDER BY s.display_kind, s.display_code, f.year, f.indicator
