-- Parsed feed lines (the view parsed_lines(line_no, is_object, r), made by parse_feed_lines.sql or
-- parse_feed_file.sql) typed as raw_postings columns; `reason` says why a line cannot become a posting,
-- `warning` why one of its values was dropped. The loader reads this as the view typed_lines.
WITH typed AS (
    SELECT
        line_no,
        CASE WHEN r IS NULL THEN 'bad_json'
             WHEN NOT is_object THEN 'not_an_object'
             WHEN nullif(trim(r.source), '') IS NULL THEN 'missing_source'
             WHEN nullif(trim(r.native_id), '') IS NULL THEN 'missing_native_id' END AS reason,
        trim(r.source) AS source,
        trim(r.native_id) AS native_id,
        r.board, r.url, r.title, r.company, r.location, r.remote,
        r.posted_at AS posted_at_text,
        try_cast(r.posted_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS posted_at,
        r.description,
        CASE WHEN r.salary <> 'null' THEN r.salary END AS salary,
        r.level,
        r.raw,
        try_cast(r.fetched_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS fetched_at,
        r.run_id
    FROM parsed_lines
)
SELECT
    * EXCLUDE (posted_at_text, fetched_at),
    coalesce(fetched_at, $load_time) AS fetched_at,
    CASE WHEN reason IS NOT NULL THEN NULL
         WHEN fetched_at IS NULL THEN 'bad_fetched_at'
         WHEN posted_at IS NULL AND posted_at_text IS NOT NULL THEN 'bad_posted_at' END AS warning,
    -- What the posting says (not when or by which run it was seen); chr(30) marks a missing value.
    md5(concat_ws(chr(31), coalesce(title, chr(30)), coalesce(company, chr(30)), coalesce(location, chr(30)),
                  coalesce(remote::VARCHAR, chr(30)), coalesce(posted_at::VARCHAR, chr(30)),
                  coalesce(description, chr(30)), coalesce(salary::VARCHAR, chr(30)), coalesce(level, chr(30)),
                  coalesce(url, chr(30)), coalesce(board, chr(30)))) AS content_hash
FROM typed
