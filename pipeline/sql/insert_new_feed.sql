-- A finished feed whose postings are all new, inserted straight from the typed lines (no staged copy):
-- the common first load of a crawl. Raises — and the loader rolls back and stages the feed instead — when
-- a line has a problem (error() below), a posting is listed twice or is already stored (primary key).
-- Returns the number of rows inserted.
INSERT INTO raw_postings
    (source, native_id, board, url, title, company, location, remote, posted_at, description, salary, level,
     raw, content_hash, first_seen, last_seen, closed_at, run_id)
SELECT source, native_id, board, url, title, company, location, remote, posted_at, description, salary, level,
       raw, content_hash, fetched_at, fetched_at, NULL, run_id
FROM typed_lines
WHERE CASE WHEN reason IS NULL AND warning IS NULL THEN TRUE ELSE error('a feed line has a problem') END
