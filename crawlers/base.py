"""The base class of every JSON API spider: a source is a few attributes (the alltheplaces way), declared in
its crawlers/sources.toml tables (crawlers/declared.py makes the class):

    [greenhouse.spider]
    path = "/v1/boards/{board}/jobs"     # the real API path under the base URL (GREENHOUSE_BASE_URL)
    params = { content = "true" }
    has_boards = true                    # one request chain per board slug
    jobs_at = "jobs"                     # where the job list is ("": the body is the list)
    [greenhouse.fields]                  # RawPosting field -> path or reader (crawlers/fields.py)
    native_id = { text = "id" }
    title = "title"

The API root, the default boards and the pay fields passed on as `salary` come from the same table.

Hooks for sources that page or fetch details, in crawlers/spiders/<name>.py: `keep(job)`,
`next_page(response, data, jobs)` and `follow(job, response)`; `url(board)` for a source whose boards live on
hosts of its own beyond a "{board}" in its API root. Everything that goes wrong is counted under a named reason
(crawlers/outcomes.py); a source failing CIRCUIT_BREAKER_ERRORS requests in a row is closed with reason
"circuit_breaker".

Paging is bounded whatever the API answers: a board stops at `max_pages` pages ("page_cap"; the settings
`<SOURCE>_MAX_PAGES`, then `MLJOBS_MAX_PAGES`, win over the class attribute), and at a page listing only jobs
the board already listed ("no_progress"), e.g. a next token handed out forever over the same postings.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, ClassVar, Self
from urllib.parse import quote, urlencode

import scrapy
from mljobs.crawlers import outcomes, sources
from mljobs.crawlers.boards import boards_for
from mljobs.crawlers.fields import Code, Reader, Spec, pick, read
from mljobs.crawlers.items import RawPosting
from mljobs.crawlers.spider import SourceSpider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import JsonRequest, Response

HOST_PART = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")  # one label of a host name

Output = Iterator[RawPosting | scrapy.Request]


class BadPayload(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode_json(response: Response) -> Any:
    """The JSON body, or BadPayload("html_instead_of_json" | "bad_json")."""
    body = response.body.lstrip()
    if body[:1] == b"<":
        raise BadPayload("html_instead_of_json")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadPayload("bad_json") from error


def decode_object(response: Response) -> dict[str, Any]:
    """The JSON body when it is an object (one thread, one posting's detail), or BadPayload."""
    data = decode_json(response)
    if not isinstance(data, dict):
        raise BadPayload("unexpected_shape")
    return data


class JsonApiSpider(SourceSpider):
    path: ClassVar[str]
    params: ClassVar[dict[str, str]] = {}
    post_json: ClassVar[dict[str, Any] | None] = None   # POST this JSON body instead of a GET
    query_in_body: ClassVar[bool] = False                  # the query goes in that body, not the URL
    has_boards: ClassVar[bool] = False
    jobs_at: ClassVar[str | None] = "jobs"
    fields: ClassVar[dict[str, Spec]] = {}
    attribution: ClassVar[str | None] = None               # link-back the source's terms ask for
    about: ClassVar[str] = ""                              # what `mljobs sources` says of it (else its module's doc)
    # Pages per board: 100 pages of 100 is past any real board; an API that pages forever stops here.
    max_pages: ClassVar[int] = 100

    def __init__(self, name: str | None = None, boards: str | None = None, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.source = sources.get(self.name)
        pay = self.source.pay_fields if self.source else ()
        declared = {field: self.resolve(field, spec) for field, spec in self.fields.items()}
        self.readers: dict[str, str | Reader] = {**({"salary": pick(*pay)} if pay else {}), **declared}
        self.boards_argument = boards
        self.first_query: dict[str, Any] = {}
        self.listed: defaultdict[str | None, set[str]] = defaultdict(set)  # board -> job keys listed so far
        self.page_cap = self.max_pages

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)  # configured
        settings = crawler.settings
        spider.page_cap = settings.getint(f"{spider.name.upper()}_MAX_PAGES",
                                          settings.getint("MLJOBS_MAX_PAGES", spider.max_pages))
        if spider.page_cap < 1:
            raise ValueError(f"{spider.name}: the page cap must be at least 1, not {spider.page_cap}")
        if "{board}" in spider.base_url:  # a board hosted on a host of its own: its slug is part of a host name
            wrong = [board for board in spider.board_slugs() if not HOST_PART.fullmatch(str(board))]
            if wrong:
                raise ValueError(f"{spider.name}: board {wrong[0]!r} can't be part of a host name (letters, digits "
                                 f"and hyphens, e.g. acme for {spider.base_url.format(board='acme')})")
        try:  # settings read by query() (page sizes, counts) are checked before any request, by name
            spider.first_query = spider.query()
        except (TypeError, ValueError) as error:
            raise ValueError(f"{spider.name}: a {spider.name.upper()}_* setting is wrong ({error})") from None
        return spider

    # -- configuration -------------------------------------------------------------------------------
    def resolve(self, field: str, spec: Spec) -> str | Reader:
        """A field's reader; `{ code = "f" }` is the function f of the spider's own module."""
        if not isinstance(spec, Code):
            return spec
        function = getattr(sys.modules[type(self).__module__], spec.function, None)
        if not callable(function):
            raise ValueError(f"sources.toml [{self.name}.fields] {field}: {type(self).__module__} has no function "
                             f"{spec.function}")
        return function

    @property
    def base_url(self) -> str:
        """The API root: the source's setting (`<SOURCE>_BASE_URL`, by default its root in sources.toml)."""
        setting = self.source.setting if self.source else f"{self.name.upper()}_BASE_URL"
        return str(self.crawler.settings.get(setting)).rstrip("/")

    def board_slugs(self) -> list[str | None]:
        if not self.has_boards:
            return [None]
        return list(boards_for(self.name, self.boards_argument, self.crawler.settings.get("MLJOBS_BOARDS_FILE")))

    def query(self) -> dict[str, Any]:
        """The first page's query string; override to read settings (page sizes, categories)."""
        return dict(self.params)

    # -- requests ------------------------------------------------------------------------------------
    def url(self, board: str | None) -> str:
        """A board's listing URL without its query: `path` under the API root, the board slug filled in (in the
        root too, for a source hosting each board on its own host)."""
        return (self.base_url + self.path).format(board=quote(board or "", safe=""))

    def request(self, board: str | None, query: dict[str, Any], body: dict[str, Any] | None = None
                ) -> scrapy.Request:
        url = self.url(board)
        if self.query_in_body:  # the page's query posted with post_json (Workday) rather than in the URL
            body = {**(self.post_json or {}), **query, **(body or {})}
        elif query:
            url += "?" + urlencode(query, doseq=True)
        meta = {"board": board, "query": query, "board_jobs": 0, "board_page": 1}
        if body is not None or self.post_json is not None:
            return JsonRequest(url, data=body if body is not None else self.post_json, meta=meta,
                               callback=self.parse, errback=self.failed)
        return scrapy.Request(url, meta=meta, callback=self.parse, errback=self.failed)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        boards = self.board_slugs()
        if not boards:
            outcomes.record_error(self.crawler, "no_boards")  # say so rather than finish with nothing
        for board in boards:
            yield self.request(board, self.first_query)

    # -- hooks ---------------------------------------------------------------------------------------
    def jobs(self, data: Any) -> list[dict[str, Any]]:
        found = data if self.jobs_at is None else data.get(self.jobs_at) if isinstance(data, dict) else None
        if not isinstance(found, list):
            raise BadPayload("unexpected_shape")
        return [job for job in found if isinstance(job, dict)]

    def keep(self, job: dict[str, Any]) -> bool:
        return True

    def next_page(self, response: Response, data: Any, jobs: list[dict[str, Any]]) -> scrapy.Request | None:
        return None

    def follow(self, job: dict[str, Any], response: Response) -> Iterable[RawPosting | scrapy.Request]:
        """What one listed job becomes: the posting itself, or (1+N sources) a detail request."""
        yield self.posting(job, response.meta["board"])

    def next_request(self, response: Response, query_update: dict[str, Any] | None = None,
                     body: dict[str, Any] | None = None) -> scrapy.Request:
        """The same board's next page, carrying how many jobs and pages the board has shown so far."""
        meta = response.meta
        query = {**meta["query"], **(query_update or {})}
        request = self.request(meta["board"], query, body)
        request.meta["board_jobs"] = meta["board_jobs"]
        request.meta["board_page"] = meta["board_page"] + 1
        return request

    # -- parsing -------------------------------------------------------------------------------------
    def posting(self, job: dict[str, Any], board: str | None) -> RawPosting:
        item = self.raw_posting(job, board)
        for field, spec in self.readers.items():
            item[field] = read(job, spec)
        if item.get("company") is None and board is not None:
            item["company"] = board  # Lever/Ashby name no company: the board slug is the company
        return item

    def parse(self, response: Response, **kwargs: Any) -> Output:
        try:
            data = decode_json(response)
            jobs = self.jobs(data)
        except BadPayload as bad:
            yield from self.bad_payload(response, bad.reason)
            return
        outcomes.record_page(self.crawler)
        board = response.meta["board"]
        response.meta["board_jobs"] += len(jobs)
        fresh = self.unlisted(board, jobs)
        for job in fresh:
            if self.keep(job):
                yield from self.follow(job, response)
        following = self.next_page(response, data, jobs)
        if following is not None:
            stop = "no_progress" if jobs and not fresh else (
                "page_cap" if response.meta["board_page"] >= self.page_cap else None)
            if stop is None:
                yield following
            else:
                outcomes.record_error(self.crawler, stop)  # the board was not listed to its end
            return
        if board is not None:
            outcomes.record_board_complete(self.crawler, board)
        if response.meta["board_jobs"] == 0:
            outcomes.record_error(self.crawler, "empty_board")

    def unlisted(self, board: str | None, jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The jobs this board has not listed before (a repeat would be a duplicate posting), now listed."""
        seen = self.listed[board]
        fresh = []
        for job in jobs:
            native = read(job, self.readers.get("native_id"))
            # Without an id (HN's search hits), a job is the same one only if all of it is the same.
            key = str(native) if native is not None else json.dumps(job, sort_keys=True, default=str)
            if key not in seen:
                seen.add(key)
                fresh.append(job)
        return fresh

    def bad_payload(self, response: Response, reason: str) -> Output:
        """A 200 that is not the JSON we asked for: often a transient proxy page, so retry, then count."""
        retry = get_retry_request(response.request, spider=self, reason=reason)
        if retry is not None:
            yield retry
        else:
            self.count_failure(reason)


class OffsetPagedSpider(JsonApiSpider):
    """A source paged by offset and limit (<SOURCE>_PAGE_SIZE, else `page_size`), saying how many jobs it has
    under `total_at`."""

    total_at: ClassVar[str]
    page_size: ClassVar[int | None] = None

    def query(self) -> dict[str, Any]:
        return {**self.params, "limit": int(self.setting("PAGE_SIZE", self.page_size)), "offset": 0}

    def next_page(self, response: Response, data: Any, jobs: list[dict[str, Any]]) -> scrapy.Request | None:
        offset = int(response.meta["query"]["offset"]) + len(jobs)
        if not jobs or offset >= int(data.get(self.total_at) or 0):
            return None
        return self.next_request(response, {"offset": offset})
