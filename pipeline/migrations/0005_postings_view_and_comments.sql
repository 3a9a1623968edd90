-- The file explains itself: a `postings` view (what the reports count: one canonical posting per job, with its
-- facts and skills) and a comment on every table and column (duckdb_tables(), duckdb_columns(), or
-- `SELECT comment FROM duckdb_columns() WHERE table_name = 'facts'` in any DuckDB client).

-- When a posting's content last changed: a later sighting with another content_hash (`mljobs report changes`).
ALTER TABLE raw_postings ADD COLUMN changed_at TIMESTAMP;

CREATE VIEW postings AS
SELECT r.source, r.native_id, r.source || ':' || r.native_id AS id, r.url, r.board, r.company, r.title, r.location,
       r.posted_at, r.first_seen, r.last_seen, r.changed_at, r.closed_at,
       f.kind, f.is_ml, f.role, f.seniority,
       (SELECT list(s.skill ORDER BY s.skill) FROM posting_skills AS s
        WHERE s.source = r.source AND s.native_id = r.native_id) AS skills,
       f.salary_min, f.salary_max, f.salary_currency, f.salary_period, f.annual_min_usd, f.annual_max_usd,
       f.salary_source, f.salary_flag, coalesce(f.remote, r.remote) AS remote, f.country, f.years_experience,
       f.industry, f.posted_month, f.pay_year, f.described, f.description_text, f.cluster_id
FROM raw_postings AS r
JOIN facts AS f USING (source, native_id)
WHERE f.is_canonical;

COMMENT ON VIEW postings IS 'One row per job: the canonical posting of each duplicate cluster, with its derived facts and skills (what the reports count; kind = ''survey'' rows are salary-survey answers, counted only in pay)';

COMMENT ON TABLE schema_migrations IS 'The numbered migrations applied to this file (pipeline/migrations/NNNN_*.sql)';
COMMENT ON COLUMN schema_migrations.version IS 'Migration number';
COMMENT ON COLUMN schema_migrations.name IS 'Migration file name without number and .sql';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When it was applied (UTC)';

COMMENT ON TABLE crawl_runs IS 'One row per crawl (or import) run and source: what it fetched and how it ended';
COMMENT ON COLUMN crawl_runs.run_id IS 'The run, e.g. 20261128T044337Z-840c; its feed is feeds/<run_id>.jsonl';
COMMENT ON COLUMN crawl_runs.source IS 'Source name (greenhouse, lever, hn, an import format, ...)';
COMMENT ON COLUMN crawl_runs.started_at IS 'Start (UTC)';
COMMENT ON COLUMN crawl_runs.finished_at IS 'End (UTC); NULL when the run was killed';
COMMENT ON COLUMN crawl_runs.pages IS 'Responses parsed';
COMMENT ON COLUMN crawl_runs.postings IS 'Postings written to the feed';
COMMENT ON COLUMN crawl_runs.errors IS 'Errors counted';
COMMENT ON COLUMN crawl_runs.error_reasons IS 'Errors by reason, e.g. {"http_429": 2, "not_found": 1}';
COMMENT ON COLUMN crawl_runs.feed_path IS 'The raw feed the run wrote';
COMMENT ON COLUMN crawl_runs.status IS 'finished | stopped (circuit breaker) | killed | failed';

COMMENT ON TABLE raw_postings IS 'One row per (source, native id): the posting as its source gave it, kept whole';
COMMENT ON COLUMN raw_postings.source IS 'Source name';
COMMENT ON COLUMN raw_postings.native_id IS 'The source''s own id of the posting';
COMMENT ON COLUMN raw_postings.board IS 'ATS board slug (greenhouse, lever, ashby, ...), else NULL';
COMMENT ON COLUMN raw_postings.url IS 'The posting''s page';
COMMENT ON COLUMN raw_postings.title IS 'Job title as given';
COMMENT ON COLUMN raw_postings.company IS 'Employer as given';
COMMENT ON COLUMN raw_postings.location IS 'Location text as given';
COMMENT ON COLUMN raw_postings.remote IS 'The source''s own remote flag, when it has one';
COMMENT ON COLUMN raw_postings.posted_at IS 'When the source says it was posted (UTC); NULL when it gives no date';
COMMENT ON COLUMN raw_postings.description IS 'Description as given (often HTML)';
COMMENT ON COLUMN raw_postings.salary IS 'The source''s own salary fields (JSON)';
COMMENT ON COLUMN raw_postings.level IS 'The source''s own experience-level field';
COMMENT ON COLUMN raw_postings.raw IS 'The whole object the source gave (JSON)';
COMMENT ON COLUMN raw_postings.content_hash IS 'Hash of the content: changes when the posting changes';
COMMENT ON COLUMN raw_postings.first_seen IS 'First crawl or import that saw it (UTC)';
COMMENT ON COLUMN raw_postings.last_seen IS 'Latest crawl or import that saw it (UTC)';
COMMENT ON COLUMN raw_postings.closed_at IS 'Set when a later full crawl of its board no longer listed it';
COMMENT ON COLUMN raw_postings.run_id IS 'The last run that saw it';
COMMENT ON COLUMN raw_postings.changed_at IS 'When a later sighting last changed its content (UTC); NULL if never';

COMMENT ON TABLE facts IS 'Derived facts, one row per raw posting (pipeline.extract); `mljobs rebuild` re-derives them';
COMMENT ON COLUMN facts.source IS 'Source name (raw_postings.source)';
COMMENT ON COLUMN facts.native_id IS 'The source''s id (raw_postings.native_id)';
COMMENT ON COLUMN facts.is_ml IS 'An ML/AI role (the labelling rules in DESIGN.md)';
COMMENT ON COLUMN facts.role IS 'One of the guide''s six ML roles, NULL when not ML';
COMMENT ON COLUMN facts.seniority IS 'entry | mid | senior, NULL without a signal';
COMMENT ON COLUMN facts.salary_min IS 'Pay, lower end, in salary_currency per salary_period';
COMMENT ON COLUMN facts.salary_max IS 'Pay, upper end, in salary_currency per salary_period';
COMMENT ON COLUMN facts.salary_currency IS 'ISO 4217 currency of the pay';
COMMENT ON COLUMN facts.salary_period IS 'year | month | week | day | hour';
COMMENT ON COLUMN facts.annual_min_usd IS 'salary_min a year in USD';
COMMENT ON COLUMN facts.annual_max_usd IS 'salary_max a year in USD';
COMMENT ON COLUMN facts.salary_source IS 'structured (the source''s salary field) | text (read from the description)';
COMMENT ON COLUMN facts.salary_flag IS 'Why the pay looks implausible (left out of pay reports), else NULL';
COMMENT ON COLUMN facts.remote IS 'Remote work offered';
COMMENT ON COLUMN facts.country IS 'ISO-2 country, when known';
COMMENT ON COLUMN facts.years_experience IS 'Minimum years of experience asked';
COMMENT ON COLUMN facts.posted_month IS 'First day of the month the source dates it to; NULL when undated';
COMMENT ON COLUMN facts.description_text IS 'The description as clean text';
COMMENT ON COLUMN facts.cluster_id IS 'The same job across sources shares a cluster';
COMMENT ON COLUMN facts.is_canonical IS 'The one posting of its cluster that reports count';
COMMENT ON COLUMN facts.extracted_at IS 'When the facts were derived (UTC)';
COMMENT ON COLUMN facts.content_hash IS 'raw_postings.content_hash the facts were derived from (stale when they differ)';
COMMENT ON COLUMN facts.description_chars IS 'Length of description_text';
COMMENT ON COLUMN facts.kind IS 'posting (a job ad) | survey (a salary-survey answer: counts only in pay)';
COMMENT ON COLUMN facts.described IS 'The description is whole enough to count skills in';
COMMENT ON COLUMN facts.industry IS 'The employer''s industry, NULL when nothing says';
COMMENT ON COLUMN facts.pay_year IS 'The year the pay is dated to';

COMMENT ON TABLE posting_skills IS 'Skills each posting asks for, one row per skill (canonical names, pipeline/vocab/skills.toml)';
COMMENT ON COLUMN posting_skills.source IS 'Source name';
COMMENT ON COLUMN posting_skills.native_id IS 'The source''s id';
COMMENT ON COLUMN posting_skills.skill IS 'Canonical skill name (the guide''s spelling for its own skills)';

COMMENT ON TABLE vocab_skills IS 'The skill vocabulary the facts were derived with, mirrored on every derive';
COMMENT ON COLUMN vocab_skills.name IS 'Canonical skill name';
COMMENT ON COLUMN vocab_skills.category IS 'Skill category (language, framework, cloud, ...)';
COMMENT ON COLUMN vocab_skills.in_guide IS 'The career guide names this skill';
COMMENT ON COLUMN vocab_skills.aliases IS 'Other spellings that map to it';

COMMENT ON TABLE feed_loads IS 'What the loader has read of each raw feed, so every load picks up exactly what is new';
COMMENT ON COLUMN feed_loads.feed IS 'Feed file name in <data dir>/feeds/';
COMMENT ON COLUMN feed_loads.offset_bytes IS 'End of the last complete line loaded; the next load starts here';
COMMENT ON COLUMN feed_loads.size_seen IS 'File size at the last look';
COMMENT ON COLUMN feed_loads.lines IS 'Complete lines read so far';
COMMENT ON COLUMN feed_loads.postings IS 'Lines that became raw_postings rows';
COMMENT ON COLUMN feed_loads.bad_lines IS 'Lines skipped, with their reasons (the first 1000)';
COMMENT ON COLUMN feed_loads.finished IS 'Its run summary was applied: never read again';
COMMENT ON COLUMN feed_loads.loaded_at IS 'Latest load (UTC)';

-- The view's columns, as the tables' own.
COMMENT ON COLUMN postings.source IS 'Source name';
COMMENT ON COLUMN postings.native_id IS 'The source''s own id of the posting';
COMMENT ON COLUMN postings.id IS '<source>:<native_id>, the id export and extract use';
COMMENT ON COLUMN postings.url IS 'The posting''s page';
COMMENT ON COLUMN postings.board IS 'ATS board slug (greenhouse, lever, ashby, ...), else NULL';
COMMENT ON COLUMN postings.company IS 'Employer as given';
COMMENT ON COLUMN postings.title IS 'Job title as given';
COMMENT ON COLUMN postings.location IS 'Location text as given';
COMMENT ON COLUMN postings.posted_at IS 'When the source says it was posted (UTC); NULL when it gives no date';
COMMENT ON COLUMN postings.first_seen IS 'First crawl or import that saw it (UTC)';
COMMENT ON COLUMN postings.last_seen IS 'Latest crawl or import that saw it (UTC)';
COMMENT ON COLUMN postings.changed_at IS 'When a later sighting last changed its content (UTC); NULL if never';
COMMENT ON COLUMN postings.closed_at IS 'Set when a later full crawl of its board no longer listed it';
COMMENT ON COLUMN postings.kind IS 'posting (a job ad) | survey (a salary-survey answer: counts only in pay)';
COMMENT ON COLUMN postings.is_ml IS 'An ML/AI role (the labelling rules in DESIGN.md)';
COMMENT ON COLUMN postings.role IS 'One of the guide''s six ML roles, NULL when not ML';
COMMENT ON COLUMN postings.seniority IS 'entry | mid | senior, NULL without a signal';
COMMENT ON COLUMN postings.skills IS 'Skills it asks for (posting_skills), sorted';
COMMENT ON COLUMN postings.salary_min IS 'Pay, lower end, in salary_currency per salary_period';
COMMENT ON COLUMN postings.salary_max IS 'Pay, upper end, in salary_currency per salary_period';
COMMENT ON COLUMN postings.salary_currency IS 'ISO 4217 currency of the pay';
COMMENT ON COLUMN postings.salary_period IS 'year | month | week | day | hour';
COMMENT ON COLUMN postings.annual_min_usd IS 'salary_min a year in USD';
COMMENT ON COLUMN postings.annual_max_usd IS 'salary_max a year in USD';
COMMENT ON COLUMN postings.salary_source IS 'structured (the source''s salary field) | text (read from the description)';
COMMENT ON COLUMN postings.salary_flag IS 'Why the pay looks implausible (left out of pay reports), else NULL';
COMMENT ON COLUMN postings.remote IS 'Remote work offered (derived, else the source''s own flag)';
COMMENT ON COLUMN postings.country IS 'ISO-2 country, when known';
COMMENT ON COLUMN postings.years_experience IS 'Minimum years of experience asked';
COMMENT ON COLUMN postings.industry IS 'The employer''s industry, NULL when nothing says';
COMMENT ON COLUMN postings.posted_month IS 'First day of the month the source dates it to; NULL when undated';
COMMENT ON COLUMN postings.pay_year IS 'The year the pay is dated to';
COMMENT ON COLUMN postings.described IS 'The description is whole enough to count skills in';
COMMENT ON COLUMN postings.description_text IS 'The description as clean text';
COMMENT ON COLUMN postings.cluster_id IS 'The same job across sources shares a cluster';
