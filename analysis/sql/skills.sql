-- How many ML postings ask for each skill: over all ML postings (scope NULL) and per role, with the
-- number of postings in the scope and the skill's rank there (1 = asked for most).
WITH p AS (
    SELECT source, native_id, coalesce(role, 'unclassified') AS role
    FROM postings($since, $until, $source, $role, $country, $remote)
    WHERE is_ml
),
-- one pass over the join, per role; the overall figures are sums of the per-role ones (a posting has
-- one role), which costs far less than a second grouping of the joined rows
per_role AS (
    SELECT p.role AS scope, s.skill, count(*) AS postings
    FROM p JOIN posting_skills AS s USING (source, native_id)
    GROUP BY ALL
),
counts AS (
    SELECT scope, skill, postings FROM per_role
    UNION ALL
    SELECT NULL, skill, sum(postings)::BIGINT FROM per_role GROUP BY skill
),
scopes AS (
    SELECT role AS scope, count(*) AS scope_postings FROM p GROUP BY role
    UNION ALL
    SELECT NULL, count(*) FROM p
)
SELECT
    c.scope,
    c.skill,
    c.postings,
    sc.scope_postings,
    rank() OVER (PARTITION BY c.scope ORDER BY c.postings DESC) AS rank
FROM counts AS c
JOIN scopes AS sc ON sc.scope IS NOT DISTINCT FROM c.scope
ORDER BY c.scope NULLS FIRST, rank, c.skill
