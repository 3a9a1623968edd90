-- One line per posting in the staged chunk (a crawl may list a posting twice): the newest sighting, with
-- the earliest sighting's time as its first_seen (lines are numbered only when read line by line).
-- Ranked over the key columns only, so wide rows aren't sorted.
CREATE OR REPLACE TEMP TABLE newest AS
SELECT row_id, first_seen
FROM (SELECT rowid AS row_id,
             row_number() OVER (PARTITION BY source, native_id
                                ORDER BY fetched_at DESC, line_no DESC NULLS LAST, content_hash) AS rank,
             min(fetched_at) OVER (PARTITION BY source, native_id) AS first_seen
      FROM staged
      WHERE reason IS NULL)
WHERE rank = 1
