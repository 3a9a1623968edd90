"""Hacker News "Ask HN: Who is hiring?" threads, through the Algolia HN Search API.

Discovery: `search_by_date` over whoishiring's stories, newest first, until the months asked for are
passed. Each thread: `/api/v1/items/{id}`, the whole comment tree in one request (the Firebase API
would need one request per comment). Every top-level comment is one posting; its first line is the
"Company | Role | Location | ..." header by the thread's own convention.

    scrapy crawl hn                                   # the last 12 months
    scrapy crawl hn -a since=2011-04 -a until=2019-12 # any range back to the first thread
    scrapy crawl hn -a threads=2396027                # given thread ids, no discovery

Incremental: a month some ended run read whole after the month was over is not fetched again (skipped as
"already_complete"; crawlers/hn_history.py), unless HN_REFETCH is set. Each thread read whole is listed in the
run summary's boards_complete, and with HN_PROGRESS set one line per thread goes to stderr.
"""

from __future__ import annotations

import calendar
import re
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, ClassVar

import scrapy
from mljobs.crawlers import hn_header, hn_history, outcomes
from mljobs.crawlers.base import BadPayload, decode_object
from mljobs.crawlers.declared import spider_base
from mljobs.crawlers.identity import RunIdentity
from mljobs.crawlers.items import RawPosting
from scrapy.http import Response
from w3lib.html import remove_tags, replace_entities

Comment = dict[str, Any]

THREAD_TITLE = re.compile(r"^Ask HN: Who is hiring\? \((\w+) (\d{4})\)$", re.IGNORECASE)
FIRST_MONTH = "2011-04"  # the first thread, id 2396027
_LINE_BREAK = re.compile(r"</?p>|<br\s*/?>|\n", re.IGNORECASE)


def thread_month(title: str) -> str | None:
    """"Ask HN: Who is hiring? (April 2011)" → "2011-04"; None for any other thread (Who wants to be
    hired?, Freelancer?) or a word that isn't a month ("Sept" and "Sep" are)."""
    match = THREAD_TITLE.match(title.strip())
    if match is None:
        return None
    name, year = match.groups()
    months = [n for n, full in enumerate(calendar.month_name) if full and full.lower().startswith(name.lower())]
    return f"{year}-{months[0]:02d}" if len(name) >= 3 and months else None


def month_arg(value: str, name: str) -> str:
    """A YYYY-MM spider argument, checked; a clear error instead of a silently empty crawl."""
    try:
        return datetime.strptime(value.strip(), "%Y-%m").strftime("%Y-%m")
    except ValueError:
        raise ValueError(f"hn: {name}={value!r} is not a month like 2011-04") from None


def months_back(month: str, count: int) -> str:
    year, mon = map(int, month.split("-"))
    index = year * 12 + mon - 1 - count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@lru_cache(maxsize=64)  # several fields read the same comment's header
def header_line(html: str) -> str:
    """The comment's first non-empty line as plain text (tags stripped, entities unescaped)."""
    start = 0
    while True:  # line by line, stopping at the first (a post is a few KB, its header one line)
        found = _LINE_BREAK.search(html, start)
        text = " ".join(replace_entities(remove_tags(html[start:found.start() if found else None])).split())
        if text or found is None:
            return text
        start = found.end()


@lru_cache(maxsize=64)
def _parsed_header(line: str) -> hn_header.Header:
    return hn_header.parse(line, company_first=True) if hn_header.looks_like_header(line) else hn_header.Header()


def header(comment: Comment) -> hn_header.Header:
    """The parsed "Company | Role | Location | ..." header (the pipeline's parser); empty for the older
    free-form first lines ("Montreal - PHP/MySQL Developer"), which name no company reliably."""
    return _parsed_header(header_line(comment.get("text") or ""))


def skip_reason(comment: Comment) -> str | None:
    """Why a top-level comment is not a posting, or None when it is one."""
    if comment.get("deleted") or (comment.get("author") is None and not comment.get("text")):
        return "deleted"
    if comment.get("dead"):
        return "dead"
    if not header_line(comment.get("text") or ""):
        return "empty"
    return None


# -- the posting fields sources.toml names as code ([hn.fields]) ---------------------------------------------
def item_url(comment: Comment) -> str:
    return f"https://news.ycombinator.com/item?id={comment['id']}"


def title(comment: Comment) -> str:
    return header_line(comment.get("text") or "")


def company(comment: Comment) -> str | None:
    return header(comment).company


def locations(comment: Comment) -> str | None:
    return "; ".join(header(comment).locations) or None


def remote(comment: Comment) -> bool | None:
    return header(comment).remote


class HnSpider(spider_base("hn")):  # type: ignore[misc]
    """Discovery pages are the JSON API pages of the base (`hits`, paged by `page`); each kept hit (a
    thread in the month range) is followed to its tree, whose top-level comments are the postings."""

    arguments: ClassVar[dict[str, str]] = {"since": "SINCE", "until": "UNTIL", "threads": "THREADS"}

    def configure(self) -> None:
        """Arguments (-a since=2011-04) win over settings (-s HN_SINCE=2011-04); checked before any request."""
        since, until, threads = (self.argument(key) for key in ("SINCE", "UNTIL", "THREADS"))
        self.until = month_arg(until, "until") if until else datetime.now(UTC).strftime("%Y-%m")
        self.since = max(month_arg(since, "since") if since else months_back(self.until, 11), FIRST_MONTH)
        self.thread_ids = [tid.strip() for tid in str(threads or "").split(",") if tid.strip()]
        settings = self.crawler.settings
        feeds = RunIdentity.from_settings(settings).feed_path.parent
        self.complete = set() if settings.getbool("HN_REFETCH") else hn_history.complete_months(feeds)
        self.threads_done = 0
        self.months_to_fetch = len(set(hn_history.months_between(self.since, self.until)) - self.complete)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if not self.thread_ids:
            async for request in super().start():
                yield request
        for thread_id in self.thread_ids:
            yield self.thread_request(thread_id)

    def thread_request(self, thread_id: str) -> scrapy.Request:
        return scrapy.Request(f"{self.base_url}/api/v1/items/{thread_id}", callback=self.parse_thread,
                              errback=self.failed)

    # -- discovery (the base's parse over search pages) ----------------------------------------------------
    def keep(self, hit: dict[str, Any]) -> bool:
        month = thread_month(hit.get("title") or "")
        if month is None:
            self.skipped("not_hiring_thread")
            return False
        if not self.since <= month <= self.until:
            return False
        if month in self.complete:
            self.skipped("already_complete")  # read whole by an earlier run, after the month was over
            return False
        return True

    def follow(self, hit: dict[str, Any], response: Response) -> Iterator[scrapy.Request]:
        yield self.thread_request(str(hit["objectID"]))

    def next_page(self, response: Response, data: Any, hits: list[dict[str, Any]]) -> scrapy.Request | None:
        page = int(response.meta["query"]["page"]) + 1
        months = [month for hit in hits if (month := thread_month(hit.get("title") or ""))]
        # Newest first: once a page reaches back past `since`, every later page is older still.
        if not hits or page >= int(data.get("nbPages") or 0) or (months and min(months) < self.since):
            return None
        return self.next_request(response, {"page": page})

    # -- one thread ----------------------------------------------------------------------------------------
    def parse_thread(self, response: Response) -> Iterator[RawPosting | scrapy.Request]:
        try:
            thread = decode_object(response)
        except BadPayload as bad:
            yield from self.bad_payload(response, bad.reason)
            return
        outcomes.record_page(self.crawler)
        month = thread_month(thread.get("title") or "")
        if month is None:
            self.skipped("not_hiring_thread")
            return
        for comment in thread.get("children") or []:
            reason = skip_reason(comment)
            if reason is not None:
                self.skipped(reason)
                continue
            # Replies are not the post: raw is the comment without its children.
            item = self.posting({key: value for key, value in comment.items() if key != "children"}, None)
            item["board"] = month  # the thread's month: what trends count postings by
            yield item
        outcomes.record_board_complete(self.crawler, month)  # the whole tree was read
        self.threads_done += 1
        if self.crawler.settings.getbool("HN_PROGRESS"):
            total = "" if self.thread_ids else f" ({self.threads_done} of {self.months_to_fetch} months)"
            comments = len(thread.get("children") or [])
            print(f"hn {month}: thread {thread.get('id')}, {comments} comments read{total}", file=sys.stderr,
                  flush=True)
