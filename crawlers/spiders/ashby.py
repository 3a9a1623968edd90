"""Ashby job boards: the whole board in one response, compensation on request; unlisted jobs skipped."""

from typing import Any

from mljobs.crawlers import outcomes
from mljobs.crawlers.base import JsonApiSpider
from mljobs.crawlers.fields import text


class AshbySpider(JsonApiSpider):
    name = "ashby"
    path = "/posting-api/job-board/{board}"
    params = {"includeCompensation": "true"}
    has_boards = True
    fields = {
        "native_id": text("id"),
        "url": "jobUrl",
        "title": "title",
        "location": "location",
        "remote": "isRemote",
        "posted_at": "publishedAt",
        "description": "descriptionHtml",
    }

    def keep(self, job: dict[str, Any]) -> bool:
        if job.get("isListed") is False:
            outcomes.record_skip(self.crawler, "unlisted")
            return False
        return True
