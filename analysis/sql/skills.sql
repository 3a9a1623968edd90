-- How many ML postings ask for each skill: over all ML postings (scope NULL) and per role, with the
-- number of postings in the scope, how many of them are described (have a description to read skills
-- from: the denominator of a skill's share) and the skill's rank there (1 = asked for most). Only
-- described postings are counted as asking, so a share never exceeds 1. A scope where no posting asks
-- for any skill still gets one row (skill NULL) for its sizes.
WITH p AS (
    SELECT source, native_id, coalesce(role, 'unclassified') AS role,
           described
    FROM postings($since, $until, $source, $role, $country, $remote)
    WHERE is_ml
),
-- one pass over the join, per role; the overall figures are sums of the per-role ones (a posting has
-- one role), which costs far less than a second grouping of the joined rows
per_role AS (
    SELECT p.role AS scope, s.skill, count(*) AS postings
    FROM p JOIN posting_skills AS s USING (source, native_id)
    WHERE p.described
    GROUP BY ALL
),
counts AS (
    SELECT scope, skill, postings FROM per_role
    UNION ALL
    SELECT NULL, skill, sum(postings)::BIGINT FROM per_role GROUP BY skill
),
scopes AS (
    SELECT role AS scope, count(*) AS scope_postings, count(*) FILTER (WHERE described) AS described_postings
    FROM p GROUP BY role
    UNION ALL
    SELECT NULL, count(*), count(*) FILTER (WHERE described) FROM p
)
SELECT
    sc.scope,
    c.skill,
    c.postings,
    sc.scope_postings,
    sc.described_postings,
    rank() OVER (PARTITION BY sc.scope ORDER BY c.postings DESC) AS rank
FROM scopes AS sc
LEFT JOIN counts AS c ON c.scope IS NOT DISTINCT FROM sc.scope
ORDER BY sc.scope NULLS FIRST, rank, c.skill
