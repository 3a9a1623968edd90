"""The raw posting item: one field per name of the feed (crawlers/feed_fields.py says what each holds).

Spiders fill what the source gives and leave the rest None; `pipeline/` interprets (text, role, seniority,
skills, salary).
"""

import scrapy
from mljobs.crawlers.feed_fields import FEED_FIELDS


class RawPosting(scrapy.Item):
    fields = {name: scrapy.Field() for name in FEED_FIELDS}
