"""The raw feed: every posting appended to `<data_dir>/feeds/<run_id>.jsonl` and flushed at once.

Flushing per line is what makes a killed crawl lose nothing already scraped (at most a partial last line,
which the loader skips). Scrapy's feed exports buffer, so this small writer does it instead.
"""

from __future__ import annotations

import json
from typing import IO

from mljobs.crawlers.identity import RunIdentity
from mljobs.crawlers.items import RawPosting
from scrapy import Spider
from scrapy.crawler import Crawler

FIELDS = tuple(RawPosting.fields)


class FeedWriter:
    def __init__(self, identity: RunIdentity) -> None:
        self.identity = identity
        self.file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FeedWriter:
        return cls(RunIdentity.from_settings(crawler.settings))

    def open_spider(self, spider: Spider | None = None) -> None:
        self.file = self.identity.feed_path.open("a", encoding="utf-8")

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None

    def process_item(self, item: RawPosting, spider: Spider | None = None) -> RawPosting:
        assert self.file is not None
        item["run_id"] = self.identity.run_id
        line = json.dumps({name: item.get(name) for name in FIELDS}, ensure_ascii=False, default=str)
        self.file.write(line + "\n")
        self.file.flush()
        return item
