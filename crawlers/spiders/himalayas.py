"""Himalayas: remote jobs, 20 a page with offset/totalCount (capped by HIMALAYAS_MAX_REQUESTS)."""

from typing import Any

import scrapy
from mljobs.crawlers.base import JsonApiSpider
from mljobs.crawlers.fields import const, epoch, names
from scrapy.http import Response


class HimalayasSpider(JsonApiSpider):
    name = "himalayas"
    path = "/jobs/api"
    attribution = "Himalayas (https://himalayas.app)"
    fields = {
        "native_id": "guid",
        "url": "applicationLink",
        "title": "title",
        "company": "companyName",
        "location": names("locationRestrictions"),
        "remote": const(True),
        "posted_at": epoch("pubDate"),  # seconds in real payloads, though the docs say ms
        "description": "description",
        "level": names("seniority"),
    }

    def query(self) -> dict[str, Any]:
        return {"limit": int(self.setting("PAGE_SIZE")), "offset": 0}

    def next_page(self, response: Response, data: Any, jobs: list[dict[str, Any]]) -> scrapy.Request | None:
        offset = int(response.meta["query"]["offset"]) + len(jobs)
        if not jobs or offset >= int(data.get("totalCount") or 0):
            return None
        return self.next_request(response, {"offset": offset})
