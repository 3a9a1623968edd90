-- The share of ML postings per role and per skill in each period: postings in the period with the role
-- or skill, over all dated ML postings in it. $period is 'month' (posted_month: HN history gives years of
-- them) or 'week' (the week of the posting's own date). $last_periods keeps only that many periods up to the latest (NULL: all). The join to
-- raw_postings runs only for weeks: with $period = 'month' the optimizer drops it.
-- A role's share is of all ML postings in the period (period_postings: roles come from titles); a skill's
-- is of the described ones (period_described: a whole description, the only postings that could name a
-- skill). Undated postings are in no period.
WITH p AS (
    SELECT f.source, f.native_id, f.role, f.described,
           CASE WHEN $period = 'week' THEN date_trunc('week', r.posted_at)::DATE
                ELSE f.posted_month END AS period
    FROM postings($since, $until, $source, $role, $country, $remote) AS f
    LEFT JOIN raw_postings AS r ON $period = 'week' AND r.source = f.source AND r.native_id = f.native_id
    WHERE f.is_ml
),
periods AS (
    SELECT period, count(*) AS period_postings, count(*) FILTER (WHERE described) AS period_described
    FROM p
    WHERE period IS NOT NULL
    GROUP BY period
    QUALIFY $last_periods IS NULL OR row_number() OVER (ORDER BY period DESC) <= $last_periods
),
counts AS (
    SELECT period, 'role' AS kind, coalesce(role, 'unclassified') AS name, count(*) AS postings
    FROM p SEMI JOIN periods USING (period) GROUP BY ALL
    UNION ALL
    SELECT p.period, 'skill' AS kind, s.skill AS name, count(*) AS postings
    FROM p SEMI JOIN periods USING (period) JOIN posting_skills AS s USING (source, native_id)
    WHERE p.described
    GROUP BY ALL
)
SELECT c.period, c.kind, c.name, c.postings, pe.period_postings, pe.period_described,
       c.postings / CASE c.kind WHEN 'skill' THEN pe.period_described ELSE pe.period_postings END AS share
FROM counts AS c JOIN periods AS pe USING (period)
ORDER BY period, kind, postings DESC, name
