SELECT offset_bytes, size_seen, lines, postings, bad_lines, finished FROM feed_loads WHERE feed = $1
