-- The ML share of all dated job postings per source and month: postings and ML postings, months with at least
-- $min_postings postings only (a share of two postings only draws noise). Per source, since sources differ in
-- what they list (an ML job board against HN's every job): one series across sources would move with the mix.
-- Only sources with at least $min_months such months: a month or two of a crawl is a dot, not a trend.
SELECT source, strftime(posted_month, '%Y-%m') AS month, count(*) AS postings,
       count(*) FILTER (WHERE is_ml) AS ml_postings
FROM postings($since, $until, $source, $role, $country, $remote)
WHERE posted_month IS NOT NULL
GROUP BY source, posted_month
HAVING count(*) >= $min_postings
QUALIFY count(*) OVER (PARTITION BY source) >= $min_months
ORDER BY source, posted_month
