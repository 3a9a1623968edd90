"""Lever postings: a JSON array per site, paged with skip/limit until a short page."""

from typing import Any

import scrapy
from mljobs.crawlers.declared import spider_base
from scrapy.http import Response


class LeverSpider(spider_base("lever")):  # type: ignore[misc]
    def query(self) -> dict[str, Any]:
        return {"mode": "json", "skip": 0, "limit": int(self.setting("PAGE_SIZE"))}

    def next_page(self, response: Response, data: Any, jobs: list[dict[str, Any]]) -> scrapy.Request | None:
        query = response.meta["query"]
        if len(jobs) < int(query["limit"]):
            return None
        return self.next_request(response, {"skip": int(query["skip"]) + len(jobs)})
