-- Upsert the facts of one batch (registered as derived_facts). Columns left out — cluster_id, is_canonical —
-- keep their values until dedupe reassigns them. A posting's month is its source's own date (posted_at),
-- never the day a crawl or an import first saw it: undated rows stay out of trends. A survey dates its rows
-- by year only (the ai-jobs.net CSV's work_year, kept in raw), which dates their pay and nothing else.
INSERT OR REPLACE INTO facts
    (source, native_id, is_ml, role, seniority, salary_min, salary_max, salary_currency, salary_period,
     annual_min_usd, annual_max_usd, salary_source, salary_flag, remote, country, years_experience,
     posted_month, description_text, description_chars, content_hash, extracted_at,
     kind, described, industry, pay_year)
SELECT d.source, d.native_id, d.is_ml, d.role, d.seniority, d.salary_min, d.salary_max, d.salary_currency,
       d.salary_period, d.annual_min_usd, d.annual_max_usd, d.salary_source, d.salary_flag,
       coalesce(d.remote, r.remote), d.country, d.years_experience,
       date_trunc('month', r.posted_at)::DATE, d.description_text,
       length(d.description_text), d.content_hash,
       current_timestamp,
       d.kind, d.described, d.industry,
       coalesce(year(r.posted_at), TRY_CAST(json_extract_string(r.raw, '$.work_year') AS INTEGER))
FROM derived_facts AS d
JOIN raw_postings AS r USING (source, native_id)
