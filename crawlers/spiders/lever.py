"""Lever postings: a JSON array per site, paged with skip/limit until a short page."""

from typing import Any

import scrapy
from mljobs.crawlers.base import JsonApiSpider
from mljobs.crawlers.fields import epoch, equals, text
from scrapy.http import Response


class LeverSpider(JsonApiSpider):
    name = "lever"
    path = "/v0/postings/{board}"
    has_boards = True
    jobs_at = None
    fields = {
        "native_id": text("id"),
        "url": "hostedUrl",
        "title": "text",
        "location": "categories.location",
        "remote": equals("workplaceType", "remote", falsy=("onsite", "on-site", "hybrid")),
        "posted_at": epoch("createdAt", unit=1000),
        "description": "description",
    }

    def query(self) -> dict[str, Any]:
        return {"mode": "json", "skip": 0, "limit": int(self.setting("PAGE_SIZE"))}

    def next_page(self, response: Response, data: Any, jobs: list[dict[str, Any]]) -> scrapy.Request | None:
        query = response.meta["query"]
        if len(jobs) < int(query["limit"]):
            return None
        return self.next_request(response, {"skip": int(query["skip"]) + len(jobs)})
