-- Tables written by the loader (etl.store). One row per thing the contract names.
-- No PRIMARY KEYs: the loader checks uniqueness, and a replacement deletes and re-inserts
-- the same keys in one transaction.

CREATE TABLE units (
    unit_id      VARCHAR NOT NULL,   -- code + '-' + first valid year: codes are reused
    code         VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,   -- Phường / Xã
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
    committee_members INTEGER,
    committee_trained INTEGER,
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
    start_count         INTEGER NOT NULL,
    admitted            INTEGER NOT NULL,
    admitted_students   INTEGER NOT NULL,
    admitted_workers    INTEGER NOT NULL,
    admitted_owners     INTEGER NOT NULL,
    transferred_in      INTEGER NOT NULL,
    transferred_out     INTEGER NOT NULL,
    died                INTEGER NOT NULL,
    struck_off          INTEGER NOT NULL,
    expelled            INTEGER NOT NULL,
    resigned            INTEGER NOT NULL,
    end_count           INTEGER NOT NULL,
    exempted            INTEGER NOT NULL,
    working_away        INTEGER NOT NULL,
    rated_excellent     INTEGER NOT NULL,
    rated_good          INTEGER NOT NULL,
    rated_fulfilled     INTEGER NOT NULL,
    rated_not_fulfilled INTEGER NOT NULL,
    unrated             INTEGER NOT NULL
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
    cells      INTEGER NOT NULL,
    members    INTEGER NOT NULL,  -- members at year end
    cadres     INTEGER NOT NULL,
    warnings   INTEGER NOT NULL
);

CREATE TABLE meta (key VARCHAR NOT NULL, value VARCHAR);
