-- For each display unit and indicator of $codes: the latest year with a rate (up to $year_to) and the
-- base year (the baseline $baseline, or the first year with a rate after it, or else the first year),
-- with their figures; the per-unit sums are those of indicators_by_unit.sql.
WITH by_unit AS (
    SELECT display_id, display_code, display_kind, display_name, year, indicator,
           sum(numerator)::BIGINT AS numerator,
           sum(denominator)::BIGINT AS denominator
    FROM selected_facts($boundary, $allowed, $units, $year_from, $year_to)
    WHERE list_contains($codes, indicator)
    GROUP BY ALL
), rated AS (
    SELECT * FROM by_unit WHERE denominator <> 0 AND numerator IS NOT NULL
)
SELECT display_id, display_code, display_kind, display_name, indicator,
       arg_min(year, CASE WHEN year >= $baseline THEN year ELSE year + 10000 END) AS base_year,
       arg_min(numerator, CASE WHEN year >= $baseline THEN year ELSE year + 10000 END) AS base_numerator,
       arg_min(denominator, CASE WHEN year >= $baseline THEN year ELSE year + 10000 END) AS base_denominator,
       max(year) AS latest_year,
       arg_max(numerator, year) AS latest_numerator,
       arg_max(denominator, year) AS latest_denominator
FROM rated
GROUP BY display_id, display_code, display_kind, display_name, indicator
ORDER BY display_kind, display_code, min(year), display_id, indicator  -- a merged code: the older unit first
