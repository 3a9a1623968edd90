-- What each of the latest runs (crawls and imports) changed: postings first seen, changed or closed between its
-- start and the next run's start; newest first, $limit runs.
WITH runs AS (
    SELECT run_id, min(started_at) AS started_at, string_agg(DISTINCT source, ', ' ORDER BY source) AS sources
    FROM crawl_runs
    WHERE started_at IS NOT NULL
    GROUP BY run_id
),
windows AS (
    SELECT run_id, sources, started_at,
           coalesce(lead(started_at) OVER (ORDER BY started_at, run_id), TIMESTAMP '9999-12-31') AS until
    FROM runs
)
SELECT w.run_id, w.started_at, w.sources,
       count(*) FILTER (WHERE p.first_seen >= w.started_at AND p.first_seen < w.until) AS new,
       count(*) FILTER (WHERE p.changed_at >= w.started_at AND p.changed_at < w.until
                        AND p.first_seen < w.started_at) AS changed,
       count(*) FILTER (WHERE p.closed_at >= w.started_at AND p.closed_at < w.until) AS closed
FROM windows AS w
LEFT JOIN raw_postings AS p
  ON (p.first_seen >= w.started_at AND p.first_seen < w.until)
  OR (p.changed_at >= w.started_at AND p.changed_at < w.until)
  OR (p.closed_at >= w.started_at AND p.closed_at < w.until)
GROUP BY ALL
ORDER BY w.started_at DESC, w.run_id DESC
LIMIT $limit
