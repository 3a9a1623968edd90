-- For skills that did not always exist ($gates: [{skill, since}]): per skill, over all ML postings (scope
-- NULL) and per role, the described ML postings dated from the skill's first release and how many of them
-- ask for it. Undated postings can't be placed after a release and are left out.
WITH gates AS (SELECT g.skill, g.since FROM unnest($gates) AS t(g)),
p AS (
    SELECT source, native_id, coalesce(role, 'unclassified') AS role, posted_month
    FROM postings($since, $until, $source, $role, $country, $remote)
    WHERE is_ml AND described AND posted_month IS NOT NULL
)
SELECT g.skill,
       CASE WHEN grouping(p.role) = 0 THEN p.role END AS scope,
       count(*) AS described_postings,
       count(s.skill) AS postings
FROM gates AS g
JOIN p ON p.posted_month >= g.since
LEFT JOIN posting_skills AS s ON s.source = p.source AND s.native_id = p.native_id AND s.skill = g.skill
GROUP BY GROUPING SETS ((g.skill, p.role), (g.skill))
