"""The Muse: 20 jobs a page (page from 0 to page_count - 1), filtered to THEMUSE_CATEGORIES.

500 requests/hour without a key: THEMUSE_MAX_REQUESTS caps a crawl well below that.
"""

from typing import Any

import scrapy
from mljobs.crawlers.declared import spider_base
from mljobs.crawlers.fields import Job
from scrapy.http import Response


def remote(job: Job) -> bool | None:
    """True when a location is The Muse's "Flexible / Remote"; otherwise the source did not say."""
    places = job.get("locations") or []
    return True if any(isinstance(p, dict) and p.get("name") == "Flexible / Remote" for p in places) else None


class TheMuseSpider(spider_base("themuse")):  # type: ignore[misc]
    def query(self) -> dict[str, Any]:
        return {"page": 0, "category": self.crawler.settings.getlist("THEMUSE_CATEGORIES")}

    def next_page(self, response: Response, data: Any, jobs: list[dict[str, Any]]) -> scrapy.Request | None:
        page = int(response.meta["query"]["page"]) + 1
        if not jobs or page >= int(data.get("page_count") or 0):
            return None
        return self.next_request(response, {"page": page})
