"""What every mljobs spider shares, JSON API or JSON-LD pages: arguments over settings, checked before any
request; everything that goes wrong counted under a named reason (crawlers/outcomes.py), with a circuit
breaker closing a source that fails CIRCUIT_BREAKER_ERRORS requests in a row; and the raw posting's envelope.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar, Self

import scrapy
from mljobs.crawlers import outcomes
from mljobs.crawlers.items import RawPosting
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from twisted.python.failure import Failure


class SourceSpider(scrapy.Spider):
    # Spider arguments that win over their settings (`-a since=2011-04` over `-s HN_SINCE=...`): argument
    # name -> setting suffix. `run_crawl` passes no arguments, so every one has a setting too.
    arguments: ClassVar[dict[str, str]] = {}

    def __init__(self, name: str | None = None, **kwargs: Any) -> None:
        self.given = {suffix: kwargs.pop(argument, None) for argument, suffix in self.arguments.items()}
        super().__init__(name, **kwargs)
        self.tripped = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.configure()
        return spider

    # -- configuration -------------------------------------------------------------------------------
    def configure(self) -> None:
        """Read arguments and settings before any request; raise ValueError saying what is wrong."""

    def setting(self, suffix: str, default: Any = None) -> Any:
        return self.crawler.settings.get(f"{self.name.upper()}_{suffix}", default)

    def argument(self, suffix: str) -> Any:
        """The spider argument for a setting suffix when given, else the setting."""
        return self.given.get(suffix) or self.setting(suffix)

    # -- postings and what went wrong ------------------------------------------------------------------
    def raw_posting(self, raw: dict[str, Any], board: str | None) -> RawPosting:
        """A posting of this source with its raw object and fetch time; the spider fills the fields."""
        return RawPosting(source=self.name, board=board, raw=raw,
                          fetched_at=datetime.now(UTC).isoformat(timespec="seconds"))

    def skipped(self, reason: str) -> None:
        """An entry deliberately not turned into a posting: counted in the run summary, never an error."""
        outcomes.record_skip(self.crawler, reason)

    def failed(self, failure: Failure) -> None:
        self.count_failure(outcomes.reason_for_failure(failure))

    def count_failure(self, reason: str) -> None:
        in_a_row = outcomes.record_error(self.crawler, reason)
        limit = self.crawler.settings.getint("CIRCUIT_BREAKER_ERRORS")
        if limit and in_a_row >= limit and not self.tripped:
            self.tripped = True
            outcomes.record_error(self.crawler, "circuit_breaker")
            raise CloseSpider("circuit_breaker")
