-- How each role's and skill's share of ML postings moves over time. Two views of the same counts:
--   * the least-squares slope of the monthly share, in share per year, over months with at least
--     $min_month_postings dated ML postings (thin months would add only noise);
--   * the share in the recent window (the $recent_months months up to the latest dated month)
--     against the share before it, with the counts a confidence interval needs.
-- A role's share is of all dated ML postings (roles come from titles); a skill's is of the described ones
-- (a whole description), the only ones that could name it.
WITH p AS (
    SELECT source, native_id, role, posted_month, described
    FROM postings($since, $until, $source, $role, $country, $remote)
    WHERE is_ml AND posted_month IS NOT NULL
),
cutoff AS (SELECT max(posted_month) - to_months($recent_months - 1) AS recent_from FROM p),
dated AS (SELECT p.*, p.posted_month >= cutoff.recent_from AS recent FROM p, cutoff),
months AS (
    SELECT posted_month, any_value(recent) AS recent, count(*) AS month_postings,
           count(*) FILTER (WHERE described) AS month_described
    FROM dated GROUP BY posted_month
),
windows AS (
    SELECT count(*) FILTER (WHERE recent) AS recent_total, count(*) FILTER (WHERE NOT recent) AS earlier_total,
           count(*) FILTER (WHERE recent AND described) AS recent_described,
           count(*) FILTER (WHERE NOT recent AND described) AS earlier_described,
           -- the windows' months, so a verdict can say which years it speaks for
           min(posted_month) AS first_month, min(posted_month) FILTER (WHERE recent) AS recent_from,
           max(posted_month) FILTER (WHERE NOT recent) AS earlier_until, max(posted_month) AS last_month
    FROM dated
),
counts AS (
    SELECT posted_month, 'role' AS kind, coalesce(role, 'unclassified') AS name, count(*) AS postings
    FROM dated GROUP BY ALL
    UNION ALL
    SELECT d.posted_month, 'skill' AS kind, s.skill AS name, count(*) AS postings
    FROM dated AS d JOIN posting_skills AS s USING (source, native_id)
    WHERE d.described
    GROUP BY ALL
),
names AS (
    SELECT
        c.kind,
        c.name,
        sum(c.postings)::BIGINT AS postings,
        coalesce(sum(c.postings) FILTER (WHERE m.recent), 0)::BIGINT AS recent_postings,
        coalesce(sum(c.postings) FILTER (WHERE NOT m.recent), 0)::BIGINT AS earlier_postings
    FROM counts AS c JOIN months AS m USING (posted_month)
    GROUP BY c.kind, c.name
),
slopes AS (
    -- every name over every month well filled with its kind's postings, a month without the name
    -- counting as share 0
    SELECT n.kind, n.name, count(*) AS months,
           regr_slope(coalesce(c.postings, 0) / m.base, epoch(m.posted_month) / (365.25 * 86400)) AS slope_per_year
    FROM names AS n
    JOIN (SELECT posted_month, 'role' AS kind, month_postings AS base FROM months
          UNION ALL
          SELECT posted_month, 'skill', month_described FROM months) AS m USING (kind)
    LEFT JOIN counts AS c ON c.kind = n.kind AND c.name = n.name AND c.posted_month = m.posted_month
    WHERE m.base >= $min_month_postings
    GROUP BY n.kind, n.name
)
SELECT n.kind, n.name, n.postings, n.recent_postings, n.earlier_postings, w.recent_total, w.earlier_total,
       w.recent_described, w.earlier_described, w.first_month, w.recent_from, w.earlier_until, w.last_month,
       coalesce(s.months, 0) AS months, s.slope_per_year
FROM names AS n
CROSS JOIN windows AS w
LEFT JOIN slopes AS s USING (kind, name)
ORDER BY n.kind, n.postings DESC, n.name
