"""The one door from the CLI into Scrapy: run spiders in-process and return the run summary.

Feed contract (what pipeline/load.py reads). Each crawl run writes into `<data_dir>/feeds/`:

- `<run_id>.jsonl` — one `crawlers.items.RawPosting` per line (source, native_id, board, url, title,
  company, location, remote, posted_at, description, salary, level, raw, fetched_at, run_id), UTF-8,
  written and flushed as items arrive: a killed crawl loses nothing already written, but the last line may
  be partial (loaders skip a line that does not parse).
- `<run_id>.run.json` — the run summary, rewritten as the crawl goes (after each source closes) and at
  the end:
      {"run_id": "20261128T031500Z-ab12", "started_at": ISO, "finished_at": ISO or null while running,
       "status": "running" | "finished" | "partial" | "failed",
       "sources": {name: {"pages": int, "postings": int, "errors": int,
                          "error_reasons": {reason: count},   # failures that lost something
                          "retries": {reason: count},         # transient failures retried (nothing lost)
                          "status": "finished" | "stopped" | "failed",
                          "boards_complete": [slugs fully listed in this run]}}}
  Reasons are short names: http_429, http_5xx, http_403, not_found, timeout, connection, data_loss,
  bad_json, html_instead_of_json, too_large, robots_disallowed, request_cap, empty_board, circuit_breaker.
  "errors" is the sum of error_reasons. A source is "stopped" when its circuit breaker tripped (or the
  run was interrupted), "failed" when it fetched no page at all.

run_id is the UTC start time plus 4 random hex digits, e.g. "20261128T031500Z-ab12"; the file names
sort by time.
"""

