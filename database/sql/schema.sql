-- Tables written by the loader (etl.store). One row per thing the contract names.
-- No PRIMARY KEYs: the loader checks uniqueness, and a replacement deletes and re-inserts
-- the same keys in one transaction. Counts are BIGINT: a figure is bounded by the checks
-- (etl.plausible), never by the storage.

CREATE TABLE units (
    unit_id      VARCHAR NOT NULL,   -- code + '-' + first valid year: codes are reused
    code         VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,   -- Phường / Xã / Thị trấn, or an organisation's kind (contract.UNIT_KINDS)
    valid_from   INTEGER NOT NULL,
    valid_to     INTEGER,
    successor_id VARCHAR
);

CREATE TABLE submissions (
    unit_id           VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    file_name         VARCHAR NOT NULL,
    file_hash         VARCHAR NOT NULL,
    loaded_at         TIMESTAMP NOT NULL,
    loaded_by         VARCHAR,
    is_sample         BOOLEAN NOT NULL,
    org_rating        VARCHAR,
    committee_members BIGINT,
    committee_trained BIGINT,
    prepared_by       VARCHAR,
    prepared_on       VARCHAR
);

CREATE TABLE cells (
    unit_id   VARCHAR NOT NULL,
    year      INTEGER NOT NULL,
    cell_code VARCHAR NOT NULL,
    cell_name VARCHAR NOT NULL,
    cell_type VARCHAR NOT NULL,
    rating    VARCHAR,
    four_good BOOLEAN NOT NULL
);

CREATE TABLE member_figures (
    unit_id             VARCHAR NOT NULL,
    year                INTEGER NOT NULL,
    cell_code           VARCHAR NOT NULL,
    start_count         BIGINT  NOT NULL,
    admitted            BIGINT  NOT NULL,
    admitted_students   BIGINT  NOT NULL,
    admitted_workers    BIGINT  NOT NULL,
    admitted_owners     BIGINT  NOT NULL,
    transferred_in      BIGINT  NOT NULL,
    transferred_out     BIGINT  NOT NULL,
    died                BIGINT  NOT NULL,
    struck_off          BIGINT  NOT NULL,
    expelled            BIGINT  NOT NULL,
    resigned            BIGINT  NOT NULL,
    end_count           BIGINT  NOT NULL,
    exempted            BIGINT  NOT NULL,
    working_away        BIGINT  NOT NULL,
    rated_excellent     BIGINT  NOT NULL,
    rated_good          BIGINT  NOT NULL,
    rated_fulfilled     BIGINT  NOT NULL,
    rated_not_fulfilled BIGINT  NOT NULL,
    unrated             BIGINT  NOT NULL
);

CREATE TABLE cadres (
    unit_id           VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    row_no            INTEGER NOT NULL,  -- Excel row in the submitted sheet
    full_name         VARCHAR NOT NULL,
    birth_year        INTEGER,
    gender            VARCHAR,
    cell_code         VARCHAR NOT NULL,
    role              VARCHAR NOT NULL,  -- Bí thư / Phó Bí thư / Chi ủy viên
    education         VARCHAR NOT NULL,  -- as written (dates read back as 12/12)
    has_thpt          BOOLEAN NOT NULL,
    professional      VARCHAR NOT NULL,
    professional_rank INTEGER NOT NULL,  -- index in contract.PROFESSIONAL_LEVELS
    political         VARCHAR NOT NULL,
    political_rank    INTEGER NOT NULL,  -- index in contract.POLITICAL_LEVELS
    trained           BOOLEAN NOT NULL
);

CREATE TABLE load_history (
    load_id    BIGINT NOT NULL,
    loaded_at  TIMESTAMP NOT NULL,
    loaded_by  VARCHAR,
    file_name  VARCHAR NOT NULL,
    file_hash  VARCHAR NOT NULL,
    unit_id    VARCHAR NOT NULL,
    year       INTEGER NOT NULL,
    outcome    VARCHAR NOT NULL,  -- 'nạp mới' / 'thay thế'
    cells      BIGINT  NOT NULL,
    members    BIGINT  NOT NULL,  -- members at year end
    cadres     BIGINT  NOT NULL,
    warnings   BIGINT  NOT NULL
);

CREATE TABLE meta (key VARCHAR NOT NULL, value VARCHAR);

-- @upgrade: format v2 of the workbook (docs/DATA_CONTRACT.md). Everything from the line above
-- on is run again on every write session (etl.store.upgrade_schema), so a database made before
-- these tables gets them: IF NOT EXISTS only. One row per row of the v1 table named; NULL is
-- "chưa báo cáo" (a v1 workbook, or a blank cell), never 0, so indicators leave it out.

-- The unit reference's columns added with the organisations of the town (etl.units.Unit, written
-- from data/units.csv on every write session by etl.store.store_units): the label every screen and
-- file reads (`Phường Phổ Hòa`, an organisation's name as written), the order of kinds, and the
-- ward or commune party committee an organisation sits under from 1 July 2025.
ALTER TABLE units ADD COLUMN IF NOT EXISTS full_name VARCHAR;
ALTER TABLE units ADD COLUMN IF NOT EXISTS kind_rank INTEGER;
ALTER TABLE units ADD COLUMN IF NOT EXISTS territorial BOOLEAN;
ALTER TABLE units ADD COLUMN IF NOT EXISTS parent_id VARCHAR;

-- Per submission (`Thông tin`).
CREATE TABLE IF NOT EXISTS unit_reports (
    unit_id         VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    format_version  INTEGER NOT NULL,  -- 1: no v2 key or column in the workbook; 2: any
    admission_quota BIGINT,            -- Chỉ tiêu kết nạp được giao
    four_good_unit  BOOLEAN            -- Đảng bộ cơ sở bốn tốt
);

-- Per cell (`Chi bộ` and the v2 columns of `Đảng viên`), joined to cells on (unit_id, year, cell_code).
CREATE TABLE IF NOT EXISTS cell_life (
    unit_id                VARCHAR NOT NULL,
    year                   INTEGER NOT NULL,
    cell_code              VARCHAR NOT NULL,
    founded_year           INTEGER,   -- Năm thành lập
    founded_month          INTEGER,   -- Tháng thành lập (1–12)
    regular_meetings       BIGINT,    -- Sinh hoạt thường kỳ held in the year (≤ 12, fewer if founded this year)
    thematic_meetings      BIGINT,    -- Sinh hoạt chuyên đề held
    inspections            BIGINT,    -- Cuộc kiểm tra carried out by the cell
    supervisions           BIGINT,    -- Cuộc giám sát carried out by the cell
    has_working_rules      BOOLEAN,   -- Quy chế làm việc
    rules_revised_year     INTEGER,   -- Năm sửa đổi quy chế (the year last adopted or revised)
    reprimanded            BIGINT,    -- Khiển trách
    warned                 BIGINT,    -- Cảnh cáo
    removed_from_post      BIGINT,    -- Cách chức
    expelled_by_discipline BIGINT,    -- Kỷ luật khai trừ (= member_figures.expelled when reported)
    disciplined            BIGINT,    -- Bị kỷ luật: the four forms added
    candidates_trained     BIGINT     -- Đối tượng được bồi dưỡng (admission candidates trained)
);

-- Per cadre (`Cán bộ chi bộ`), joined to cadres on (unit_id, year, row_no).
CREATE TABLE IF NOT EXISTS cadre_dual_roles (
    unit_id   VARCHAR NOT NULL,
    year      INTEGER NOT NULL,
    row_no    INTEGER NOT NULL,
    dual_role VARCHAR              -- Kiêm nhiệm: contract.DUAL_ROLES ('Không' = none)
);

-- Which (unit, year) pairs each refresh of the stored indicator facts changed (etl.facts): the
-- frames stored for the pages (queries/precomputed.py, queries/precompute.py) are kept per generation,
-- the highest one here, and brought to a new one by redoing only what its pairs change. A row
-- without a unit: every fact anew (views installed, or tables changed by hand).
CREATE TABLE IF NOT EXISTS fact_changes (
    generation INTEGER NOT NULL,
    unit_id    VARCHAR,
    year       INTEGER
);
