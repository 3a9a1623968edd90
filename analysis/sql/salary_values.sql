-- The pay distribution per seniority level as a histogram (annual USD rounded to $100, count): enough
-- for an exact-enough bootstrap of the median, however many postings there are.
SELECT coalesce(seniority, 'unknown') AS level,
       round(pay_usd / 100) * 100 AS pay_usd,
       count(*) AS postings
FROM postings($since, $until, $source, $role, $country, $remote)
WHERE is_ml AND pay_usd IS NOT NULL
GROUP BY ALL
ORDER BY level, pay_usd
