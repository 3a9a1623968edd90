"""Hacker News "Ask HN: Who is hiring?" threads, through the Algolia HN Search API.

Discovery: `search_by_date` over whoishiring's stories, newest first, until the months asked for are
passed. Each thread: `/api/v1/items/{id}`, the whole comment tree in one request (the Firebase API
would need one request per comment). Every top-level comment is one posting; its first line is the
"Company | Role | Location | ..." header by the thread's own convention.

    scrapy crawl hn                                   # the last 12 months
    scrapy crawl hn -a since=2011-04 -a until=2019-12 # any range back to the first thread
    scrapy crawl hn -a threads=2396027                # given thread ids, no discovery
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Response
from w3lib.html import remove_tags, replace_entities

from crawlers.items import RawPosting

THREAD_TITLE = re.compile(r"^Ask HN: Who is hiring\? \((\w+) (\d{4})\)$", re.IGNORECASE)
FIRST_MONTH = "2011-04"  # the first thread, id 2396027
_LINE_BREAK = re.compile(r"</?p>|<br\s*/?>|\n", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_REMOTE = re.compile(r"(?<!no )(?<!not )\bremote\b", re.IGNORECASE)
_ONSITE = re.compile(r"\bon-?site\b", re.IGNORECASE)


def thread_month(title: str) -> str | None:
    """"Ask HN: Who is hiring? (April 2011)" → "2011-04"; None for any other thread (Who wants to be
    hired?, Freelancer?) or a month name that doesn't parse."""
    match = THREAD_TITLE.match(title.strip())
    if match is None:
        return None
    name, year = match.groups()
    for fmt in ("%B %Y", "%b %Y"):
        try:
            return datetime.strptime(f"{name} {year}", fmt).strftime("%Y-%m")
        except ValueError:
            continue
    return None


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


def header_line(html: str) -> str:
    """The comment's first non-empty line as plain text (tags stripped, entities unescaped)."""
    for line in _LINE_BREAK.split(html):
        text = " ".join(replace_entities(remove_tags(line)).split())
        if text:
            return text
    return ""


def header_fields(header: str) -> list[str]:
    return [field.strip() for field in header.split("|") if field.strip()]


def company_of(fields: list[str]) -> str | None:
    """The first header field, without a pasted URL ("Snout https://www.snoutplans.com/"); None when
    the header isn't pipe-separated (older threads led with the location instead)."""
    if len(fields) < 2:
        return None
    return " ".join(_URL.sub("", fields[0]).split()) or None


def remote_of(fields: list[str]) -> bool | None:
    """True when a header field says remote, False when one says onsite and none remote, else None."""
    if any(_REMOTE.search(field) for field in fields):
        return True
    if any(_ONSITE.search(field) for field in fields):
        return False
    return None


def skip_reason(comment: dict[str, Any]) -> str | None:
    """Why a top-level comment is not a posting, or None when it is one."""
    if comment.get("deleted") or (comment.get("author") is None and not comment.get("text")):
        return "deleted"
    if comment.get("dead"):
        return "dead"
    if not header_line(comment.get("text") or ""):
        return "empty"
    return None


def posting(comment: dict[str, Any], month: str) -> RawPosting:
    """One top-level comment of the `month` thread as a raw posting (Algolia items-tree shape)."""
    header = header_line(comment["text"])
    fields = header_fields(header)
    return RawPosting(
        source="hn",
        native_id=str(comment["id"]),
        board=month,
        url=f"https://news.ycombinator.com/item?id={comment['id']}",
        title=header,
        company=company_of(fields),
        location=None,  # the header's field order varies; the pipeline reads the text
        remote=remote_of(fields),
        posted_at=comment.get("created_at"),
        description=comment["text"],
        salary=None,
        level=None,
        raw={key: value for key, value in comment.items() if key != "children"},  # replies aren't the post
    )


class HnSpider(scrapy.Spider):
    name = "hn"

    def __init__(
        self, since: str | None = None, until: str | None = None, threads: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        this_month = datetime.now(UTC).strftime("%Y-%m")
        self.until = month_arg(until, "until") if until else this_month
        self.since = max(month_arg(since, "since") if since else months_back(self.until, 11), FIRST_MONTH)
        self.thread_ids = [tid.strip() for tid in (threads or "").split(",") if tid.strip()]

    @property
    def base_url(self) -> str:
        return self.settings.get("HN_ALGOLIA_BASE_URL", "https://hn.algolia.com").rstrip("/")

    def count(self, reason: str) -> None:
        self.crawler.stats.inc_value(f"hn/{reason}")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.thread_ids:
            for thread_id in self.thread_ids:
                yield self.thread_request(thread_id)
        else:
            yield self.search_request(0)

    def search_request(self, page: int) -> scrapy.Request:
        url = (f"{self.base_url}/api/v1/search_by_date?tags=story,author_whoishiring"
               f"&query=hiring&page={page}")
        return scrapy.Request(url, callback=self.parse_search, cb_kwargs={"page": page})

    def thread_request(self, thread_id: str) -> scrapy.Request:
        return scrapy.Request(f"{self.base_url}/api/v1/items/{thread_id}", callback=self.parse_thread)

    def parse_search(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        result = json.loads(response.text)
        hits = result.get("hits") or []
        oldest = None
        for hit in hits:
            month = thread_month(hit.get("title") or "")
            if month is None:
                self.count("skipped/not_hiring_thread")
                continue
            oldest = month if oldest is None else min(oldest, month)
            if self.since <= month <= self.until:
                self.count("threads")
                yield self.thread_request(hit["objectID"])
        # Newest first: once a page reaches back past `since`, later pages are older still.
        if hits and page + 1 < int(result.get("nbPages") or 0) and (oldest is None or oldest >= self.since):
            yield self.search_request(page + 1)

    def parse_thread(self, response: Response) -> Iterator[RawPosting]:
        thread = json.loads(response.text)
        month = thread_month(thread.get("title") or "")
        if month is None:
            self.count("skipped/not_hiring_thread")
            return
        for comment in thread.get("children") or []:
            reason = skip_reason(comment)
            if reason is not None:
                self.count(f"skipped/{reason}")
                continue
            yield posting(comment, month)
