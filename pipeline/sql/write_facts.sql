-- Upsert the facts of one batch (registered as derived_facts). Columns left out — cluster_id, is_canonical —
-- keep their values until dedupe reassigns them.
INSERT OR REPLACE INTO facts
    (source, native_id, is_ml, role, seniority, salary_min, salary_max, salary_currency, salary_period,
     annual_min_usd, annual_max_usd, salary_source, salary_flag, remote, country, years_experience,
     posted_month, description_text, description_chars, content_hash, extracted_at)
SELECT d.source, d.native_id, d.is_ml, d.role, d.seniority, d.salary_min, d.salary_max, d.salary_currency,
       d.salary_period, d.annual_min_usd, d.annual_max_usd, d.salary_source, d.salary_flag,
       coalesce(d.remote, r.remote), d.country, d.years_experience,
       date_trunc('month', coalesce(r.posted_at, r.first_seen))::DATE, d.description_text,
       length(d.description_text), d.content_hash,
       current_timestamp
FROM derived_facts AS d
JOIN raw_postings AS r USING (source, native_id)
