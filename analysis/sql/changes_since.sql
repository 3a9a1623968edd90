-- Every posting new, changed or closed since $since (the start of the latest run, for --since-last): one row
-- per posting and change, newest first.
SELECT CASE WHEN p.closed_at >= $since THEN 'closed'
            WHEN p.first_seen >= $since THEN 'new'
            ELSE 'changed' END AS change,
       p.source, p.native_id, p.company, p.title, p.url,
       greatest(p.first_seen, p.changed_at, p.closed_at) AS happened_at,
       f.is_ml, f.role
FROM raw_postings AS p
LEFT JOIN facts AS f USING (source, native_id)
WHERE p.first_seen >= $since OR p.changed_at >= $since OR p.closed_at >= $since
ORDER BY happened_at DESC, p.source, p.native_id
