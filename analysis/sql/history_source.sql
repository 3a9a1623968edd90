-- Sources by the length of their dated history (distinct posted months), longest first: trends and demand are
-- read within the first, so that a change over time is not a change from one source's era to another's.
SELECT source, count(DISTINCT posted_month) AS months
FROM postings($since, $until, $source, $role, $country, $remote)
WHERE posted_month IS NOT NULL
GROUP BY source
ORDER BY months DESC, source
