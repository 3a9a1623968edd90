-- The latest ML postings with their facts, for the HTML report's sample table. The newest are picked
-- from the facts alone (by month) before the join to raw_postings, so only $limit rows are joined.
WITH latest AS (
    SELECT source, native_id, role, seniority, pay_usd, posted_month
    FROM postings($since, $until, $source, $role, $country, $remote)
    WHERE is_ml AND posted_month IS NOT NULL  -- an undated posting is nobody's "latest"
    ORDER BY posted_month DESC NULLS LAST, source, native_id
    LIMIT $limit
)
SELECT r.title, r.company, r.location, l.role, l.seniority, l.pay_usd, l.source, r.url,
       coalesce(r.posted_at, r.first_seen) AS posted
FROM latest AS l
JOIN raw_postings AS r USING (source, native_id)
ORDER BY l.posted_month DESC NULLS LAST, posted DESC NULLS LAST, r.title
