"""Jobicy: remote jobs in one request, with structured salary fields."""

from typing import Any

from mljobs.crawlers.declared import spider_base


class JobicySpider(spider_base("jobicy")):  # type: ignore[misc]
    def query(self) -> dict[str, Any]:
        return {"count": int(self.setting("COUNT"))}
