"""The raw posting: what a source said about one job, before any interpretation.

One JSON object per line in the raw feed. Spiders fill what the source gives and leave the rest None;
`pipeline/` interprets (text, role, seniority, skills, salary).
"""

import scrapy


class RawPosting(scrapy.Item):
    source = scrapy.Field()        # spider name: "greenhouse", "hn", "jsonld", ...
    native_id = scrapy.Field()     # the source's own id, as a string (unique within the source)
    board = scrapy.Field()         # ATS board slug / HN thread id / site, when there is one
    url = scrapy.Field()           # the posting's public page (attribution for boards that ask for it)
    title = scrapy.Field()         # as given; for HN, the first line of the comment
    company = scrapy.Field()
    location = scrapy.Field()      # free text as given ("New York City, NY; San Francisco, CA")
    remote = scrapy.Field()        # True/False when the source says so, else None
    posted_at = scrapy.Field()     # ISO 8601 string as best the source gives it (HN: the comment time)
    description = scrapy.Field()   # HTML (or text) exactly as given, entity escaping and mojibake included
    salary = scrapy.Field()        # the source's own salary fields under their own key names, or None:
    #   greenhouse {"pay_input_ranges": [...]}, lever {"salaryRange": {...}, "salaryDescriptionPlain": ...},
    #   ashby {"compensation": {...}}, remoteok {"salary_min":..,"salary_max":..}, remotive "free text",
    #   himalayas {"minSalary","maxSalary","currency"}, jobicy {"salaryMin",...}, jsonld {"baseSalary":...}
    level = scrapy.Field()         # the source's own experience-level field as a string, or None
    raw = scrapy.Field()           # the whole object as the source gave it
    fetched_at = scrapy.Field()    # ISO 8601 UTC time of the fetch
    run_id = scrapy.Field()        # the crawl run that saw it
