"""Arbeitnow: mostly German/EU jobs, paged by links.next (followed under our own base URL)."""

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import scrapy
from mljobs.crawlers.declared import spider_base
from scrapy.http import Response


class ArbeitnowSpider(spider_base("arbeitnow")):  # type: ignore[misc]
    def next_page(self, response: Response, data: Any, jobs: list[dict[str, Any]]) -> scrapy.Request | None:
        following = (data.get("links") or {}).get("next") if jobs else None
        if not following:
            return None
        # Only the query of links.next is used, so the crawl stays on the configured base URL.
        return self.next_request(response, dict(parse_qsl(urlsplit(following).query)))
