-- Every indicator is defined here once. Pages, CSV extracts, the report and
-- `python -m etl kpi` all sum numerator and denominator of `indicator_facts`.

-- Which unit a submission is shown under: 'reported' keeps the unit as it reported,
-- 'current' counts it under a unit of today: the unit it merged into on 1 July 2025, or for an
-- organisation of the town (agency, school, armed forces, enterprise: it does not merge) the ward or
-- commune party committee it sits under from then on (`parent_id`, data/units.csv).
-- `display_label` is the one label of a unit (etl.units.Unit.full_name); `display_rank` orders
-- kinds officially: wards, communes, then organisations.
CREATE OR REPLACE VIEW unit_scope AS
SELECT 'reported' AS boundary, u.unit_id, u.unit_id AS display_id, u.code AS display_code,
       u.name AS display_name, u.kind AS display_kind, u.full_name AS display_label, u.kind_rank AS display_rank
FROM units u
UNION ALL
SELECT 'current', u.unit_id, s.unit_id, s.code, s.name, s.kind, s.full_name, s.kind_rank
FROM units u JOIN units s ON s.unit_id = coalesce(u.successor_id, u.parent_id, u.unit_id);

-- The units a reader may see under a boundary: `allowed_` is the list of unit ids the logged-in
-- user is restricted to (NULL = every unit, an empty list = none: deny by default). Every named
-- query reads units through this macro, so the restriction is applied below the UI.
--
-- A new unit a restricted reader may see only part of (a unit merged into it, an organisation under it, or the
-- new unit itself is not theirs) is not summed for them: their units in it are shown as they reported, under
-- their own names; summed, the officer of one old ward would see that ward's figures, with their verdicts, under
-- the new ward's name. queries.scope.allowed_param marks those units in the list (`as-reported:<unit id>`, and
-- `partly:<new unit id>` for lineage_units): a mark, not a subquery, leaves the plans of readers who see every
-- unit as they were (a subquery here ran the national frames writer out of its memory).
CREATE OR REPLACE MACRO scoped_units(boundary_, allowed_) AS TABLE
SELECT * FROM unit_scope  -- `boundary`: the row's, 'reported' for a unit shown as it reported
WHERE (allowed_ IS NULL OR list_contains(allowed_, unit_id))
  AND boundary = CASE WHEN allowed_ IS NOT NULL AND boundary_ = 'current'
                           AND list_contains(allowed_, 'as-reported:' || unit_id) THEN 'reported'
                      ELSE boundary_ END;

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

-- The grassroots party organisations T1 rates, on both of its bases (data/programme.toml chooses per
-- period): 'own', each unit's own organisation (`Xếp loại TCCSĐ`); 'grassroots', the organisations
-- under the unit's committee once the new ward and commune committees sit above the grassroots
-- (1 July 2025): a ward's or commune's party cells (`Xếp loại` of `Chi bộ`), while an organisation of
-- the town (not a ward or commune) is itself the one grassroots organisation. The ratings pages list
-- and count the same rows.
CREATE OR REPLACE VIEW rated_organisations AS
SELECT m.unit_id, m.year, 'own' AS basis, NULL::VARCHAR AS cell_code, NULL::VARCHAR AS cell_name,
       m.org_rating AS rating
FROM submissions m
UNION ALL
SELECT k.unit_id, k.year, 'grassroots', k.cell_code, k.cell_name, k.rating
FROM cells k JOIN units u ON u.unit_id = k.unit_id
WHERE coalesce(u.territorial, true)
UNION ALL
SELECT m.unit_id, m.year, 'grassroots', NULL, NULL, m.org_rating
FROM submissions m JOIN units u ON u.unit_id = m.unit_id
WHERE NOT coalesce(u.territorial, true);

CREATE OR REPLACE VIEW rated_counts AS
SELECT s.unit_id, s.year,
       count(o.rating) FILTER (WHERE o.basis = 'own' AND o.rating IN ('HTXSNV', 'HTTNV')) AS org_good,
       count(o.rating) FILTER (WHERE o.basis = 'own') AS org_rated,
       count(o.rating) FILTER (WHERE o.basis = 'grassroots' AND o.rating IN ('HTXSNV', 'HTTNV')) AS grassroots_good,
       count(o.rating) FILTER (WHERE o.basis = 'grassroots') AS grassroots_rated
FROM submissions s
LEFT JOIN rated_organisations o USING (unit_id, year)
GROUP BY s.unit_id, s.year;

-- The facts of the format v2 indicators counted per party cell (docs/DATA_CONTRACT.md), one row per
-- (cell, indicator): what indicator_definition sums per unit and the page "Sinh hoạt chi bộ, kiểm tra,
-- kỷ luật" sums per cell type. A v2 field NULL ("chưa báo cáo": a v1 workbook, a blank cell, a
-- submission loaded before v2) leaves its cell (or secretary) out of numerator and denominator and
-- counts in `not_reported` instead: never read as 0.
-- - cell_regular_meetings: regular meetings are due monthly (Điều lệ Đảng), from the founding month
--   for a cell founded in the report year (the loader's rule: at most 13 − month);
-- - cell_inspection: at least one inspection (kiểm tra) carried out by the cell;
-- - member_discipline, admission_candidates: the cell's member row, over members at year end / start;
-- - secretary_dual_role: the cell's secretaries (Bí thư) holding a dual role (`Không` is none);
-- - private_enterprise_cells: the v1 kind `Doanh nghiệp` (and every cell of a v1 workbook) does not
--   say the ownership.
CREATE OR REPLACE VIEW cell_indicator_definition AS
WITH secretaries AS (
    SELECT c.unit_id, c.year, c.cell_code,
           count(*) FILTER (WHERE d.dual_role <> 'Không') AS dual_role,
           count(d.dual_role) AS reported,
           count(*) FILTER (WHERE d.dual_role IS NULL) AS unreported
    FROM cadres c
    LEFT JOIN cadre_dual_roles d ON d.unit_id = c.unit_id AND d.year = c.year AND d.row_no = c.row_no
    WHERE c.role = 'Bí thư'
    GROUP BY ALL
), cell AS (
    SELECT k.unit_id, k.year, k.cell_code, k.cell_type,
           l.regular_meetings >= CASE WHEN l.founded_year = k.year AND l.founded_month IS NOT NULL
                                      THEN 13 - l.founded_month ELSE 12 END AS meetings_full,
           l.thematic_meetings >= 1 AS thematic_held,
           l.inspections >= 1 AS inspecting,
           l.has_working_rules AS with_rules,
           CASE WHEN r.format_version >= 2 AND k.cell_type <> 'Doanh nghiệp'
                THEN k.cell_type = 'Doanh nghiệp tư nhân' END AS private_enterprise,
           l.disciplined, l.candidates_trained, m.start_count, m.end_count,
           coalesce(x.dual_role, 0) AS dual_role, coalesce(x.reported, 0) AS dual_role_reported,
           coalesce(x.unreported, 0) AS dual_role_unreported
    FROM cells k
    LEFT JOIN unit_reports r ON r.unit_id = k.unit_id AND r.year = k.year
    LEFT JOIN cell_life l ON l.unit_id = k.unit_id AND l.year = k.year AND l.cell_code = k.cell_code
    LEFT JOIN member_figures m ON m.unit_id = k.unit_id AND m.year = k.year AND m.cell_code = k.cell_code
    LEFT JOIN secretaries x ON x.unit_id = k.unit_id AND x.year = k.year AND x.cell_code = k.cell_code
)
SELECT unit_id, year, cell_code, cell_type, unnest([
    {'indicator': 'cell_regular_meetings', 'numerator': coalesce(meetings_full, false)::BIGINT,
     'denominator': (meetings_full IS NOT NULL)::BIGINT, 'not_reported': (meetings_full IS NULL)::BIGINT},
    {'indicator': 'cell_thematic_meetings', 'numerator': coalesce(thematic_held, false)::BIGINT,
     'denominator': (thematic_held IS NOT NULL)::BIGINT, 'not_reported': (thematic_held IS NULL)::BIGINT},
    {'indicator': 'cell_inspection', 'numerator': coalesce(inspecting, false)::BIGINT,
     'denominator': (inspecting IS NOT NULL)::BIGINT, 'not_reported': (inspecting IS NULL)::BIGINT},
    {'indicator': 'cell_working_rules', 'numerator': coalesce(with_rules, false)::BIGINT,
     'denominator': (with_rules IS NOT NULL)::BIGINT, 'not_reported': (with_rules IS NULL)::BIGINT},
    {'indicator': 'member_discipline', 'numerator': coalesce(disciplined, 0)::BIGINT,
     'denominator': CASE WHEN disciplined IS NOT NULL THEN coalesce(end_count, 0) ELSE 0 END::BIGINT,
     'not_reported': (disciplined IS NULL)::BIGINT},
    {'indicator': 'admission_candidates', 'numerator': coalesce(candidates_trained, 0)::BIGINT,
     'denominator': CASE WHEN candidates_trained IS NOT NULL THEN coalesce(start_count, 0) ELSE 0 END::BIGINT,
     'not_reported': (candidates_trained IS NULL)::BIGINT},
    {'indicator': 'secretary_dual_role', 'numerator': dual_role::BIGINT, 'denominator': dual_role_reported::BIGINT,
     'not_reported': dual_role_unreported::BIGINT},
    {'indicator': 'private_enterprise_cells', 'numerator': coalesce(private_enterprise, false)::BIGINT,
     'denominator': (private_enterprise IS NOT NULL)::BIGINT, 'not_reported': (private_enterprise IS NULL)::BIGINT}
], recursive := true)
FROM cell;

-- Every count the indicators need, one row per submission: each aggregate is computed once.
CREATE OR REPLACE VIEW indicator_counts AS
SELECT s.unit_id, s.year,
       k.org_good, k.org_rated, k.grassroots_good, k.grassroots_rated,
       m.rated_good_or_better, m.rated, m.admitted, m.start_count,
       c.cadres, c.thpt, c.members_only, c.members_only_thpt, c.secretaries, c.secretaries_thpt,
       c.so_cap_llct, c.thpt_and_so_cap_llct, c.trung_cap_chuyen_mon, c.trung_cap_llct,
       c.trained + coalesce(s.committee_trained, 0) AS trained_with_committee,
       c.cadres + coalesce(s.committee_members, 0) AS cadres_with_committee,
       CASE WHEN r.admission_quota IS NOT NULL THEN m.admitted ELSE 0 END AS admitted_against_quota,
       coalesce(r.admission_quota, 0) AS admission_quota,
       CASE WHEN r.admission_quota IS NULL THEN 1 ELSE 0 END AS quota_unreported,
       CASE WHEN r.four_good_unit THEN 1 ELSE 0 END AS four_good_unit,
       CASE WHEN r.four_good_unit IS NOT NULL THEN 1 ELSE 0 END AS four_good_reported,
       CASE WHEN r.four_good_unit IS NULL THEN 1 ELSE 0 END AS four_good_unreported
FROM submissions s
JOIN member_totals m USING (unit_id, year)
JOIN cadre_counts c USING (unit_id, year)
JOIN rated_counts k USING (unit_id, year)
LEFT JOIN unit_reports r ON r.unit_id = s.unit_id AND r.year = s.year;

-- The definition of every fact an indicator reads: one row per (unit, year, fact). Rates are
-- sum(numerator) / sum(denominator) over whatever units and years are selected; `not_reported`
-- counts what a v2 fact left out as "chưa báo cáo" (units here, cells or secretaries in
-- cell_indicator_definition, which this sums per unit), 0 for the facts of format v1. T1 reads `T1_org_rating`
-- (the unit's own organisation) or `T1_cell_rating` (the grassroots organisations under it:
-- `rated_organisations`), per period as data/programme.toml says: both are stored, the choice is made when reading.
CREATE OR REPLACE VIEW indicator_definition AS
SELECT unit_id, year, unnest([
    {'indicator': 'T1_org_rating', 'numerator': org_good, 'denominator': org_rated, 'not_reported': 0},
    {'indicator': 'T1_cell_rating', 'numerator': grassroots_good, 'denominator': grassroots_rated, 'not_reported': 0},
    {'indicator': 'T2_member_rating', 'numerator': rated_good_or_better, 'denominator': rated, 'not_reported': 0},
    {'indicator': 'T3_admission_rate', 'numerator': admitted, 'denominator': start_count, 'not_reported': 0},
    {'indicator': 'T4_thpt', 'numerator': thpt, 'denominator': cadres, 'not_reported': 0},
    {'indicator': 'T4_thpt_chi_uy_vien', 'numerator': members_only_thpt, 'denominator': members_only, 'not_reported': 0},
    {'indicator': 'T4_thpt_bi_thu_pho_bi_thu', 'numerator': secretaries_thpt, 'denominator': secretaries,
     'not_reported': 0},
    {'indicator': 'T4_so_cap_llct', 'numerator': so_cap_llct, 'denominator': cadres, 'not_reported': 0},
    {'indicator': 'T4_thpt_and_so_cap_llct', 'numerator': thpt_and_so_cap_llct, 'denominator': cadres,
     'not_reported': 0},
    {'indicator': 'T5_trung_cap_chuyen_mon', 'numerator': trung_cap_chuyen_mon, 'denominator': cadres,
     'not_reported': 0},
    {'indicator': 'T6_trung_cap_llct', 'numerator': trung_cap_llct, 'denominator': cadres, 'not_reported': 0},
    {'indicator': 'T7_training', 'numerator': trained_with_committee, 'denominator': cadres_with_committee,
     'not_reported': 0},
    {'indicator': 'T3_admission_quota', 'numerator': admitted_against_quota, 'denominator': admission_quota,
     'not_reported': quota_unreported},
    {'indicator': 'unit_four_good', 'numerator': four_good_unit, 'denominator': four_good_reported,
     'not_reported': four_good_unreported}
], recursive := true)
FROM indicator_counts
UNION ALL
SELECT unit_id, year, indicator, sum(numerator)::BIGINT, sum(denominator)::BIGINT, sum(not_reported)::BIGINT
FROM cell_indicator_definition
GROUP BY unit_id, year, indicator;

-- `indicator_definition` stored per (unit, year), so that pages and exports sum a table instead
-- of deriving every indicator from every cadre on each query (seconds at national scale). The
-- loader refreshes the pairs it writes in the same transaction; installing these views
-- refreshes every pair (etl.facts). Read it as `indicator_facts`.
CREATE TABLE IF NOT EXISTS indicator_facts_store (
    unit_id      VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    indicator    VARCHAR NOT NULL,
    numerator    BIGINT NOT NULL,
    denominator  BIGINT NOT NULL,
    not_reported BIGINT NOT NULL DEFAULT 0
);
ALTER TABLE indicator_facts_store ADD COLUMN IF NOT EXISTS not_reported BIGINT DEFAULT 0;  -- a store made before

CREATE OR REPLACE VIEW indicator_facts AS
SELECT unit_id, year, indicator, numerator, denominator, not_reported FROM indicator_facts_store;

-- The units a reader may see (scoped_units), each with the display unit it is counted under as of
-- year `as_of_`: a unit that had ended by then (merged on 1 July 2025) is counted under its
-- successor's display unit, so a series up to `as_of_` never restarts at the merger. `as_of_`
-- NULL: every unit under its own display unit. Not under a successor the reader may see only part of
-- (a `partly:` mark of queries.scope.partly_shown): their unit keeps its own display unit.
CREATE OR REPLACE MACRO lineage_units(boundary_, allowed_, as_of_) AS TABLE
SELECT own.unit_id, d.display_id, d.display_code, d.display_kind, d.display_name, d.display_label, d.display_rank
FROM scoped_units(boundary_, allowed_) own
JOIN units u ON u.unit_id = own.unit_id
JOIN unit_scope d ON d.boundary = own.boundary
 AND d.unit_id = CASE WHEN as_of_ IS NOT NULL AND u.valid_to < as_of_ AND u.successor_id IS NOT NULL
                           AND NOT (allowed_ IS NOT NULL AND list_contains(allowed_, 'partly:' || u.successor_id))
                      THEN u.successor_id ELSE u.unit_id END;

-- The units of the display units the filter selected (`units_`: a list of display ids, NULL = every
-- one) that a reader may see (lineage_units): how every named query that takes the unit filter
-- reads units. `as_of_` NULL (the default): each unit under its own display unit.
CREATE OR REPLACE MACRO selected_units(boundary_, allowed_, units_, as_of_ := NULL) AS TABLE
SELECT * FROM lineage_units(boundary_, allowed_, as_of_)
WHERE units_ IS NULL OR list_contains(units_, display_id);

-- Counts by level per display unit and, as the row with display_id NULL, over them together: each unit
-- lists every level of `levels_` (ranks 0, 1, …; 0 where nothing holds it) with its share of the unit's
-- count. `items_` names a table or CTE of the caller with display_id, display_rank, display_code,
-- display_label, item (what is counted; NULL: the unit has nothing to count, and is left out) and rank:
-- village-cell cadres by level (cadre_levels.sql), party cells by rating (cell_ratings.sql).
CREATE OR REPLACE MACRO level_counts(items_, levels_) AS TABLE
WITH items AS (
    SELECT display_id, display_rank, display_code, display_label, item, rank FROM query_table(items_)
), levels AS (
    SELECT i - 1 AS rank, levels_[i] AS level FROM range(1, len(levels_) + 1) AS t(i)
), counted_units AS (
    SELECT DISTINCT display_id, display_rank, display_code, display_label FROM items WHERE item IS NOT NULL
    UNION ALL
    SELECT NULL, NULL, NULL, NULL WHERE EXISTS (SELECT 1 FROM items WHERE item IS NOT NULL)
), tallied AS (  -- per unit and rank, and (display_id NULL) per rank over all: one hash aggregate
    SELECT display_id, rank, count(item) AS counted FROM items GROUP BY GROUPING SETS ((display_id, rank), (rank))
), counted AS (
    SELECT u.display_id, u.display_rank, u.display_code, u.display_label, l.rank, l.level,
           coalesce(t.counted, 0) AS counted
    FROM counted_units u
    CROSS JOIN levels l
    LEFT JOIN tallied t ON t.display_id IS NOT DISTINCT FROM u.display_id AND t.rank = l.rank
)
SELECT display_id, display_rank, display_code, display_label, rank, level, counted::BIGINT AS counted,
       counted / nullif(sum(counted) OVER (PARTITION BY display_id), 0) AS share
FROM counted;

-- The facts of the indicators of `sources_` (data/programme.toml: per indicator, the fact it reads
-- in each period and the period's first year, `basis`) for the units a reader may see, the
-- selected display units (units_ NULL: all, as of `as_of_`) and years: what the indicator queries sum.
CREATE OR REPLACE MACRO selected_facts(boundary_, allowed_, units_, year_from_, year_to_, sources_, as_of_) AS TABLE
WITH sources AS (SELECT unnest(sources_, recursive := true))
SELECT s.display_id, s.display_code, s.display_kind, s.display_name, s.display_label, s.display_rank, f.year,
       src.code AS indicator, src.basis, f.numerator, f.denominator, f.not_reported
FROM indicator_facts f
JOIN sources src ON src.fact = f.indicator AND f.year BETWEEN src.year_from AND src.year_to
JOIN selected_units(boundary_, allowed_, units_, as_of_ := as_of_) s ON s.unit_id = f.unit_id
WHERE f.year BETWEEN year_from_ AND year_to_;
