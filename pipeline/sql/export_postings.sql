-- Every posting with its facts, in the extract output shape plus where and when it was seen.
-- Postings not derived yet have NULL facts. Filters (NULL/false: all): $source, $ml_only (is_ml postings only),
-- $since (a DATE: postings dated on or after it, or first seen on or after it when the source gives no date).
SELECT
    r.source || ':' || r.native_id AS id,
    f.is_ml, f.role, f.seniority,
    coalesce(s.skills, CASE WHEN f.source IS NOT NULL THEN []::VARCHAR[] END) AS skills,
    CASE WHEN f.salary_min IS NOT NULL OR f.salary_max IS NOT NULL THEN {
        'min': f.salary_min, 'max': f.salary_max, 'currency': f.salary_currency, 'period': f.salary_period,
        'annual_min_usd': f.annual_min_usd, 'annual_max_usd': f.annual_max_usd, 'source': f.salary_source,
        'flag': f.salary_flag} END AS salary,
    coalesce(f.remote, r.remote) AS remote, f.country, f.years_experience,
    r.source, r.native_id, r.board, r.url, r.company, r.title, r.location,
    r.posted_at, r.first_seen, r.last_seen, r.closed_at,
    f.cluster_id, f.is_canonical,
    f.description_text AS description
FROM raw_postings AS r
LEFT JOIN facts AS f USING (source, native_id)
LEFT JOIN (SELECT source, native_id, list(skill ORDER BY skill) AS skills
           FROM posting_skills GROUP BY source, native_id) AS s USING (source, native_id)
WHERE ($source IS NULL OR r.source = $source)
  AND (NOT $ml_only OR coalesce(f.is_ml, false))
  AND ($since IS NULL OR coalesce(r.posted_at, r.first_seen) >= $since)
ORDER BY r.source, r.native_id
