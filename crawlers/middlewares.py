"""Downloader middlewares: polite retries with back-off; per-source request caps and circuit breaker;
redirects kept on the request's host and port; every refusal a named reason (crawlers/outcomes.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from mljobs.crawlers.outcomes import reason_for_exception, reason_for_status
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.asyncio import sleep


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if absent/garbled."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries on 429/5xx and network errors, plus a wait before each retry.

    The wait honours Retry-After (capped by RETRY_AFTER_MAX), else RETRY_BACKOFF_BASE doubled per attempt
    (capped by RETRY_BACKOFF_MAX). Retry reasons are our short names, so the summary can count them.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        self.backoff_base = crawler.settings.getfloat("RETRY_BACKOFF_BASE")
        self.backoff_max = crawler.settings.getfloat("RETRY_BACKOFF_MAX")
        self.retry_after_max = crawler.settings.getfloat("RETRY_AFTER_MAX")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    def backoff(self, request: Request) -> float:
        return min(self.backoff_max, self.backoff_base * 2 ** request.meta.get("retry_times", 0))

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, reason_for_status(response.status))
        if retry is None:
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        await sleep(min(self.retry_after_max, wait) if wait is not None else self.backoff(request))
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, reason_for_exception(exception))
        if retry is not None:
            await sleep(self.backoff(request))
        return retry


class RequestCapped(IgnoreRequest):
    reason = "request_cap"


class CircuitOpen(IgnoreRequest):
    reason = "circuit_open"


class SourceGateMiddleware:
    """Lets no request of a source through once its circuit breaker tripped (Scrapy would still drain the
    downloader queue while closing), nor past `<SOURCE>_MAX_REQUESTS` per crawl where a source asks for few
    requests. robots.txt is not counted."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.sent = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceGateMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider: Spider | None = self.crawler.spider
        if spider is None or request.url.endswith("/robots.txt"):
            return
        if getattr(spider, "tripped", False):
            raise CircuitOpen(f"{spider.name}: circuit breaker open")
        cap = self.crawler.settings.getint(f"{spider.name.upper()}_MAX_REQUESTS", 0)
        if cap and self.sent >= cap:
            raise RequestCapped(f"{spider.name}: request cap of {cap} reached")
        self.sent += 1


class OffsiteRedirect(IgnoreRequest):
    reason = "offsite_redirect"


class RedirectLoop(IgnoreRequest):
    reason = "redirect_loop"


class TooManyRedirects(IgnoreRequest):
    reason = "too_many_redirects"


class TooLarge(IgnoreRequest):
    reason = "too_large"


def origin(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or {"http": 80, "https": 443}.get(parts.scheme)


class OnSiteRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, except that each way one can go wrong is a named error rather than silence or
    "ignored": a redirect to another host or port (an API that moved elsewhere, or a login/parking page,
    is not the source we were told to read), back to a URL of the same chain (the scheduler's duplicate
    filter would drop it without a word), or past REDIRECT_MAX_TIMES."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        if origin(redirected.url) != origin(request.url):
            raise OffsiteRedirect(f"redirect off {request.url} to {redirected.url}")
        if redirected.url in (*request.meta.get("redirect_urls", ()), request.url):
            raise RedirectLoop(f"redirect loop back to {redirected.url}")
        try:
            return super()._redirect(redirected, request, reason)
        except IgnoreRequest as error:  # Scrapy's only one here: "max redirections reached"
            raise TooManyRedirects(f"more than {self.max_redirect_times} redirects from {request.url}") from error


class BoundedDecompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression, with a body inflating past DOWNLOAD_MAXSIZE (a gzip bomb) named "too_large",
    as a body arriving that large already is."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as error:  # Scrapy's only one here: the size limit during decompression
            raise TooLarge(str(error)) from error
