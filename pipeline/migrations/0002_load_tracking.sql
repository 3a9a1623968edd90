-- What the loader has read of each raw feed, so every load picks up exactly what is new.

CREATE TABLE feed_loads (
    feed        VARCHAR PRIMARY KEY, -- file name in <data_dir>/feeds/, e.g. "run-2026-11-20.jsonl"
    offset_bytes BIGINT NOT NULL,    -- end of the last complete line loaded; the next load starts here
    size_seen   BIGINT NOT NULL,     -- file size at the last look (an unchanged open feed is skipped)
    lines       INTEGER NOT NULL,    -- complete lines read so far
    postings    INTEGER NOT NULL,    -- lines that became raw_postings rows
    bad_lines   JSON,                -- [{"line": 17, "reason": "bad_json"}, ...] (first 1000)
    finished    BOOLEAN NOT NULL,    -- its .run.json was applied: the feed is never read again
    loaded_at   TIMESTAMP NOT NULL
);

-- The raw content_hash the facts were derived from: facts are stale when it differs from the raw row's.
ALTER TABLE facts ADD COLUMN content_hash VARCHAR;
