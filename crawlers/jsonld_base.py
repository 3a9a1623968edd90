"""Base spider for careers pages that carry schema.org `JobPosting` JSON-LD (no API needed).

Pages come from `start_urls` and/or sitemaps (index or urlset, same site only, optional `allow` regex).
Every `<script type="application/ld+json">` block is parsed on its own through extruct (tolerant of
raw control characters, comments and trailing commas), so one broken block costs only itself. The
JobPosting may sit at the top, in a list, in an `@graph`, or under another node (`mainEntity`); its
`@type` may be a list or a full URL. Fields are passed on as given; `pipeline/` interprets them.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from extruct.jsonld import JsonLdExtractor
from scrapy.http import Response, TextResponse
from scrapy.spiders import SitemapSpider

from crawlers.items import RawPosting

Node = dict[str, Any]


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
    """Every object in a JSON-LD structure, depth first (`@graph`, lists and nested values alike)."""
    if isinstance(data, list):
        for element in data:
            yield from nodes(element)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            yield from nodes(value)


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
    salary = {key: posting[key] for key in ("baseSalary", "estimatedSalary", "salaryCurrency") if posting.get(key)}
    return salary or None


def level_of(posting: Node) -> str | None:
    """Only a stated level ("Senior", "Mid-Senior level"); a months-of-experience object stays in raw."""
    level = posting.get("experienceRequirements")
    return level.strip() if isinstance(level, str) and level.strip() else None


def site_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def raw_posting(posting: Node, index: dict[str, Node], page_url: str, source: str) -> RawPosting:
    site = site_of(page_url)
    url = urljoin(page_url, posting["url"]) if isinstance(posting.get("url"), str) else None  # may be relative
    identifier = identifier_of(posting)
    return RawPosting(
        source=source,
        # Identifiers are per site ("R-1234" exists at many companies), so the site qualifies them.
        native_id=f"{site}#{identifier}" if identifier else (url or page_url),
        board=site,
        url=url or page_url,
        title=name_of(posting.get("title"), index),
        company=name_of(posting.get("hiringOrganization"), index),
        location=location_of(posting, index),
        remote=remote_of(posting),
        posted_at=posting.get("datePosted"),
        description=posting.get("description"),
        salary=salary_of(posting),
        level=level_of(posting),
        raw=posting,
    )


class JsonLdSpider(SitemapSpider):
    """Careers pages with JobPosting JSON-LD. A site's spider may set `start_urls`, `sitemap_urls` and
    `allow` as class attributes; the arguments `-a start_urls=url1,url2 -a sitemap=url -a allow=regex`
    override them. Page URLs from sitemaps must be on the sitemap's site and match `allow`."""

    allow: str = ""  # "" matches every URL
    _extractor = JsonLdExtractor()

    def __init__(
        self, start_urls: str | None = None, sitemap: str | None = None, allow: str | None = None, **kwargs: Any
    ) -> None:
        if start_urls is not None:
            self.start_urls = _split(start_urls)
        if sitemap is not None:
            self.sitemap_urls = _split(sitemap)
        if allow is not None:
            self.allow = allow
        self.sitemap_rules = [(re.compile(self.allow), "parse_page")]
        self.sites = {site_of(url) for url in self.sitemap_urls}
        super().__init__(**kwargs)
        if not self.start_urls and not self.sitemap_urls:
            raise ValueError(f"{self.name}: give -a start_urls=URL[,URL...] and/or -a sitemap=URL")

    def count(self, reason: str) -> None:
        self.crawler.stats.inc_value(f"{self.name}/{reason}")

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_page)
        async for request in super().start():  # the sitemaps
            yield request

    def sitemap_filter(self, entries: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Only the site's own URLs: a sitemap may list partners' or another brand's pages."""
        for entry in entries:
            if site_of(entry.get("loc") or "") in self.sites:
                yield entry
            else:
                self.count("skipped/off_site")

    def parse_page(self, response: Response) -> Iterator[RawPosting]:
        if not isinstance(response, TextResponse):
            self.count("skipped/not_html")
            return
        blocks: list[Any] = []
        for script in response.xpath('//script[@type="application/ld+json"]'):
            try:
                blocks.extend(self._extractor.extract_items(script.root))
            except ValueError:
                self.count("skipped/broken_jsonld_block")
        index = id_index(blocks)
        # The same posting twice on a page (a plugin and the theme both emit it) is one posting.
        postings = {item["native_id"]: item for item in
                    (raw_posting(node, index, response.url, self.name) for node in job_postings(blocks))}
        if not postings:
            self.count("skipped/no_jobposting")
        yield from postings.values()


def _split(urls: str) -> list[str]:
    return [url.strip() for url in urls.split(",") if url.strip()]
