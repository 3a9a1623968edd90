-- How many ML postings ask for each skill: over all ML postings (scope NULL) and per role, with the
-- number of postings in the scope and the skill's rank there (1 = asked for most).
WITH p AS (
    SELECT source, native_id, role
    FROM postings($since, $until, $source, $role, $country, $remote)
    WHERE is_ml
),
scopes AS (
    SELECT CASE WHEN grouping(role) = 1 THEN NULL ELSE coalesce(role, 'unclassified') END AS scope,
           grouping(role) AS overall,
           count(*) AS scope_postings
    FROM p
    GROUP BY GROUPING SETS ((), (role))
),
counts AS (
    SELECT CASE WHEN grouping(p.role) = 1 THEN NULL ELSE coalesce(p.role, 'unclassified') END AS scope,
           grouping(p.role) AS overall,
           s.skill,
           count(*) AS postings
    FROM p
    JOIN posting_skills AS s USING (source, native_id)
    GROUP BY GROUPING SETS ((s.skill), (p.role, s.skill))
)
SELECT
    c.scope,
    c.skill,
    c.postings,
    sc.scope_postings,
    rank() OVER (PARTITION BY c.overall, c.scope ORDER BY c.postings DESC) AS rank
FROM counts AS c
JOIN scopes AS sc ON sc.overall = c.overall AND sc.scope IS NOT DISTINCT FROM c.scope
ORDER BY c.overall DESC, c.scope, rank, c.skill
