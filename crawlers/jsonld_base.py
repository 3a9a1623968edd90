"""Base spider for careers pages that carry schema.org `JobPosting` JSON-LD (no API needed).

Pages come from `start_urls` and/or sitemaps (index or urlset, same site only, optional `allow` regex).
Every `<script type="application/ld+json">` block is parsed on its own through extruct (tolerant of
raw control characters, comments and trailing commas), so one broken block costs only itself ("bad_jsonld"),
and so does one nested past MAX_DEPTH levels ("jsonld_too_deep"; every walk here is a loop, not a recursion,
and a block too deep for the JSON parser itself is caught the same way). The
JobPosting may sit at the top, in a list, in an `@graph`, or under another node (`mainEntity`); its
`@type` may be a list or a full URL. Fields are passed on as given; `pipeline/` interprets them.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from html import unescape
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import scrapy
from extruct.jsonld import JsonLdExtractor
from lxml import etree
from mljobs.crawlers import outcomes, sources
from mljobs.crawlers.items import RawPosting
from mljobs.crawlers.spider import SourceSpider
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

Node = dict[str, Any]
MAX_DEPTH = 32  # real JobPosting blocks nest 5-8 levels; past this a block is an attack or a bug


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def has_type(node: Node, name: str) -> bool:
    """`@type` "JobPosting", ["JobPosting", ...], "http://schema.org/JobPosting" or "schema:JobPosting"."""
    return any(
        isinstance(kind, str) and re.split(r"[/:#]", kind)[-1].lower() == name.lower()
        for kind in as_list(node.get("@type"))
    )


def nodes(data: Any) -> Iterator[Node]:
    """Every object in a JSON-LD structure, depth first (`@graph`, lists and nested values alike); a loop
    with its own stack, so no nesting can exhaust Python's."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            yield value
            stack.extend(reversed(list(value.values())))


def within_depth(data: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether no list or object in `data` lies more than `limit` levels deep (a loop, not a recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return True


def job_postings(blocks: list[Any]) -> list[Node]:
    return [node for node in nodes(blocks) if has_type(node, "JobPosting")]


def id_index(blocks: list[Any]) -> dict[str, Node]:
    """Nodes by `@id`, to resolve references such as `"hiringOrganization": {"@id": "/#org"}`."""
    return {node["@id"]: node for node in nodes(blocks) if isinstance(node.get("@id"), str) and len(node) > 1}


def resolve(value: Any, index: dict[str, Node]) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"}:
        return index.get(value["@id"], value)
    return value


def name_of(value: Any, index: dict[str, Node]) -> str | None:
    """A Thing's `name` (or a plain string), entity-unescaped; the first of a list."""
    for element in as_list(value):
        element = resolve(element, index)
        name = element.get("name") if isinstance(element, dict) else element
        if isinstance(name, str | int | float) and str(name).strip():
            return unescape(str(name)).strip()
    return None


def address_text(place: Any, index: dict[str, Node]) -> str | None:
    place = resolve(place, index)
    if not isinstance(place, dict):
        return name_of(place, index)
    address = resolve(place.get("address"), index)
    if isinstance(address, dict):
        parts = [name_of(address.get(key), index) for key in ("addressLocality", "addressRegion", "addressCountry")]
        joined = ", ".join(part for part in parts if part)
        if joined:
            return joined
    return name_of(address, index) or name_of(place, index)


def location_of(posting: Node, index: dict[str, Node]) -> str | None:
    places = [address_text(place, index) for place in as_list(posting.get("jobLocation"))]
    if not any(places):  # fully remote: where applicants may live instead
        places = [name_of(area, index) for area in as_list(posting.get("applicantLocationRequirements"))]
    unique = list(dict.fromkeys(place for place in places if place))
    return "; ".join(unique) or None


def remote_of(posting: Node) -> bool | None:
    kinds = [kind.strip().upper() for kind in as_list(posting.get("jobLocationType")) if isinstance(kind, str)]
    return True if "TELECOMMUTE" in kinds else None


def identifier_of(posting: Node) -> str | None:
    for element in as_list(posting.get("identifier")):
        value = element.get("value") if isinstance(element, dict) else element
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    return None


def salary_of(posting: Node) -> dict[str, Any] | None:
    """The pay fields sources.toml declares for jsonld (baseSalary, ...), those the posting has."""
    salary = {key: posting[key] for key in sources.declared()["jsonld"].pay_fields if posting.get(key)}
    return salary or None


def level_of(posting: Node) -> str | None:
    """Only a stated level ("Senior", "Mid-Senior level"); a months-of-experience object stays in raw."""
    level = posting.get("experienceRequirements")
    return level.strip() if isinstance(level, str) and level.strip() else None


def site_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def posting_fields(posting: Node, index: dict[str, Node], page_url: str) -> dict[str, Any]:
    """The RawPosting fields of one JobPosting found on `page_url` (`index` resolves `@id` references)."""
    site = site_of(page_url)
    url = urljoin(page_url, posting["url"]) if isinstance(posting.get("url"), str) else None  # may be relative
    identifier = identifier_of(posting)
    return {
        # Identifiers are per site ("R-1234" exists at many companies), so the site qualifies them.
        "native_id": f"{site}#{identifier}" if identifier else (url or page_url),
        "board": site,
        "url": url or page_url,
        "title": name_of(posting.get("title"), index),
        "company": name_of(posting.get("hiringOrganization"), index),
        "location": location_of(posting, index),
        "remote": remote_of(posting),
        "posted_at": posting.get("datePosted"),
        "description": posting.get("description"),
        "salary": salary_of(posting),
        "level": level_of(posting),
    }


class JsonLdSpider(SourceSpider):
    """Careers pages with JobPosting JSON-LD, from `start_urls` and/or sitemaps.

    What to read, first found wins: the arguments `-a start_urls=url1,url2 -a sitemap=url -a allow=regex`,
    then the settings `<NAME>_START_URLS`, `<NAME>_SITEMAPS`, `<NAME>_ALLOW` (so `mljobs crawl jsonld -s
    JSONLD_SITEMAPS=...` works), then a site spider's class attributes `start_urls`, `sitemap_urls`, `allow`.
    It shares every spider's failure accounting (named reasons, circuit breaker: crawlers/spider.py).

    The sitemap walk is its own, on Scrapy's sitemap reader (Sitemap, robots.txt's Sitemap: lines, gunzip) rather
    than Scrapy's SitemapSpider: that one drops a sitemap it cannot read (an HTML page at a .xml URL) with a log
    line and nothing in the run summary, and counts no sitemap as a page read; making it say "bad_sitemap" and
    count pages means overriding its private _parse_sitemap, i.e. writing this walk again inside it.
    """

    crawl_by_default = False  # it has to be told which site to read
    sitemap_urls: ClassVar[list[str]] = []
    allow: ClassVar[str] = ""  # page URLs from sitemaps must match; "" matches all
    _extractor = JsonLdExtractor()

    arguments: ClassVar[dict[str, str]] = {"start_urls": "START_URLS", "sitemap": "SITEMAPS", "allow": "ALLOW"}

    def configure(self) -> None:
        def chosen(key: str, default: list[str]) -> list[str]:
            given = self.given[key]
            return _split(given) if given is not None else (self.crawler.settings.getlist(
                f"{self.name.upper()}_{key}") or list(default))

        self.page_urls = chosen("START_URLS", getattr(self, "start_urls", []))
        self.sitemaps = chosen("SITEMAPS", self.sitemap_urls)
        allow = self.argument("ALLOW") or self.allow
        try:
            self.allowed = re.compile(allow)
        except re.error as error:
            raise ValueError(f"{self.name}: allow={allow!r} is not a regular expression: {error}") from None
        self.sites = {site_of(url) for url in self.sitemaps}
        if not self.page_urls and not self.sitemaps:
            name = self.name.upper()
            raise ValueError(f"{self.name}: nothing to read; give -s {name}_START_URLS=URL[,URL...] and/or "
                             f"-s {name}_SITEMAPS=URL (scrapy crawl: -a start_urls=... -a sitemap=...)")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.page_urls:
            yield scrapy.Request(url, callback=self.parse_page, errback=self.failed)
        for url in self.sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)

    # -- sitemaps --------------------------------------------------------------------------------------
    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """A sitemap index (follow its sitemaps), a urlset (read its pages), or robots.txt's Sitemap: lines;
        only the site's own URLs, since a sitemap may list partners' or another brand's pages."""
        if response.url.endswith("/robots.txt"):
            found = [(url, self.parse_sitemap) for url in sitemap_urls_from_robots(response.body, response.url)]
        else:
            try:
                body = gunzip(response.body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE")) \
                    if gzip_magic_number(response) else response.body
                sitemap = Sitemap(body)
            except (OSError, EOFError, ValueError, StopIteration, etree.XMLSyntaxError):
                self.count_failure("bad_sitemap")
                return
            if sitemap.type not in ("sitemapindex", "urlset"):
                self.count_failure("bad_sitemap")
                return
            callback = self.parse_sitemap if sitemap.type == "sitemapindex" else self.parse_page
            found = [(entry["loc"], callback) for entry in sitemap
                     if callback == self.parse_sitemap or self.allowed.search(entry["loc"])]
        outcomes.record_page(self.crawler)
        for url, callback in found:
            if site_of(url) in self.sites:
                yield scrapy.Request(url, callback=callback, errback=self.failed)
            else:
                self.skipped("off_site")

    # -- pages -----------------------------------------------------------------------------------------
    def parse_page(self, response: Response) -> Iterator[RawPosting]:
        if not isinstance(response, TextResponse):
            self.count_failure("not_html")
            return
        outcomes.record_page(self.crawler)
        blocks: list[Any] = []
        for script in response.xpath('//script[@type="application/ld+json"]'):
            try:
                block = self._extractor.extract_items(script.root)
            except ValueError:  # it may have been the JobPosting: a loss, counted as such
                outcomes.record_error(self.crawler, "bad_jsonld")
                continue
            except RecursionError:  # deeper than the JSON parser goes: this block only
                outcomes.record_error(self.crawler, "jsonld_too_deep")
                continue
            if not within_depth(block):
                outcomes.record_error(self.crawler, "jsonld_too_deep")
                continue
            blocks.extend(block)
        index = id_index(blocks)
        postings: dict[str, RawPosting] = {}
        for node in job_postings(blocks):
            item = self.raw_posting(node, None)
            item.update(posting_fields(node, index, response.url))
            # The same posting twice on a page (a plugin and the theme both emit it) is one posting.
            postings[item["native_id"]] = item
        if not postings:
            self.skipped("no_jobposting")
        yield from postings.values()


def _split(urls: str) -> list[str]:
    return [url.strip() for url in urls.split(",") if url.strip()]
