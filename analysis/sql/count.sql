-- Is there anything to report? Rows stored at all, and those passing the filters: postings, ML postings,
-- and ML salary-survey answers (which only the pay reports count).
SELECT
    (SELECT count(*) FROM facts) AS stored,
    count(*) FILTER (WHERE kind = 'posting') AS postings,
    count(*) FILTER (WHERE kind = 'posting' AND is_ml) AS ml_postings,
    count(*) FILTER (WHERE kind = 'survey' AND is_ml) AS ml_survey
FROM rows($since, $until, $source, $role, $country, $remote)
