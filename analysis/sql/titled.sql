-- How many ML postings have a title matching $pattern (a regular expression over the lower-cased title as the
-- source gave it), and how many ML postings there are.
SELECT count(*) AS ml_postings,
       count(*) FILTER (WHERE regexp_matches(lower(coalesce(r.title, '')), $pattern)) AS matching
FROM postings($since, $until, $source, $role, $country, $remote) AS f
JOIN raw_postings AS r USING (source, native_id)
WHERE f.is_ml
