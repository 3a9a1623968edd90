-- A chunk of feed lines (registered as feed_lines(line_no, line)) parsed into the RawPosting fields ($fields,
-- a JSON type spec). One parse per line: TRY turns a malformed line into NULL, and a well-formed line that
-- does not start with "{" is no object. ltrim and trim copy the line, so they run only when needed.
SELECT line_no,
       starts_with(line, '{') OR starts_with(ltrim(line), '{') AS is_object,
       try(from_json(line, $fields)) AS r
FROM feed_lines
WHERE starts_with(line, '{') OR trim(line) <> ''
