-- ML postings per role, with the totals a share needs: every filtered posting, and the ML ones.
WITH p AS (SELECT is_ml, role FROM postings($since, $until, $source, $role, $country, $remote))
SELECT
    coalesce(role, 'unclassified') AS role,
    count(*) AS postings,
    (SELECT count(*) FROM p WHERE is_ml) AS ml_postings,
    (SELECT count(*) FROM p) AS all_postings
FROM p
WHERE is_ml
GROUP BY ALL
ORDER BY postings DESC, role
