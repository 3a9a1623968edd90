-- Per posting, the normalised company / title / location and a fingerprint of its description's opening
-- (the first 200 words, lower-cased ASCII letters and digits: past the company boilerplate that opens many
-- postings, before the footers that boards append; NULL under 20 words — too short to tell jobs
-- apart). Legal suffixes (Inc, LLC, GmbH, ...) do not make companies different.
WITH norm AS (
    SELECT f.source, f.native_id, r.first_seen,
           trim(regexp_replace(regexp_replace(regexp_replace(lower(coalesce(r.company, '')), '[^a-z0-9]+', ' ', 'g'),
                '\b(inc|llc|ltd|limited|gmbh|corp|corporation|co|plc|ag|sa|bv|the)\b', ' ', 'g'), ' +', ' ', 'g'))
               AS company_key,
           trim(regexp_replace(lower(coalesce(r.title, '')), '[^a-z0-9]+', ' ', 'g')) AS title_key,
           trim(regexp_replace(lower(coalesce(r.location, '')), '[^a-z0-9]+', ' ', 'g')) AS location_key,
           string_split(trim(regexp_replace(lower(coalesce(f.description_text, '')), '[^a-z0-9]+', ' ', 'g')), ' ')
               AS words
    FROM facts AS f
    JOIN raw_postings AS r USING (source, native_id)
)
SELECT source, native_id, first_seen, company_key, title_key, location_key,
       CASE WHEN len(words) >= 20 THEN md5(array_to_string(words[1:200], ' ')) END AS fingerprint
FROM norm
