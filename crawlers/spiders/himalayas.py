"""Himalayas: remote jobs, 20 a page with offset/totalCount (capped by HIMALAYAS_MAX_REQUESTS)."""

from mljobs.crawlers.base import OffsetPagedSpider
from mljobs.crawlers.fields import const, epoch, names


class HimalayasSpider(OffsetPagedSpider):
    name = "himalayas"
    path = "/jobs/api"
    attribution = "Himalayas (https://himalayas.app)"
    total_at = "totalCount"
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

