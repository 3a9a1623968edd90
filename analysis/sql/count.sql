-- Is there anything to report? Postings stored at all, and those passing the filters (all and ML).
SELECT
    (SELECT count(*) FROM facts) AS stored,
    count(*) AS postings,
    count(*) FILTER (WHERE is_ml) AS ml_postings
FROM postings($since, $until, $source, $role, $country, $remote)
