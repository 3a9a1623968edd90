"""Workday careers sites: the cxs listing each hosted site uses itself (POST, JSON body, offset paging).

A board is "tenant/datacenter/site" (acme/wd5/External for acme.wd5.myworkdayjobs.com/External): each company
has a host of its own. The listing carries no description or pay (a detail call per job would; not made).
"""

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from mljobs.crawlers.declared import spider_base
from mljobs.crawlers.fields import Job
from mljobs.crawlers.items import RawPosting

POSTED = re.compile(r"Posted (Today|Yesterday|(\d+) Days? Ago)$")


def posted(job: Job) -> str | None:
    """The date "Posted Today|Yesterday|9 Days Ago" means now; "Posted 30+ Days Ago" says too little."""
    match = POSTED.match(job.get("postedOn") or "")
    if match is None:
        return None
    days = int(match[2]) if match[2] else 0 if match[1] == "Today" else 1
    return (datetime.now(UTC) - timedelta(days=days)).date().isoformat()


class WorkdaySpider(spider_base("workday")):  # type: ignore[misc]
    def configure(self) -> None:
        wrong = [board for board in self.board_slugs() if len(str(board).split("/")) != 3]
        if wrong:
            raise ValueError(f"workday: board {wrong[0]!r} is not tenant/datacenter/site, e.g. acme/wd5/External")

    def url(self, board: str | None) -> str:
        tenant, datacenter, site = str(board).split("/")
        root = self.base_url.format(tenant=tenant, datacenter=datacenter)
        return root + self.path.format(tenant=quote(tenant, safe=""), site=quote(site, safe=""))

    def posting(self, job: dict[str, Any], board: str | None) -> RawPosting:
        item = super().posting(job, board)
        tenant, datacenter, site = str(board).split("/")
        item["company"] = tenant
        public = str(self.source.api if self.source else "").format(tenant=tenant, datacenter=datacenter)
        item["url"] = f"{public}/{site}{job.get('externalPath') or ''}"
        return item
