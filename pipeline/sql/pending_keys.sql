-- Postings whose facts are missing or were derived from other content (or cleared by a rebuild).
SELECT r.source, r.native_id
FROM raw_postings AS r
LEFT JOIN facts AS f USING (source, native_id)
WHERE f.content_hash IS DISTINCT FROM r.content_hash
