-- Crawl history, newest first: one row per run and source with its counts, error reasons and status.
SELECT run_id, source, started_at, finished_at, pages, postings, errors, error_reasons, status
FROM crawl_runs
ORDER BY started_at DESC NULLS LAST, run_id DESC, source
LIMIT $limit
