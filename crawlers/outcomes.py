"""Named reasons for everything that goes wrong, and the per-source tallies kept in the crawler's stats.

Every failure ends as one short reason (http_429, timeout, bad_json, ...) counted under
`mljobs/error/<reason>` (something was lost) or Scrapy's own `retry/reason_count/<reason>` (retried).
The run summary (crawlers/summary.py) and live progress (crawlers/run.py) read these stats.
"""

from __future__ import annotations

from typing import Any

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
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, ConnectionDone, ConnectionLost
from twisted.python.failure import Failure

ERROR_PREFIX = "mljobs/error/"
SKIPPED_PREFIX = "mljobs/skipped/"
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
    if stats.get("spider_exceptions/count"):
        errors["spider_error"] = stats["spider_exceptions/count"]  # a bug in a callback: count it, loudly
    return {
        "pages": stats.get(PAGES, 0),
        "postings": stats.get("item_scraped_count", 0),
        "errors": sum(errors.values()),
        "error_reasons": dict(sorted(errors.items())),
        "retries": dict(sorted(retries.items())),
        "skipped": dict(sorted(skipped.items())),
        "boards_complete": sorted(set(stats.get(BOARDS_COMPLETE) or [])),
    }
