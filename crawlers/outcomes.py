"""Named reasons for everything that goes wrong, and the per-source tallies kept in the crawler's stats.

Every failure ends as one short reason (http_429, timeout, bad_json, ...) counted under
`mljobs/error/<reason>` (something was lost) or Scrapy's own `retry/reason_count/<reason>` (retried).
The run summary (crawlers/summary.py) and live progress (crawlers/run.py) read these stats.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, ConnectionDone, ConnectionLost, DNSLookupError
from twisted.internet.error import ConnectionRefusedError as TwistedConnectionRefused
from twisted.python.failure import Failure

ERROR_PREFIX = "mljobs/error/"
SKIPPED_PREFIX = "mljobs/skipped/"
REPAIRED_PREFIX = "mljobs/repaired/"
BOARDS_INCOMPLETE = "mljobs/boards_incomplete"
DETAIL_PREFIX = "mljobs/detail/"
RETRY_PREFIX = "retry/reason_count/"
PAGES = "mljobs/pages"
BOARDS_COMPLETE = "mljobs/boards_complete"
CONSECUTIVE_ERRORS = "mljobs/consecutive_errors"

# Reasons that say nothing about the source's health: they never trip the circuit breaker.
NOT_FAILURES = frozenset({"empty_board", "no_boards", "request_cap", "page_cap", "no_progress", "circuit_open",
                          "circuit_breaker"})


def reason_for_status(status: int) -> str:
    if status == 404:
        return "not_found"
    if status == 429:
        return "http_429"
    if 500 <= status < 600:
        return "http_5xx"
    return f"http_{status}"


def reason_for_exception(error: BaseException) -> str:
    if isinstance(error, HttpError):
        return reason_for_status(error.response.status)
    if isinstance(error, IgnoreRequest):
        # RobotsTxtMiddleware says "Forbidden by robots.txt"; our gate middleware names its own reasons.
        return getattr(error, "reason", None) or (
            "robots_disallowed" if "robots.txt" in str(error) else "ignored"
        )
    if isinstance(error, DownloadTimeoutError):
        return "timeout"
    if isinstance(error, DownloadCancelledError):
        return "too_large"  # the only cancel Scrapy does on its own is DOWNLOAD_MAXSIZE
    if isinstance(error, ResponseDataLossError):
        return "data_loss"
    if isinstance(
        error,
        CannotResolveHostError | DownloadConnectionRefusedError | ConnectError | ConnectionDone | ConnectionLost,
    ):
        return "connection"
    if isinstance(error, DownloadFailedError):
        return "download_failed"
    return type(error).__name__.lower()


def reason_for_failure(failure: Failure) -> str:
    return reason_for_exception(failure.value)


def where(url: str, with_port: bool = False) -> str:
    """A URL's host as written (`host` or `host:port`); with_port: always `host:port`, the default port if none."""
    parts = urlsplit(url)
    if not with_port:
        return parts.netloc or url
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{parts.hostname or url}:{port or (443 if parts.scheme == 'https' else 80)}"


def describe_exception(error: BaseException, url: str) -> str | None:
    """What a download failure means, in words a user acts on; None when the reason name says it all."""
    if isinstance(error, CannotResolveHostError | DNSLookupError):
        return f"cannot resolve {urlsplit(url).hostname or url}: no network?"
    if isinstance(error, DownloadConnectionRefusedError | TwistedConnectionRefused):
        return f"cannot connect to {where(url, with_port=True)}"
    if isinstance(error, DownloadTimeoutError):
        return f"no answer from {where(url)} in time"
    if isinstance(error, ConnectError | ConnectionDone | ConnectionLost | ResponseDataLossError):
        return f"connection to {where(url)} lost"
    return None


class FailureDetailMiddleware:
    """Downloader middleware next to the downloader: notes, per error reason, what last failed and where
    (`mljobs/detail/<reason>` in the stats), so a source that fetched nothing can say why in one line.
    It changes nothing: retries, counts and reasons stay with the middlewares and spiders that own them."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailureDetailMiddleware:
        return cls(crawler)

    def _note(self, reason: str, detail: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(DETAIL_PREFIX + reason, detail)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if response.status >= 400 and not request.url.endswith("/robots.txt"):
            self._note(reason_for_status(response.status), f"HTTP {response.status} from {where(request.url)}")
        return response

    def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None) -> None:
        detail = describe_exception(exception, request.url)
        if detail:
            self._note(reason_for_exception(exception), detail)


def record_error(crawler: Crawler, reason: str) -> int:
    """Count a loss; returns how many real failures happened in a row (for the circuit breaker)."""
    stats = crawler.stats
    assert stats is not None
    stats.inc_value(ERROR_PREFIX + reason)
    if reason in NOT_FAILURES:
        return stats.get_value(CONSECUTIVE_ERRORS, 0)
    stats.inc_value(CONSECUTIVE_ERRORS)
    return stats.get_value(CONSECUTIVE_ERRORS)


def record_skip(crawler: Crawler, reason: str) -> None:
    """A listed entry deliberately not turned into a posting (unlisted job, legal notice, deleted comment)."""
    stats = crawler.stats
    assert stats is not None
    stats.inc_value(SKIPPED_PREFIX + reason)


def record_repair(crawler: Crawler, reason: str, count: int = 1) -> None:
    """Something in a posting was mended to be written (a lone surrogate became U+FFFD): kept, and said."""
    stats = crawler.stats
    assert stats is not None
    stats.inc_value(REPAIRED_PREFIX + reason, count)


def record_board_incomplete(crawler: Crawler, board: str | None) -> None:
    """A posting of this board was lost after listing (feed write failed): the board may not close postings."""
    stats = crawler.stats
    assert stats is not None
    boards = stats.get_value(BOARDS_INCOMPLETE) or []
    stats.set_value(BOARDS_INCOMPLETE, [*boards, board])


def record_page(crawler: Crawler) -> None:
    stats = crawler.stats
    assert stats is not None
    stats.inc_value(PAGES)
    stats.set_value(CONSECUTIVE_ERRORS, 0)


def record_board_complete(crawler: Crawler, board: str) -> None:
    stats = crawler.stats
    assert stats is not None
    boards = stats.get_value(BOARDS_COMPLETE) or []
    stats.set_value(BOARDS_COMPLETE, [*boards, board])


def tally(stats: dict[str, Any]) -> dict[str, Any]:
    """One source's counts from a crawler's stats, in the run-summary shape (status added by the caller)."""
    errors = {key[len(ERROR_PREFIX):]: n for key, n in stats.items() if key.startswith(ERROR_PREFIX)}
    retries = {key[len(RETRY_PREFIX):]: n for key, n in stats.items() if key.startswith(RETRY_PREFIX)}
    skipped = {key[len(SKIPPED_PREFIX):]: n for key, n in stats.items() if key.startswith(SKIPPED_PREFIX)}
    repaired = {key[len(REPAIRED_PREFIX):]: n for key, n in stats.items() if key.startswith(REPAIRED_PREFIX)}
    incomplete = set(stats.get(BOARDS_INCOMPLETE) or [])
    details = {key[len(DETAIL_PREFIX):]: text for key, text in stats.items()
               if key.startswith(DETAIL_PREFIX) and key[len(DETAIL_PREFIX):] in errors}
    if stats.get("spider_exceptions/count"):
        errors["spider_error"] = stats["spider_exceptions/count"]  # a bug in a callback: count it, loudly
    return {
        "pages": stats.get(PAGES, 0),
        "postings": stats.get("item_scraped_count", 0),
        "errors": sum(errors.values()),
        "error_reasons": dict(sorted(errors.items())),
        "retries": dict(sorted(retries.items())),
        "skipped": dict(sorted(skipped.items())),
        "repaired": dict(sorted(repaired.items())),
        "boards_complete": sorted(set(stats.get(BOARDS_COMPLETE) or []) - incomplete),
        "error_details": dict(sorted(details.items())),
    }


def fetched_nothing(entry: dict[str, Any]) -> bool:
    """A source that ended with no page and no posting, because something failed."""
    return not entry.get("pages") and not entry.get("postings") and (
        bool(entry.get("errors")) or entry.get("status") == "failed")


def why_nothing(source: str, entry: dict[str, Any]) -> str:
    """One line on why a source fetched nothing: its own message, else its commonest real failure."""
    if entry.get("message"):
        message = str(entry["message"]).splitlines()[0]
        return message.removeprefix(f"{source}: ")
    counts: dict[str, int] = entry.get("error_reasons") or {}
    ranked = sorted(counts, key=lambda reason: (reason in NOT_FAILURES, -counts[reason], reason))
    if not ranked:
        return "fetched nothing (no error recorded)"
    reason = ranked[0]
    detail = (entry.get("error_details") or {}).get(reason)
    if detail:
        return detail
    if reason.startswith("http_") and reason[5:].isdigit():
        return f"HTTP {reason[5:]}"
    return WHY.get(reason, f"{reason} ({counts[reason]} times)")


WHY = {
    "no_boards": "no boards to crawl (name some with --board or in the boards file)",
    "robots_disallowed": "its robots.txt disallows the requests",
    "circuit_breaker": "stopped after failures in a row",
    "not_found": "HTTP 404",
    "http_429": "HTTP 429 (rate limited)",
    "http_5xx": "HTTP 5xx (the server failed)",
    "timeout": "requests timed out",
    "connection": "cannot connect",
    "bad_json": "answers are not the JSON expected",
    "html_instead_of_json": "answers are HTML pages, not the JSON expected",
    "empty_board": "boards list no jobs",
}
