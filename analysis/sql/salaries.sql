-- Pay of ML rows, job postings and salary-survey answers kept apart (kind). Within the guide's market —
-- rows in country $market with pay stated per year in $currency, the only pay a band in that currency for
-- that market can judge — overall, by seniority level (with how many fall inside the guide's band for the
-- level, $bands: [{level, low, high}], high NULL = open), by role and by year. Every country in its own row
-- (annual pay converted to USD, never held against the bands), and every source. `postings` counts the
-- group's ML rows, `disclosed` those with usable pay, `flagged` those whose pay looked implausible.
WITH p AS (
    SELECT kind,
           coalesce(seniority, 'unknown') AS level,
           coalesce(role, 'unclassified') AS role,
           coalesce(pay_year::VARCHAR, 'undated') AS year,
           coalesce(country, 'unknown') AS country,
           source,
           pay_usd,
           salary_flag IS NOT NULL AS flagged,
           coalesce(country = $market, false) AS in_market,
           CASE WHEN salary_currency = $currency AND salary_period = 'year' THEN pay_usd END AS market_pay
    FROM rows($since, $until, $source, $role, $country, $remote)
    WHERE is_ml
),
-- each row once per dimension it is counted in, with the pay that dimension reads: the market's own for the
-- market's dimensions, any pay converted to USD for country and source
grouped_rows AS (
    SELECT p.kind, d.dimension, d."group", d.pay, p.flagged
    FROM p, (VALUES ('all', 'all ML', p.market_pay, p.in_market), ('level', p.level, p.market_pay, p.in_market),
                    ('role', p.role, p.market_pay, p.in_market), ('year', p.year, p.market_pay, p.in_market),
                    ('country', p.country, p.pay_usd, true), ('source', p.source, p.pay_usd, true))
             AS d(dimension, "group", pay, counted)
    WHERE d.counted
),
grouped AS (
    SELECT kind, dimension, "group",
           count(*) AS postings,
           count(pay) AS disclosed,
           count(*) FILTER (WHERE flagged) AS flagged,
           quantile_cont(pay, 0.25) AS p25,
           median(pay) AS median,
           quantile_cont(pay, 0.75) AS p75
    FROM grouped_rows
    GROUP BY ALL
),
bands AS (SELECT b.level, b.low, b.high FROM unnest($bands) AS t(b)),
in_band AS (
    SELECT p.kind, p.level, count(*) AS in_band
    FROM p JOIN bands AS b ON b.level = p.level
    WHERE p.in_market AND p.market_pay >= b.low AND (b.high IS NULL OR p.market_pay <= b.high)
    GROUP BY ALL
)
SELECT g.*, b.low AS band_low, b.high AS band_high, coalesce(i.in_band, 0) AS in_band
FROM grouped AS g
LEFT JOIN bands AS b ON g.dimension = 'level' AND b.level = g."group"
LEFT JOIN in_band AS i ON g.dimension = 'level' AND i.kind = g.kind AND i.level = g."group"
ORDER BY
    g.kind,
    CASE g.dimension WHEN 'all' THEN 0 WHEN 'level' THEN 1 WHEN 'role' THEN 2 WHEN 'year' THEN 3
                     WHEN 'country' THEN 4 ELSE 5 END,
    CASE g."group" WHEN 'entry' THEN 0 WHEN 'mid' THEN 1 WHEN 'senior' THEN 2 ELSE 3 END,
    CASE WHEN g.dimension = 'year' THEN g."group" END DESC,
    g.postings DESC, g."group"
