-- What the guide-vs-market verdicts need to keep apart: survey rows from postings, whole descriptions from
-- snippets, industries, and the year a row's pay is dated to.

-- 'posting' (a job ad) or 'survey' (a salary-survey answer, e.g. ai-jobs.net: a title, a level and pay,
-- no text). Survey rows count only in pay reports, never as postings, in role or skill shares or trends.
ALTER TABLE facts ADD COLUMN kind VARCHAR DEFAULT 'posting';
-- The description is whole (pipeline.text.is_whole): long enough to name a stack, and not a snippet or a
-- cut text. Only described postings count in a skill's share. Until `mljobs rebuild`, older rows keep the
-- length rule they were counted by.
ALTER TABLE facts ADD COLUMN described BOOLEAN;
UPDATE facts SET described = coalesce(description_chars >= 200, false);
-- The employer's industry (pipeline.industry.extract), NULL when nothing says.
ALTER TABLE facts ADD COLUMN industry VARCHAR;
-- The year a row's pay is dated to: its posted month's, or a survey's own year.
ALTER TABLE facts ADD COLUMN pay_year INTEGER;
UPDATE facts SET pay_year = year(posted_month);
-- A posting's month comes from its source: the day a crawl or an import first saw it is no date.
UPDATE facts SET posted_month = NULL, pay_year = NULL
WHERE EXISTS (SELECT 1 FROM raw_postings AS r
              WHERE r.source = facts.source AND r.native_id = facts.native_id AND r.posted_at IS NULL);
