"""Remote OK: the whole board as one JSON array whose element 0 is the legal notice (skipped).

Their terms ask for a followed link back naming Remote OK: each posting's url is its remoteok.com page.
"""

from typing import Any

from mljobs.crawlers import outcomes
from mljobs.crawlers.declared import spider_base


class RemoteOkSpider(spider_base("remoteok")):  # type: ignore[misc]
    def keep(self, job: dict[str, Any]) -> bool:
        if "legal" in job or job.get("id") is None:
            outcomes.record_skip(self.crawler, "legal_notice")
            return False
        return True
