-- Every indicator is defined here once. Pages, CSV extracts, the report and
-- `python -m etl kpi` all sum numerator and denominator of `indicator_facts`.

-- Which unit a submission is shown under: 'reported' keeps the unit as it reported,
-- 'current' sums units merged on 1 July 2025 into their successor.
CREATE OR REPLACE VIEW unit_scope AS
SELECT 'reported' AS boundary, u.unit_id, u.unit_id AS display_id, u.code AS display_code,
       u.name AS display_name, u.kind AS display_kind
FROM units u
UNION ALL
SELECT 'current', u.unit_id, s.unit_id, s.code, s.name, s.kind
FROM units u JOIN units s ON s.unit_id = coalesce(u.successor_id, u.unit_id);

-- The units a reader may see under a boundary: `allowed_` is the list of unit ids the logged-in
-- user is restricted to (NULL = every unit, an empty list = none: deny by default). Every named
-- query reads units through this macro, so the restriction is applied below the UI.
CREATE OR REPLACE MACRO scoped_units(boundary_, allowed_) AS TABLE
SELECT * FROM unit_scope
WHERE boundary = boundary_ AND (allowed_ IS NULL OR list_contains(allowed_, unit_id));

-- Cadres of village (thôn) and residential-group (tổ dân phố) cells: targets T4–T7, with the
-- standards of T4, T5 and T6 each cadre meets (counted below, listed person by person on the page
-- of a unit's cells and cadres).
CREATE OR REPLACE VIEW village_cadres AS
SELECT c.*,
       c.has_thpt AND c.political_rank >= 1 AS meets_thpt_and_so_cap_llct,
       c.professional_rank >= 2 AS meets_trung_cap_chuyen_mon,
       c.political_rank >= 2 AS meets_trung_cap_llct
FROM cadres c
JOIN cells k USING (unit_id, year, cell_code)
WHERE k.cell_type IN ('Thôn', 'Tổ dân phố');

CREATE OR REPLACE VIEW cadre_counts AS
SELECT s.unit_id, s.year,
       count(v.row_no) AS cadres,
       count(v.row_no) FILTER (WHERE v.has_thpt) AS thpt,
       count(v.row_no) FILTER (WHERE v.role = 'Chi ủy viên') AS members_only,
       count(v.row_no) FILTER (WHERE v.role = 'Chi ủy viên' AND v.has_thpt) AS members_only_thpt,
       count(v.row_no) FILTER (WHERE v.role IN ('Bí thư', 'Phó Bí thư')) AS secretaries,
       count(v.row_no) FILTER (WHERE v.role IN ('Bí thư', 'Phó Bí thư') AND v.has_thpt) AS secretaries_thpt,
       count(v.row_no) FILTER (WHERE v.political_rank >= 1) AS so_cap_llct,
       count(v.row_no) FILTER (WHERE v.meets_thpt_and_so_cap_llct) AS thpt_and_so_cap_llct,
       count(v.row_no) FILTER (WHERE v.meets_trung_cap_chuyen_mon) AS trung_cap_chuyen_mon,
       count(v.row_no) FILTER (WHERE v.meets_trung_cap_llct) AS trung_cap_llct,
       count(v.row_no) FILTER (WHERE v.trained) AS trained
FROM submissions s
LEFT JOIN village_cadres v USING (unit_id, year)
GROUP BY s.unit_id, s.year;

CREATE OR REPLACE VIEW member_totals AS
SELECT s.unit_id, s.year,
       coalesce(sum(m.start_count), 0) AS start_count,
       coalesce(sum(m.admitted), 0) AS admitted,
       coalesce(sum(m.rated_excellent + m.rated_good), 0) AS rated_good_or_better,
       coalesce(sum(m.rated_excellent + m.rated_good + m.rated_fulfilled + m.rated_not_fulfilled), 0) AS rated
FROM submissions s
LEFT JOIN member_figures m USING (unit_id, year)
GROUP BY s.unit_id, s.year;

CREATE OR REPLACE VIEW cell_counts AS
SELECT s.unit_id, s.year,
       count(k.cell_code) FILTER (WHERE k.rating IN ('HTXSNV', 'HTTNV')) AS cells_good,
       count(k.rating) AS cells_rated
FROM submissions s
LEFT JOIN cells k USING (unit_id, year)
GROUP BY s.unit_id, s.year;

-- Every count the indicators need, one row per submission: each aggregate is computed once.
CREATE OR REPLACE VIEW indicator_counts AS
SELECT s.unit_id, s.year,
       CASE WHEN s.org_rating IN ('HTXSNV', 'HTTNV') THEN 1 ELSE 0 END AS org_good,
       CASE WHEN s.org_rating IS NOT NULL THEN 1 ELSE 0 END AS org_rated,
       m.rated_good_or_better, m.rated, m.admitted, m.start_count,
       c.cadres, c.thpt, c.members_only, c.members_only_thpt, c.secretaries, c.secretaries_thpt,
       c.so_cap_llct, c.thpt_and_so_cap_llct, c.trung_cap_chuyen_mon, c.trung_cap_llct,
       c.trained + coalesce(s.committee_trained, 0) AS trained_with_committee,
       c.cadres + coalesce(s.committee_members, 0) AS cadres_with_committee,
       k.cells_good, k.cells_rated
FROM submissions s
JOIN member_totals m USING (unit_id, year)
JOIN cadre_counts c USING (unit_id, year)
JOIN cell_counts k USING (unit_id, year);

-- The definition of every fact an indicator reads: one row per (unit, year, fact). Rates are
-- sum(numerator) / sum(denominator) over whatever units and years are selected. T1 reads
-- `T1_org_rating` (the unit's own organisation) or `T1_cell_rating` (its party cells), per
-- period as data/programme.toml says: both are stored, the choice is made when reading.
CREATE OR REPLACE VIEW indicator_definition AS
SELECT unit_id, year, unnest([
    {'indicator': 'T1_org_rating', 'numerator': org_good, 'denominator': org_rated},
    {'indicator': 'T1_cell_rating', 'numerator': cells_good, 'denominator': cells_rated},
    {'indicator': 'T2_member_rating', 'numerator': rated_good_or_better, 'denominator': rated},
    {'indicator': 'T3_admission_rate', 'numerator': admitted, 'denominator': start_count},
    {'indicator': 'T4_thpt', 'numerator': thpt, 'denominator': cadres},
    {'indicator': 'T4_thpt_chi_uy_vien', 'numerator': members_only_thpt, 'denominator': members_only},
    {'indicator': 'T4_thpt_bi_thu_pho_bi_thu', 'numerator': secretaries_thpt, 'denominator': secretaries},
    {'indicator': 'T4_so_cap_llct', 'numerator': so_cap_llct, 'denominator': cadres},
    {'indicator': 'T4_thpt_and_so_cap_llct', 'numerator': thpt_and_so_cap_llct, 'denominator': cadres},
    {'indicator': 'T5_trung_cap_chuyen_mon', 'numerator': trung_cap_chuyen_mon, 'denominator': cadres},
    {'indicator': 'T6_trung_cap_llct', 'numerator': trung_cap_llct, 'denominator': cadres},
    {'indicator': 'T7_training', 'numerator': trained_with_committee, 'denominator': cadres_with_committee}
], recursive := true)
FROM indicator_counts;

-- `indicator_definition` stored per (unit, year), so that pages and exports sum a table instead
-- of deriving every indicator from every cadre on each query (seconds at national scale). The
-- loader refreshes the pairs it writes in the same transaction; installing these views
-- refreshes every pair (etl.facts). Read it as `indicator_facts`.
CREATE TABLE IF NOT EXISTS indicator_facts_store (
    unit_id     VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    indicator   VARCHAR NOT NULL,
    numerator   BIGINT NOT NULL,
    denominator BIGINT NOT NULL
);

CREATE OR REPLACE VIEW indicator_facts AS
SELECT unit_id, year, indicator, numerator, denominator FROM indicator_facts_store;

-- The units a reader may see (scoped_units), each with the display unit it is counted under as of
-- year `as_of_`: a unit that had ended by then (merged on 1 July 2025) is counted under its
-- successor's display unit, so a series up to `as_of_` never restarts at the merger. `as_of_`
-- NULL: every unit under its own display unit.
CREATE OR REPLACE MACRO lineage_units(boundary_, allowed_, as_of_) AS TABLE
SELECT u.unit_id, d.display_id, d.display_code, d.display_kind, d.display_name
FROM scoped_units(boundary_, allowed_) own
JOIN units u ON u.unit_id = own.unit_id
JOIN unit_scope d ON d.boundary = boundary_
 AND d.unit_id = CASE WHEN as_of_ IS NOT NULL AND u.valid_to < as_of_ AND u.successor_id IS NOT NULL
                      THEN u.successor_id ELSE u.unit_id END;

-- The facts of the indicators of `sources_` (data/programme.toml: per indicator, the fact it reads
-- in each period and the period's first year, `basis`) for the units a reader may see, the
-- selected display units (units_ NULL: all, as of `as_of_`) and years: what the indicator queries sum.
CREATE OR REPLACE MACRO selected_facts(boundary_, allowed_, units_, year_from_, year_to_, sources_, as_of_) AS TABLE
WITH sources AS (SELECT unnest(sources_, recursive := true))
SELECT s.display_id, s.display_code, s.display_kind, s.display_name, f.year, src.code AS indicator, src.basis,
       f.numerator, f.denominator
FROM indicator_facts f
JOIN sources src ON src.fact = f.indicator AND f.year BETWEEN src.year_from AND src.year_to
JOIN lineage_units(boundary_, allowed_, as_of_) s ON s.unit_id = f.unit_id
WHERE (units_ IS NULL OR list_contains(units_, s.display_id))
  AND f.year BETWEEN year_from_ AND year_to_;
