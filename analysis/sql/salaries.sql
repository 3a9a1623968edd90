-- Pay of ML postings by seniority level, role and source (and overall): how many postings, how many
-- disclose usable pay, how many were flagged implausible, quartiles of annual USD pay, and how many
-- fall inside the guide's band for their level ($bands: [{level, low, high}], high NULL = open).
WITH p AS (
    SELECT coalesce(seniority, 'unknown') AS level,
           coalesce(role, 'unclassified') AS role,
           source,
           pay_usd,
           salary_flag IS NOT NULL AS flagged
    FROM postings($since, $until, $source, $role, $country, $remote)
    WHERE is_ml
),
bands AS (SELECT b.level, b.low, b.high FROM unnest($bands) AS t(b)),
grouped AS (
    SELECT
        CASE WHEN grouping(level) = 0 THEN 'level'
             WHEN grouping(role) = 0 THEN 'role'
             WHEN grouping(source) = 0 THEN 'source'
             ELSE 'all' END AS dimension,
        coalesce(level, role, source, 'all ML') AS "group",
        count(*) AS postings,
        count(pay_usd) AS disclosed,
        count(*) FILTER (WHERE flagged) AS flagged,
        quantile_cont(pay_usd, 0.25) AS p25,
        median(pay_usd) AS median,
        quantile_cont(pay_usd, 0.75) AS p75
    FROM p
    GROUP BY GROUPING SETS ((level), (role), (source), ())
),
in_band AS (
    SELECT p.level, count(*) AS in_band
    FROM p JOIN bands AS b ON b.level = p.level
    WHERE p.pay_usd >= b.low AND (b.high IS NULL OR p.pay_usd <= b.high)
    GROUP BY p.level
)
SELECT g.*, b.low AS band_low, b.high AS band_high, coalesce(i.in_band, 0) AS in_band
FROM grouped AS g
LEFT JOIN bands AS b ON g.dimension = 'level' AND b.level = g."group"
LEFT JOIN in_band AS i ON g.dimension = 'level' AND i.level = g."group"
ORDER BY
    CASE g.dimension WHEN 'all' THEN 0 WHEN 'level' THEN 1 WHEN 'role' THEN 2 ELSE 3 END,
    CASE g."group" WHEN 'entry' THEN 0 WHEN 'mid' THEN 1 WHEN 'senior' THEN 2 ELSE 3 END,
    g.postings DESC, g."group"
