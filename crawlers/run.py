"""The one door from the CLI into Scrapy: run spiders in-process and return the run summary.

Feed contract (what pipeline/load.py reads). Each crawl run writes into `<data_dir>/feeds/`:

- `<run_id>.jsonl` — one `crawlers.items.RawPosting` per line (crawlers/feed_fields.py: source, native_id,
  board, url, title, company, location, remote, posted_at, description, salary, level, raw, fetched_at, run_id), UTF-8,
  written and flushed as items arrive: a killed crawl loses nothing already written, but the last line may
  be partial (loaders skip a line that does not parse).
- `<run_id>.run.json` — the run summary, written when the run ends (its presence means the run ended).
  While the run goes on the same summary is kept in `<run_id>.running.json` (rewritten as each source
  opens and closes, status "running", finished_at null) and removed at the end; a killed crawl leaves it
  behind. The format:
      {"run_id": "20261128T031500Z-ab12", "started_at": ISO, "finished_at": ISO or null while running,
       "status": "finished" | "partial" | "failed" ("running" only in .running.json),
       "sources": {name: {"pages": int, "postings": int, "errors": int,
                          "error_reasons": {reason: count},   # failures that lost something
                          "retries": {reason: count},         # transient failures retried (nothing lost)
                          "skipped": {reason: count},         # entries deliberately not postings
                          "repaired": {reason: count},        # postings mended to be written (lone_surrogate)
                          "status": "finished" | "stopped" | "failed",
                          "boards_complete": [slugs fully listed in this run],
                          "attribution": link-back the source's terms ask for (when they do),
                          "message": why the source could not start (when it could not)}}}
  Reasons are short names: http_429, http_5xx, http_403, not_found, timeout, connection, data_loss,
  bad_json, html_instead_of_json, too_large, robots_disallowed, request_cap, empty_board, circuit_breaker
  (the breaker tripped), circuit_open (requests not made after it tripped), no_boards, spider_error,
  start_failed. Skips: unlisted (Ashby isListed false), legal_notice (RemoteOK element 0), and the hn
  spider's own (deleted, dead, ...). feed_write_failed: a posting that could not be written to the feed
  (its board is then left out of boards_complete, so the loader closes nothing of it).
  "errors" is the sum of error_reasons. A source is "stopped" when its circuit breaker tripped (or the
  run was interrupted), "failed" when it fetched no page at all.

run_id is the UTC start time plus 4 random hex digits, e.g. "20261128T031500Z-ab12"; the file names
sort by time.

Each source's entry may also carry "error_details": {reason: what last failed and where}, e.g.
{"connection": "cannot resolve boards-api.greenhouse.io: no network?"} (outcomes.FailureDetailMiddleware).

Scrapy's log (LOG_LEVEL and above, tracebacks included) goes to `<data_dir>/logs/<run_id>.log`, and to
stderr too only with `verbose`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mljobs.crawlers import outcomes
from mljobs.crawlers import summary as run_summary
from mljobs.crawlers.base import JsonApiSpider
from mljobs.crawlers.boards import BoardsFileError, from_file
from mljobs.crawlers.identity import RunIdentity, new_run_id
from mljobs.crawlers.summary import now_iso, run_status
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.log import TopLevelFormatter

Progress = Callable[[dict[str, dict[str, Any]]], None]
PROGRESS_EVERY = 0.5  # seconds between progress callbacks


class CrawlError(ValueError):
    """Bad input to a crawl (unknown source, bad setting, second crawl in one process): one clear line."""


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    feed_path: Path
    summary_path: Path
    data: dict[str, Any]
    log_path: Path | None = None

    @property
    def status(self) -> str:
        return self.data["status"]

    @property
    def sources(self) -> dict[str, dict[str, Any]]:
        return self.data["sources"]

    @property
    def postings(self) -> int:
        return sum(entry["postings"] for entry in self.sources.values())

    def fetched_nothing(self) -> dict[str, str]:
        """{source: why, in one line} for each source that ended with nothing fetched because of failures."""
        return {name: outcomes.why_nothing(name, entry) for name, entry in sorted(self.sources.items())
                if outcomes.fetched_nothing(entry)}


_reactor_used = False


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("mljobs.crawlers.settings", priority="project")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def available_sources(settings: Settings | None = None) -> list[str]:
    return sorted(SpiderLoader.from_settings(settings or project_settings()).list())


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """`-s KEY=VALUE` pairs, as `scrapy crawl` takes them."""
    overrides = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CrawlError(f"setting {pair!r} is not KEY=VALUE")
        overrides[key.strip()] = value
    return overrides


def crawls_by_default(spider_class: type) -> bool:
    """API sources crawl by default; a spider that needs to be told what to fetch (jsonld) does not,
    unless it says otherwise with `crawl_by_default`."""
    return bool(getattr(spider_class, "crawl_by_default", issubclass(spider_class, JsonApiSpider)))


def choose_sources(
    loader: SpiderLoader, sources: Iterable[str] | None, boards: Iterable[str] | None
) -> list[str]:
    """Sources named (checked), else every default source; with --board and none named, those with boards."""
    known = sorted(loader.list())
    named = list(dict.fromkeys(sources or []))
    unknown = [name for name in named if name not in known]
    if unknown:
        raise CrawlError(f"unknown source {', '.join(unknown)}: choose from {', '.join(known)}")
    with_boards = [name for name in known if getattr(loader.load(name), "has_boards", False)]
    if boards and named and not set(named) & set(with_boards):
        raise CrawlError(f"--board applies to sources with boards ({', '.join(with_boards)}), "
                         f"not to {', '.join(named)}")
    if named:
        return named
    defaults = [name for name in known if crawls_by_default(loader.load(name))]
    if boards:
        return [name for name in defaults if name in with_boards]
    return defaults


def backfill_sources(sources: Iterable[str] | None, since: str, overrides: dict[str, Any]) -> list[str]:
    """`crawl hn --since YYYY-MM`: checks the month and the sources (hn, or none named), sets HN_SINCE and
    per-thread progress in `overrides`; returns the sources to crawl."""
    from mljobs.crawlers.spiders.hn import FIRST_MONTH, month_arg

    named = list(sources or [])
    if named and named != ["hn"]:
        raise CrawlError(f"--since backfills the hn source only, not {', '.join(n for n in named if n != 'hn')}")
    try:
        month = month_arg(since, "--since").removeprefix("hn: ")
    except ValueError as error:
        raise CrawlError(str(error).removeprefix("hn: ")) from None
    overrides["HN_SINCE"] = max(month, FIRST_MONTH)
    overrides.setdefault("HN_PROGRESS", True)
    return ["hn"]


def run_crawl(
    sources: Iterable[str] | None,
    data_dir: Path,
    boards: Iterable[str] | None = None,
    settings_overrides: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    log_level: str | None = None,
    verbose: bool = False,
    frontier: str | None = None,
) -> RunSummary:
    """Crawl `sources` (all when empty) into `<data_dir>/feeds/<run_id>.jsonl`; return the run summary.

    `boards` replaces the boards file for every named source that has boards. `progress` is called every
    half second (and at the end) with {source: {"pages", "postings", "errors", "status", ...}}. Scrapy's
    log goes to `<data_dir>/logs/<run_id>.log`, and to stderr as well when `verbose`. Scrapy's
    reactor runs once per process: a second call raises CrawlError (run crawls in child processes).
    `frontier` (a Redis URL) makes this process one worker of a distributed crawl (crawlers/frontier.py).
    """
    global _reactor_used
    if _reactor_used:
        raise CrawlError("a crawl already ran in this process (Twisted's reactor cannot restart)")
    overrides = dict(settings_overrides or {})
    overrides.setdefault("MLJOBS_RUN_ID", new_run_id())
    overrides["MLJOBS_DATA_DIR"] = str(data_dir)
    if log_level:
        overrides.setdefault("LOG_LEVEL", log_level)
    frontier = frontier or overrides.get("MLJOBS_FRONTIER")  # `-s MLJOBS_FRONTIER=redis://...` works too
    if frontier:
        from mljobs.crawlers import frontier as shared

        try:
            overrides.update(shared.frontier_settings(frontier, str(overrides.get("MLJOBS_FRONTIER_PREFIX",
                                                                                   "mljobs"))))
            shared.ping(frontier)
        except shared.FrontierError as error:
            raise CrawlError(str(error)) from None
    overrides["LOG_INSTALL_ROOT_HANDLER"] = False  # our handlers below, not Scrapy's stderr one
    settings = project_settings(overrides)
    if settings.get("MLJOBS_BOARDS_FILE"):
        try:
            from_file(settings["MLJOBS_BOARDS_FILE"])  # a broken file fails here, not silently in each spider
        except BoardsFileError as error:
            raise CrawlError(str(error)) from error
    identity = RunIdentity.from_settings(settings)
    loader = SpiderLoader.from_settings(settings)
    chosen = choose_sources(loader, sources, boards)
    board_list = ",".join(boards) if boards else None

    # Every source is marked running before any starts, so the first to finish can't stamp the run done.
    run_summary.save(identity, {
        "run_id": identity.run_id, "started_at": now_iso(), "finished_at": None, "status": "running",
        "sources": {name: {**outcomes.tally({}), "status": "running"} for name in chosen},
    })
    _reactor_used = True
    log_path = Path(data_dir) / "logs" / f"{identity.run_id}.log"
    _log_to(log_path, settings, verbose)
    process = CrawlerProcess(settings)
    crawlers: dict[str, Crawler] = {}
    start_failures: dict[str, str] = {}
    for name in chosen:
        spider_class = loader.load(name)
        crawler = process.create_crawler(spider_class)
        crawlers[name] = crawler
        arguments = {"boards": board_list} if board_list and getattr(spider_class, "has_boards", False) else {}
        started = process.crawl(crawler, **arguments)
        # A spider that cannot start (bad argument or setting) fails alone, with its message, no traceback.
        started.addErrback(lambda failure, name=name: start_failures.__setitem__(name, str(failure.value)))

    poller = _ProgressPoller(crawlers, progress) if progress else None
    if poller:
        poller.start()
    process.start()
    data = _finish(identity, chosen, start_failures)
    if progress:
        progress({name: {**entry} for name, entry in data["sources"].items()})
    for handler in logging.root.handlers:
        handler.flush()
    return RunSummary(identity.run_id, identity.feed_path, identity.summary_path, data, log_path)


def _log_to(log_path: Path, settings: Settings, verbose: bool) -> None:
    """Scrapy's log, formatted as Scrapy does, into the run's log file (and stderr when verbose)."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [logging.FileHandler(log_path, encoding="utf-8")]
    if verbose:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT")))
        handler.setLevel(settings.get("LOG_LEVEL"))
        if settings.getbool("LOG_SHORT_NAMES"):
            handler.addFilter(TopLevelFormatter(["scrapy"]))
        logging.root.addHandler(handler)
    logging.root.setLevel(logging.NOTSET)


def _finish(identity: RunIdentity, chosen: list[str], start_failures: dict[str, str]) -> dict[str, Any]:
    """The summary as the sources left it; a source that never got to close is marked failed."""
    data = run_summary.load(identity) or {"run_id": identity.run_id, "started_at": None, "sources": {}}
    for name in chosen:
        entry = data["sources"].setdefault(name, {**outcomes.tally({}), "status": "failed"})
        if name in start_failures:
            entry.update(errors=entry["errors"] + 1, message=start_failures[name])
            entry["error_reasons"]["start_failed"] = entry["error_reasons"].get("start_failed", 0) + 1
        if entry["status"] == "running":
            entry["status"] = "failed"
    data["status"] = run_status(data["sources"])
    data["finished_at"] = data.get("finished_at") or now_iso()
    run_summary.save(identity, data)
    return data


class _ProgressPoller:
    """Reads each crawler's stats on a timer: no per-item cost on the crawl itself."""

    def __init__(self, crawlers: dict[str, Crawler], callback: Progress) -> None:
        self.crawlers = crawlers
        self.callback = callback
        self.last: dict[str, dict[str, Any]] = {name: {**outcomes.tally({}), "status": "starting"}
                                                for name in crawlers}

    def start(self) -> None:
        from twisted.internet import task  # the crawlers above installed the reactor

        task.LoopingCall(self.poll).start(PROGRESS_EVERY, now=False)

    def poll(self) -> None:
        for name, crawler in self.crawlers.items():
            stats = crawler.stats.get_stats() if crawler.stats else {}
            if stats:
                status = "running" if crawler.crawling else "closing"
                self.last[name] = {**outcomes.tally(stats), "status": status}
        self.callback({name: dict(entry) for name, entry in self.last.items()})
