"""The sources the crawl knows, as declared in crawlers/sources.toml: one table per source, in rank order.

Plain data, no Scrapy: crawlers/declared.py makes each source's spider of its [name.spider] and [name.fields]
tables, the spiders read their API root and default boards here, pipeline/ reads how a source's pay fields read,
which copy of a job is canonical and what a source's other names are.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Source:
    name: str
    kind: str                        # "ats", "pages", "board" or "forum"
    rank: int                        # 0 is the most preferred copy of a job found in several sources
    setting: str = ""                # the API root's Scrapy setting: <SOURCE>_BASE_URL unless declared
    api: str | None = None           # its default
    pay: str | None = None           # the reader of its pay fields (pipeline/salary_structured.py)
    pay_fields: tuple[str, ...] = ()
    boards: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    spider: dict[str, Any] = field(default_factory=dict)  # [name.spider]: its spider's attributes
    fields: dict[str, Any] = field(default_factory=dict)  # [name.fields]: posting field -> path or reader


@cache
def declared() -> dict[str, Source]:
    """Every source of sources.toml by name, in the file's (rank) order."""
    text = resources.files(__package__).joinpath("sources.toml").read_text(encoding="utf-8")
    return {
        name: Source(name=name, kind=table["kind"], rank=rank, setting=table.get("setting", f"{name.upper()}_BASE_URL"),
                     api=table.get("api"), pay=table.get("pay"),
                     pay_fields=tuple(table.get("pay_fields", ())), boards=tuple(table.get("boards", ())),
                     aliases=tuple(table.get("aliases", ())), spider=table.get("spider", {}),
                     fields=table.get("fields", {}))
        for rank, (name, table) in enumerate(tomllib.loads(text).items())
    }


def get(name: str) -> Source | None:
    """The source called `name` or one of its aliases ("hackernews" is hn), else None."""
    return _by_any_name().get(name)


@cache
def _by_any_name() -> dict[str, Source]:
    # extract reads every posting's source through get(): one dict lookup, not a scan of every alias
    sources = declared()
    return {**{alias: s for s in sources.values() for alias in s.aliases}, **sources}


def rank(name: str) -> int:
    """Dedupe rank: a source's place in sources.toml; unlisted sources (imports) come after all of them."""
    source = declared().get(name)
    return source.rank if source is not None else len(declared())


def base_url_settings() -> dict[str, str]:
    """Each source's API-root setting with its declared root: the defaults crawlers/settings.py sets."""
    return {source.setting: source.api for source in declared().values() if source.api}
