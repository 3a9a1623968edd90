-- A finished run listed these boards completely: their open postings it did not see (not seen since the
-- run started) have closed. Returns how many were closed.
UPDATE raw_postings
SET closed_at = try_cast($finished_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC'
WHERE source = $source
  AND list_contains($boards, board)
  AND closed_at IS NULL
  AND last_seen < try_cast($started_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC'
