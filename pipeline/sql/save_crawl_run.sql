INSERT OR REPLACE INTO crawl_runs
    (run_id, source, started_at, finished_at, pages, postings, errors, error_reasons, feed_path, status)
VALUES
    ($run_id, $source,
     try_cast($started_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC', try_cast($finished_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC',
     $pages, $postings, $errors, $error_reasons, $feed_path, $status)
