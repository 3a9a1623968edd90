-- The first schema. Applied once, in a transaction, and recorded in schema_migrations.

CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- One row per crawl run of one source (a run over several sources writes several rows).
CREATE TABLE crawl_runs (
    run_id        VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    started_at    TIMESTAMP,
    finished_at   TIMESTAMP,
    pages         INTEGER,
    postings      INTEGER,
    errors        INTEGER,
    error_reasons JSON,          -- {"http_429": 2, "bad_json": 1, ...}
    feed_path     VARCHAR,
    status        VARCHAR,       -- finished | stopped (circuit breaker) | killed
    PRIMARY KEY (run_id, source)
);

-- One row per (source, native id): the posting as the source gave it.
CREATE TABLE raw_postings (
    source      VARCHAR NOT NULL,
    native_id   VARCHAR NOT NULL,
    board       VARCHAR,
    url         VARCHAR,
    title       VARCHAR,
    company     VARCHAR,
    location    VARCHAR,
    remote      BOOLEAN,
    posted_at   TIMESTAMP,
    description VARCHAR,         -- as given (HTML)
    salary      JSON,            -- the source's own salary fields
    level       VARCHAR,
    raw         JSON,            -- the whole object
    content_hash VARCHAR,        -- changes when the posting changes
    first_seen  TIMESTAMP NOT NULL,
    last_seen   TIMESTAMP NOT NULL,
    closed_at   TIMESTAMP,       -- set when a later full crawl of its board no longer sees it
    run_id      VARCHAR,         -- the last run that saw it
    PRIMARY KEY (source, native_id)
);

-- Derived facts, one row per raw posting; rebuilt by `mljobs rebuild`.
CREATE TABLE facts (
    source          VARCHAR NOT NULL,
    native_id       VARCHAR NOT NULL,
    is_ml           BOOLEAN NOT NULL,
    role            VARCHAR,
    seniority       VARCHAR,
    salary_min      DOUBLE,
    salary_max      DOUBLE,
    salary_currency VARCHAR,
    salary_period   VARCHAR,
    annual_min_usd  DOUBLE,
    annual_max_usd  DOUBLE,
    salary_source   VARCHAR,     -- structured | text
    salary_flag     VARCHAR,     -- why a salary looks implausible, else NULL
    remote          BOOLEAN,
    country         VARCHAR,     -- ISO-2 when known
    years_experience INTEGER,
    posted_month    DATE,        -- first day of the month the posting is dated to
    description_text VARCHAR,    -- clean text
    cluster_id      VARCHAR,     -- same job across sources
    is_canonical    BOOLEAN NOT NULL DEFAULT TRUE,
    extracted_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (source, native_id)
);

-- Skills as rows for easy grouping.
CREATE TABLE posting_skills (
    source    VARCHAR NOT NULL,
    native_id VARCHAR NOT NULL,
    skill     VARCHAR NOT NULL,
    PRIMARY KEY (source, native_id, skill)
);

-- Vocabulary mirrored from pipeline/vocab/skills.toml on every rebuild.
CREATE TABLE vocab_skills (
    name     VARCHAR PRIMARY KEY,
    category VARCHAR NOT NULL,
    in_guide BOOLEAN NOT NULL,
    aliases  VARCHAR[]
);
