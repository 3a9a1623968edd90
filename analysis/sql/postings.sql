-- rows(...): the canonical rows that pass the report filters, postings and salary-survey answers alike.
-- postings(...): the job postings among them. Every report query reads through one of these temp macros,
-- so a filter means the same thing in every report. A NULL argument means "any". Months compare on
-- posted_month (the first day of the month the source dates a posting to), so an undated posting drops out
-- as soon as --since or --until is given; a survey row, dated by year only, compares by its year.
-- pay_usd: the annual USD pay a salary report counts: the midpoint of min and max, or the one known end;
-- NULL when the row gives no pay or its salary was flagged implausible.
-- described: the posting's description is whole (pipeline.text.is_whole, stored at derive time), so it
-- could name a skill; titles-only listings and snippets can't, and a skill's share counts only described
-- postings, in its numerator and its denominator.
CREATE OR REPLACE TEMP MACRO rows(p_since, p_until, p_source, p_role, p_country, p_remote) AS TABLE
SELECT
    f.* EXCLUDE (described),
    coalesce(f.described, false) AS described,
    CASE WHEN f.salary_flag IS NULL
         THEN coalesce((f.annual_min_usd + f.annual_max_usd) / 2, f.annual_min_usd, f.annual_max_usd)
    END AS pay_usd
FROM facts AS f
WHERE f.is_canonical
  AND (p_since IS NULL OR coalesce(f.posted_month >= p_since, f.kind = 'survey' AND f.pay_year >= year(CAST(p_since AS DATE))))
  AND (p_until IS NULL OR coalesce(f.posted_month <= p_until, f.kind = 'survey' AND f.pay_year <= year(CAST(p_until AS DATE))))
  AND (p_source IS NULL OR f.source = p_source)
  AND (p_role IS NULL OR f.role = p_role)
  AND (p_country IS NULL OR f.country = p_country)
  AND (p_remote IS NULL OR f.remote = p_remote);

CREATE OR REPLACE TEMP MACRO postings(p_since, p_until, p_source, p_role, p_country, p_remote) AS TABLE
SELECT * FROM rows(p_since, p_until, p_source, p_role, p_country, p_remote) WHERE kind = 'posting';
