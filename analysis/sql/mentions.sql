-- How many described ML postings dated from $since_month mention $pattern (a regular expression over the
-- lower-cased clean text), and how many there are.
SELECT count(*) AS described,
       count(*) FILTER (WHERE regexp_matches(lower(description_text), $pattern)) AS mentioning
FROM postings($since, $until, $source, $role, $country, $remote)
WHERE is_ml AND described AND posted_month >= $since_month
