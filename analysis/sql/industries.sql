-- ML postings per industry (pipeline.industry.extract; NULL = nothing said), with all ML postings beside.
WITH p AS (SELECT industry FROM postings($since, $until, $source, $role, $country, $remote) WHERE is_ml)
SELECT coalesce(industry, 'unknown') AS industry, count(*) AS postings, (SELECT count(*) FROM p) AS ml_postings
FROM p
GROUP BY ALL
ORDER BY postings DESC, industry
