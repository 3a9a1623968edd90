-- The latest ML postings with their facts, for the HTML report's sample table.
SELECT r.title, r.company, r.location, p.role, p.seniority, p.pay_usd, p.source, r.url,
       coalesce(r.posted_at, r.first_seen) AS posted
FROM postings($since, $until, $source, $role, $country, $remote) AS p
JOIN raw_postings AS r USING (source, native_id)
WHERE p.is_ml
ORDER BY posted DESC NULLS LAST, r.title
LIMIT $limit
