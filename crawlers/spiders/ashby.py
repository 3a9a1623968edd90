"""Ashby job boards: the whole board in one response, compensation on request; unlisted jobs skipped."""

from typing import Any

from mljobs.crawlers import outcomes
from mljobs.crawlers.declared import spider_base


class AshbySpider(spider_base("ashby")):  # type: ignore[misc]
    def keep(self, job: dict[str, Any]) -> bool:
        if job.get("isListed") is False:
            outcomes.record_skip(self.crawler, "unlisted")
            return False
        return True
