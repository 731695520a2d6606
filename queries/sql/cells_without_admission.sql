-- Party cells that admitted nobody in each of the last $min_years or more report years up to
-- and including $year (gaps and islands over member_figures): the run of consecutive years
-- with `Kết nạp` = 0 that ends in $year, and the last year the cell admitted anyone. Only cells
-- of the types $cell_types (NULL: every type) in $year are listed.
-- A year the cell did not report breaks the run: nothing is known about it.
--
-- A cell is (display unit as of $year, cell code): whatever the boundary, a cell of a unit merged
-- by $year keeps its history under the unit it merged into (lineage_units). Its code is kept, except
-- that where predecessors of one new unit used the same code, all but the first by unit code carry
-- their unit's code as a prefix, in every year, as etl.template.prefill_from_db writes them into the
-- new unit's first template.
WITH scoped AS (
    SELECT s.display_id, s.display_rank, s.display_label, m.unit_id, u.code AS unit_code,
           m.year, m.cell_code, m.admitted
    FROM member_figures m
    JOIN selected_units($boundary, $allowed, $units, as_of_ := $year) s ON s.unit_id = m.unit_id
    JOIN units u ON u.unit_id = m.unit_id
    WHERE m.year <= $year
), keyed AS (
    SELECT *,
           CASE WHEN unit_id = display_id
                  OR dense_rank() OVER (PARTITION BY display_id, cell_code, unit_id = display_id
                                        ORDER BY unit_code) = 1
                THEN cell_code ELSE unit_code || '-' || cell_code END AS cell_key
    FROM scoped
), zero_years AS (
    SELECT display_id, cell_key, year,
           year - row_number() OVER (PARTITION BY display_id, cell_key ORDER BY year) AS island
    FROM keyed
    WHERE admitted = 0
), runs AS (
    SELECT display_id, cell_key, min(year) AS run_from, max(year) AS run_to, count(*) AS run_years
    FROM zero_years
    GROUP BY display_id, cell_key, island
), last_admission AS (
    SELECT display_id, cell_key, max(year) AS last_admitted_year
    FROM keyed
    WHERE admitted > 0
    GROUP BY display_id, cell_key
)
SELECT k.display_id, k.display_label AS unit, k.cell_key AS cell_code,
       c.cell_name, c.cell_type, r.run_years, r.run_from, r.run_to, a.last_admitted_year
FROM runs r
JOIN keyed k ON k.display_id = r.display_id AND k.cell_key = r.cell_key AND k.year = $year
JOIN cells c ON c.unit_id = k.unit_id AND c.year = k.year AND c.cell_code = k.cell_code
LEFT JOIN last_admission a ON a.display_id = r.display_id AND a.cell_key = r.cell_key
WHERE r.run_to = $year AND r.run_years >= $min_years
  AND ($cell_types IS NULL OR list_contains($cell_types, c.cell_type))
ORDER BY r.run_years DESC, k.display_rank, k.display_label, k.cell_key
