-- The extract input of the postings named in batch_keys(source, native_id).
SELECT r.source, r.native_id, r.title, r.company, r.location, r.description, r.salary, r.level,
       strftime(r.posted_at, '%Y-%m-%dT%H:%M:%SZ') AS posted_at, r.remote, r.content_hash
FROM raw_postings AS r
JOIN batch_keys AS k USING (source, native_id)
