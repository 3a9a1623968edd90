-- A whole finished feed ($path) read by DuckDB's parallel JSON reader into the RawPosting fields ($fields).
-- Strict: a malformed line raises, and the loader falls back to parse_feed_lines.sql, which names the line.
SELECT NULL::BIGINT AS line_no, TRUE AS is_object, j AS r
FROM read_json($path, format = 'newline_delimited', columns = $fields) AS j
