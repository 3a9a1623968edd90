-- The years the market's ML pay is dated to, per kind (job postings, survey answers) and level: what a band
-- verdict's evidence covers.
SELECT kind, coalesce(seniority, 'unknown') AS level, min(pay_year) AS first, max(pay_year) AS last
FROM rows($since, $until, $source, $role, $country, $remote)
WHERE is_ml AND pay_usd IS NOT NULL AND coalesce(country = $market, false) AND salary_currency = $currency
  AND salary_period = 'year'
GROUP BY ALL
