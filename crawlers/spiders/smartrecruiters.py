"""SmartRecruiters postings: a paged list (offset/limit, totalFound), then one detail call per posting.

The list has no description; the detail is a superset of the list item with jobAd.sections (HTML). When a
detail call fails the listed posting is still kept (without description) and the failure counted.
"""

from collections.abc import Iterable, Iterator
from typing import Any

import scrapy
from mljobs.crawlers import outcomes
from mljobs.crawlers.base import BadPayload, decode_object
from mljobs.crawlers.declared import spider_base
from mljobs.crawlers.fields import Job, get
from mljobs.crawlers.items import RawPosting
from scrapy.http import Response
from twisted.python.failure import Failure

SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


def description(job: Job) -> str | None:
    """The detail's jobAd sections as HTML, each under its title."""
    sections = get(job, "jobAd.sections") or {}
    parts = [
        f"<h2>{section.get('title') or ''}</h2>{section.get('text') or ''}"
        for key in SECTIONS
        if isinstance(section := sections.get(key), dict) and section.get("text")
    ]
    return "\n".join(parts) or None


class SmartRecruitersSpider(spider_base("smartrecruiters")):  # type: ignore[misc]
    def follow(self, job: dict[str, Any], response: Response) -> Iterable[RawPosting | scrapy.Request]:
        board = response.meta["board"]
        yield scrapy.Request(
            f"{self.url(board)}/{job['id']}",
            callback=self.parse_detail,
            errback=self.detail_failed,
            meta={"board": board, "listed": job},
        )

    def parse_detail(self, response: Response) -> Iterator[RawPosting]:
        try:
            detail = decode_object(response)
        except BadPayload as bad:
            outcomes.record_error(self.crawler, bad.reason)
            detail = response.meta["listed"]
        yield self.posting(detail, response.meta["board"])

    def detail_failed(self, failure: Failure) -> Iterator[RawPosting]:
        outcomes.record_error(self.crawler, outcomes.reason_for_failure(failure))
        meta = failure.request.meta  # type: ignore[attr-defined]
        yield self.posting(meta["listed"], meta["board"])
