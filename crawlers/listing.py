"""What `mljobs sources` lists: every source the crawl knows, whether it crawls by default, its boards and the
API roots it fetches from (after settings overrides, so `-s GREENHOUSE_BASE_URL=...` shows what would be used)."""

import sys
from collections.abc import Mapping
from typing import Any

from mljobs.crawlers.boards import boards_for
from mljobs.crawlers.run import crawls_by_default, project_settings
from scrapy.spiderloader import SpiderLoader


def sources(overrides: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """One dict per source: source, default (crawled when no source is named), boards, base_urls, about."""
    settings = project_settings(overrides)
    loader = SpiderLoader.from_settings(settings)
    listed = []
    for name in sorted(loader.list()):
        spider = loader.load(name)
        prefix = f"{name.upper()}_"
        roots = {key: settings.get(key) for key in sorted(settings)
                 if key.startswith(prefix) and key.endswith("BASE_URL")}
        boards = boards_for(name, None, settings.get("MLJOBS_BOARDS_FILE")) if getattr(spider, "has_boards", False) \
            else []
        about = (getattr(spider, "about", "") or sys.modules[spider.__module__].__doc__ or spider.__doc__ or "").strip()
        listed.append({"source": name, "default": crawls_by_default(spider), "boards": boards,
                       "base_urls": roots, "about": about.splitlines()[0] if about else ""})
    return listed
