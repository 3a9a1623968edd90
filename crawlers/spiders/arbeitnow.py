"""Arbeitnow: mostly German/EU jobs, paged by links.next (followed under our own base URL)."""

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import scrapy
from mljobs.crawlers.base import JsonApiSpider
from mljobs.crawlers.fields import epoch
from scrapy.http import Response


class ArbeitnowSpider(JsonApiSpider):
    name = "arbeitnow"
    path = "/api/job-board-api"
    jobs_at = "data"
    attribution = "Arbeitnow (https://www.arbeitnow.com)"
    fields = {
        "native_id": "slug",
        "url": "url",
        "title": "title",
        "company": "company_name",
        "location": "location",
        "remote": "remote",
        "posted_at": epoch("created_at"),
        "description": "description",
    }

    def next_page(self, response: Response, data: Any, jobs: list[dict[str, Any]]) -> scrapy.Request | None:
        following = (data.get("links") or {}).get("next") if jobs else None
        if not following:
            return None
        # Only the query of links.next is used, so the crawl stays on the configured base URL.
        return self.next_request(response, dict(parse_qsl(urlsplit(following).query)))
