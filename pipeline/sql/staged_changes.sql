-- How the staged postings relate to what is stored: new, changed content, re-seen after being closed.
SELECT
    count(*) FILTER (WHERE t.source IS NULL) AS new,
    count(*) FILTER (WHERE t.content_hash <> s.content_hash AND s.fetched_at >= t.last_seen) AS changed,
    count(*) FILTER (WHERE t.closed_at IS NOT NULL AND s.fetched_at > t.closed_at) AS reopened
FROM (SELECT * FROM staged JOIN newest ON staged.rowid = newest.row_id) AS s
LEFT JOIN raw_postings AS t USING (source, native_id)
