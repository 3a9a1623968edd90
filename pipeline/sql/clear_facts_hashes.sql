-- A rebuild marks every posting's facts stale; reports keep reading the old facts until each is replaced.
UPDATE facts SET content_hash = NULL
