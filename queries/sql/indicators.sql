-- Indicator numerator / denominator per year, per display unit ($by_unit) or for the selected units
-- summed, for the indicators of $sources (data/programme.toml: the fact each reads per period).
-- $as_of: the year whose display units every row is counted under (a unit merged by then is counted
-- under its successor: database/sql/views.sql `lineage_units`); NULL: each unit under its own.
-- With $paced, each row carries the base row of its pace (queries/pace.py): the first year with a
-- rate from the baseline $baseline on, counted on the same basis as the row, from $history_from on;
-- none for a row before it (a pace is measured from the baseline year only: queries/judgement.py). $latest_only: only the latest
-- year with a rate of each unit (or the selection) and indicator. Per display unit, an indicator that
-- does not concern the unit is left out (see the last condition).
WITH facts AS (
    SELECT CASE WHEN $by_unit THEN display_id END AS display_id,
           CASE WHEN $by_unit THEN display_code END AS display_code,
           CASE WHEN $by_unit THEN display_kind END AS display_kind,
           CASE WHEN $by_unit THEN display_name END AS display_name,
           CASE WHEN $by_unit THEN display_label END AS display_label,
           CASE WHEN $by_unit THEN display_rank END AS display_rank,
           year, indicator, basis,
           sum(numerator)::BIGINT AS numerator,
           sum(denominator)::BIGINT AS denominator,
           sum(not_reported)::BIGINT AS not_reported
    FROM selected_facts($boundary, $allowed, $units, $history_from, $year_to, $sources, $as_of)
    GROUP BY ALL
), bases AS (
    SELECT display_id, indicator, basis,
           min(year) FILTER (WHERE year >= $baseline) AS baseline_year,
           arg_min(numerator, year) FILTER (WHERE year >= $baseline) AS baseline_numerator,
           arg_min(denominator, year) FILTER (WHERE year >= $baseline) AS baseline_denominator
    FROM facts
    WHERE $paced AND denominator <> 0
    GROUP BY ALL
)
SELECT f.display_id, f.display_code, f.display_kind, f.display_name, f.display_label, f.display_rank, f.year,
       f.indicator, f.basis, f.numerator, f.denominator, f.not_reported,
       CASE WHEN b.baseline_year <= f.year THEN b.baseline_year END AS base_year,
       CASE WHEN b.baseline_year <= f.year THEN b.baseline_numerator END AS base_numerator,
       CASE WHEN b.baseline_year <= f.year THEN b.baseline_denominator END AS base_denominator
FROM facts f
LEFT JOIN bases b ON b.display_id IS NOT DISTINCT FROM f.display_id AND b.indicator = f.indicator
                 AND b.basis = f.basis
WHERE f.year BETWEEN $year_from AND $year_to
  AND (NOT $latest_only OR f.denominator <> 0)
  -- a unit that counts nothing for an indicator and left nothing unreported has no part in it (an
  -- organisation of the town has no village cadres: T4–T6): no row of its own for it
  AND (NOT $by_unit OR f.denominator <> 0 OR f.not_reported <> 0)
QUALIFY NOT $latest_only OR row_number() OVER (PARTITION BY f.display_id, f.indicator ORDER BY f.year DESC) = 1
ORDER BY f.display_rank, f.display_code, f.display_id, f.year, f.indicator
