"""Spider classes made of sources.toml: a source's [name.spider] and [name.fields] tables become the attributes
of a JsonApiSpider (an OffsetPagedSpider with `paging = "offset"`).

A source whose spider needs no code is that class as it stands (crawlers/spiders/__init__.py lists them for
Scrapy); one that needs code subclasses it in crawlers/spiders/<name>.py with only the code:

    class AshbySpider(spider_base("ashby")):
        def keep(self, job): ...

A wrong declaration fails on import with the source and key named.
"""

from __future__ import annotations

from functools import cache

from mljobs.crawlers import sources
from mljobs.crawlers.base import JsonApiSpider, OffsetPagedSpider
from mljobs.crawlers.feed_fields import FEED_FIELDS
from mljobs.crawlers.fields import declared

# [name.spider] key -> the type its value must have (the JsonApiSpider attribute of the same name).
KEYS: dict[str, type] = {
    "about": str, "path": str, "paging": str, "jobs_at": str, "total_at": str, "page_size": int, "params": dict,
    "post_json": dict, "query_in_body": bool, "has_boards": bool, "attribution": str, "max_pages": int,
    "crawl_by_default": bool,
}
PAGING = {"none": JsonApiSpider, "offset": OffsetPagedSpider}


@cache
def spider_base(name: str) -> type[JsonApiSpider]:
    """The spider class sources.toml declares for `name` (cached: one class a source)."""
    source = sources.declared().get(name)
    if source is None or not source.spider:
        raise ValueError(f"sources.toml declares no [{name}.spider] table")
    return spider_class(source)


def spider_class(source: sources.Source) -> type[JsonApiSpider]:
    """A source's [name.spider] and [name.fields] tables as a spider class, checked key by key."""
    name, table = source.name, dict(source.spider)
    for key, value in table.items():
        expected = KEYS.get(key)
        if expected is None:
            raise ValueError(f"sources.toml [{name}.spider]: unknown key {key!r} (known: {', '.join(KEYS)})")
        if not isinstance(value, expected) or isinstance(value, bool) is not (expected is bool):
            raise ValueError(f"sources.toml [{name}.spider] {key} = {value!r}: must be {expected.__name__}")
    if "path" not in table:
        raise ValueError(f"sources.toml [{name}.spider]: no path (the API path under its root)")
    paging = table.pop("paging", "none")
    if paging not in PAGING:
        raise ValueError(f"sources.toml [{name}.spider] paging = {paging!r}: one of {', '.join(PAGING)}")
    if paging == "offset" and "total_at" not in table:
        raise ValueError(f"sources.toml [{name}.spider]: offset paging needs total_at (where the job count is)")
    if table.get("jobs_at") == "":
        table["jobs_at"] = None  # the body itself is the job list
    unknown = sorted(set(source.fields) - set(FEED_FIELDS))
    if unknown:
        raise ValueError(f"sources.toml [{name}.fields]: {unknown[0]!r} is no posting field ({', '.join(FEED_FIELDS)})")
    fields = {field: declared(name, field, value) for field, value in source.fields.items()}
    title = "".join(part.capitalize() for part in name.split("_"))
    return type(f"{title}Spider", (PAGING[paging],), {
        "__module__": __name__, "__doc__": table.get("about"), "name": name, **table, "fields": fields})


def spiders(module: str, coded: set[str]) -> dict[str, type[JsonApiSpider]]:
    """The spider class of each source declared whole (no module of its own among `coded`), placed in `module`
    for Scrapy's loader, which lists only the classes a module defines."""
    stray = [name for name, source in sources.declared().items() if source.fields and not source.spider]
    if stray:
        raise ValueError(f"sources.toml [{stray[0]}.fields] without a [{stray[0]}.spider] table")
    return {
        spider.__name__: type(spider.__name__, (spider,), {"__module__": module})
        for name, source in sources.declared().items()
        if source.spider and name not in coded
        for spider in [spider_base(name)]
    }
