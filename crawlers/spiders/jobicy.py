"""Jobicy: remote jobs in one request, with structured salary fields."""

from typing import Any

from mljobs.crawlers.base import JsonApiSpider
from mljobs.crawlers.fields import const, text


class JobicySpider(JsonApiSpider):
    name = "jobicy"
    path = "/api/v2/remote-jobs"
    attribution = "Jobicy (https://jobicy.com)"
    fields = {
        "native_id": text("id"),
        "url": "url",
        "title": "jobTitle",
        "company": "companyName",
        "location": "jobGeo",
        "remote": const(True),
        "posted_at": "pubDate",
        "description": "jobDescription",
        "level": "jobLevel",
    }

    def query(self) -> dict[str, Any]:
        return {"count": int(self.setting("COUNT"))}
