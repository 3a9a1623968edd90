-- Monthly share of ML postings per role and per skill: postings that month with the role or skill,
-- over all dated ML postings that month.
WITH p AS (
    SELECT source, native_id, role, posted_month
    FROM postings($since, $until, $source, $role, $country, $remote)
    WHERE is_ml AND posted_month IS NOT NULL
),
months AS (SELECT posted_month, count(*) AS month_postings FROM p GROUP BY posted_month),
counts AS (
    SELECT posted_month, 'role' AS kind, coalesce(role, 'unclassified') AS name, count(*) AS postings
    FROM p GROUP BY ALL
    UNION ALL
    SELECT p.posted_month, 'skill' AS kind, s.skill AS name, count(*) AS postings
    FROM p JOIN posting_skills AS s USING (source, native_id)
    GROUP BY ALL
)
SELECT c.posted_month AS month, c.kind, c.name, c.postings, m.month_postings,
       c.postings / m.month_postings AS share
FROM counts AS c JOIN months AS m USING (posted_month)
ORDER BY month, kind, postings DESC, name
