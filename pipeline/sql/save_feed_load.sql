INSERT OR REPLACE INTO feed_loads (feed, offset_bytes, size_seen, lines, postings, bad_lines, finished, loaded_at)
VALUES ($feed, $offset_bytes, $size_seen, $lines, $postings, $bad_lines, $finished, $loaded_at)
