"""The raw feed's fields, defined once: what a source said about one job, before any interpretation.

One JSON object per line in the raw feed. `crawlers.items.RawPosting` is made of these names and
pipeline/load.py reads them with these DuckDB types. Plain data, no Scrapy: the store imports it too.
"""

FEED_FIELDS: dict[str, str] = {
    "source": "VARCHAR",       # spider name: "greenhouse", "hn", "jsonld", ...
    "native_id": "VARCHAR",    # the source's own id, as a string (unique within the source)
    "board": "VARCHAR",        # ATS board slug / HN thread id / site, when there is one
    "url": "VARCHAR",          # the posting's public page (attribution for boards that ask for it)
    "title": "VARCHAR",        # as given; for HN, the first line of the comment
    "company": "VARCHAR",
    "location": "VARCHAR",     # free text as given ("New York City, NY; San Francisco, CA")
    "remote": "BOOLEAN",       # True/False when the source says so, else None
    "posted_at": "VARCHAR",    # ISO 8601 string as best the source gives it (HN: the comment time)
    "description": "VARCHAR",  # HTML (or text) exactly as given, entity escaping and mojibake included
    # The source's own salary fields under their own key names (the pay_fields of crawlers/sources.toml), or
    # None: greenhouse {"pay_input_ranges": [...]}, remoteok {"salary_min":..,"salary_max":..}, remotive
    # "free text", jsonld {"baseSalary":...}
    "salary": "JSON",
    "level": "VARCHAR",        # the source's own experience-level field as a string, or None
    "raw": "JSON",             # the whole object as the source gave it
    "fetched_at": "VARCHAR",   # ISO 8601 UTC time of the fetch
    "run_id": "VARCHAR",       # the crawl run that saw it
}
