-- Upsert the staged postings: one row per (source, native_id); the newest sighting's content wins, first/last
-- seen widen, changed_at marks a new content_hash, and a posting seen again after it was closed re-opens.
-- Re-loading the same lines changes nothing.
MERGE INTO raw_postings AS t
USING (SELECT * FROM staged JOIN newest ON staged.rowid = newest.row_id) AS s
ON t.source = s.source AND t.native_id = s.native_id
WHEN MATCHED AND s.fetched_at >= t.last_seen THEN UPDATE SET
    board = s.board, url = s.url, title = s.title, company = s.company, location = s.location,
    remote = s.remote, posted_at = s.posted_at, description = s.description, salary = s.salary,
    level = s.level, raw = s.raw, content_hash = s.content_hash, run_id = s.run_id,
    changed_at = CASE WHEN t.content_hash IS DISTINCT FROM s.content_hash THEN s.fetched_at ELSE t.changed_at END,
    first_seen = least(t.first_seen, s.first_seen),
    last_seen = s.fetched_at,
    closed_at = CASE WHEN s.fetched_at > t.closed_at THEN NULL ELSE t.closed_at END
WHEN MATCHED THEN UPDATE SET
    first_seen = least(t.first_seen, s.first_seen)
WHEN NOT MATCHED THEN INSERT
    (source, native_id, board, url, title, company, location, remote, posted_at, description, salary, level,
     raw, content_hash, first_seen, last_seen, closed_at, run_id)
VALUES
    (s.source, s.native_id, s.board, s.url, s.title, s.company, s.location, s.remote, s.posted_at,
     s.description, s.salary, s.level, s.raw, s.content_hash, s.first_seen, s.fetched_at, NULL, s.run_id)
