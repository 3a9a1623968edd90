-- The pay distributions the verdicts need, as histograms (annual USD rounded to $100, count): enough for an
-- exact-enough bootstrap of a median, however many rows there are. Per kind (job postings and survey
-- answers apart) and dimension: 'level', 'role' and 'industry' over the guide's market (rows in country
-- $market with pay stated per year in $currency), 'country' over every country (pay converted to USD).
WITH p AS (
    SELECT kind, coalesce(seniority, 'unknown') AS level, coalesce(role, 'unclassified') AS role,
           coalesce(industry, 'unknown') AS industry, coalesce(country, 'unknown') AS country,
           coalesce(country = $market, false) AND salary_currency = $currency AND salary_period = 'year' AS in_market,
           round(pay_usd / 100) * 100 AS pay_usd
    FROM rows($since, $until, $source, $role, $country, $remote)
    WHERE is_ml AND pay_usd IS NOT NULL
)
SELECT kind, 'level' AS dimension, level AS "group", pay_usd, count(*) AS postings FROM p WHERE in_market GROUP BY ALL
UNION ALL
SELECT kind, 'role', role, pay_usd, count(*) FROM p WHERE in_market GROUP BY ALL
UNION ALL
SELECT kind, 'industry', industry, pay_usd, count(*) FROM p WHERE in_market GROUP BY ALL
UNION ALL
SELECT kind, 'country', country, pay_usd, count(*) FROM p GROUP BY ALL
ORDER BY kind, dimension, "group", pay_usd
