"""Workable careers sites: the v3 listing the hosted board itself uses (POST, JSON body).

The v1 widget API is reported to return empty job lists since 2026-07, so v3 it is. The listing carries no
description or salary; the per-job detail endpoint is unverified, so it is not called.
"""

from typing import Any

import scrapy
from mljobs.crawlers.declared import spider_base
from mljobs.crawlers.fields import Job
from scrapy.http import Response


def place(job: Job) -> str | None:
    """"City, Region, Country" of each listed location, "; "-joined."""
    spots = job.get("locations") or [job.get("location") or {}]
    joined = [", ".join(part for part in (s.get("city"), s.get("region"), s.get("country")) if part) for s in spots]
    return "; ".join(spot for spot in joined if spot) or None


class WorkableSpider(spider_base("workable")):  # type: ignore[misc]
    def posting(self, job: dict[str, Any], board: str | None):  # type: ignore[no-untyped-def]
        item = super().posting(job, board)
        item["url"] = f"https://apply.workable.com/{board}/j/{job.get('shortcode')}/"
        return item

    def next_page(self, response: Response, data: Any, jobs: list[dict[str, Any]]) -> scrapy.Request | None:
        # The hosted board pages with a "nextPage" token posted back in the body (seen on the live site,
        # not in a saved payload: the saved listing fits one page).
        token = data.get("nextPage") if isinstance(data, dict) else None
        if not token or not jobs:
            return None
        return self.next_request(response, body={**(self.post_json or {}), "token": token})
