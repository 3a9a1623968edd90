-- postings(...): the canonical postings that pass the report filters. Every report query reads
-- through this temp macro, so a filter means the same thing in every report. A NULL argument means
-- "any"; months compare on posted_month (the first day of the month a posting is dated to), so a
-- posting without a date drops out as soon as --since or --until is given.
-- pay_usd: the annual USD pay a salary report counts: the midpoint of min and max, or the one known
-- end; NULL when the posting gives no pay or its salary was flagged implausible.
CREATE OR REPLACE TEMP MACRO postings(p_since, p_until, p_source, p_role, p_country, p_remote) AS TABLE
SELECT
    f.*,
    CASE WHEN f.salary_flag IS NULL
         THEN coalesce((f.annual_min_usd + f.annual_max_usd) / 2, f.annual_min_usd, f.annual_max_usd)
    END AS pay_usd
FROM facts AS f
WHERE f.is_canonical
  AND (p_since IS NULL OR f.posted_month >= p_since)
  AND (p_until IS NULL OR f.posted_month <= p_until)
  AND (p_source IS NULL OR f.source = p_source)
  AND (p_role IS NULL OR f.role = p_role)
  AND (p_country IS NULL OR f.country = p_country)
  AND (p_remote IS NULL OR f.remote = p_remote);

-- described(chars, min_chars): does a posting have a description to read skills from? Titles-only
-- listings (Greenhouse boards without content=true, LinkedIn title rows, JobSpy pulls without
-- descriptions, exports holding the text "null") have none, so no skill could be found in them; a skill's
-- share counts only described postings, in its numerator and its denominator. chars is
-- facts.description_chars (stored at derive time, so no report reads the texts themselves); min_chars is
-- bound by the reports as $min_description_chars (analysis.reports.MIN_DESCRIPTION_CHARS explains it).
CREATE OR REPLACE TEMP MACRO described(chars, min_chars) AS coalesce(chars >= min_chars, false);
