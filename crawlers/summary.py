"""The run summary (format: crawlers/run.py), kept by an extension.

Each crawler (one source) marks itself running when it opens and writes its tally when it closes; the last
source to close stamps finished_at and the run status. While any source runs the summary lives in
`<run_id>.running.json`; the finished one is `<run_id>.run.json`, whose presence tells the loader the run
has ended. All crawlers of a run share one process and one reactor thread, so the read-modify-write below
never interleaves.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mljobs.crawlers.identity import RunIdentity
from mljobs.crawlers.outcomes import tally
from scrapy import Spider, signals
from scrapy.crawler import Crawler


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def read_summary(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def write_summary(path: Path, summary: dict[str, Any]) -> None:
    """Replace atomically, so a reader (or a kill) never sees half a file."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def load(identity: RunIdentity) -> dict[str, Any] | None:
    return read_summary(identity.running_path) or read_summary(identity.summary_path)


def save(identity: RunIdentity, summary: dict[str, Any]) -> None:
    """To the running file while the run goes on; to the final file (running file removed) once it ended."""
    if summary["status"] == "running":
        write_summary(identity.running_path, summary)
        return
    write_summary(identity.summary_path, summary)
    identity.running_path.unlink(missing_ok=True)


def source_status(close_reason: str, counts: dict[str, Any]) -> str:
    if close_reason == "finished":
        return "failed" if counts["pages"] == 0 and counts["errors"] else "finished"
    if close_reason in ("circuit_breaker", "shutdown", "cancelled"):
        return "stopped"
    return "failed"


def run_status(sources: dict[str, dict[str, Any]]) -> str:
    states = {entry["status"] for entry in sources.values()}
    if "running" in states:
        return "running"
    if states <= {"finished"}:
        return "finished"
    return "failed" if states == {"failed"} else "partial"


class RunSummaryExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.identity = RunIdentity.from_settings(crawler.settings)
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunSummaryExtension:
        return cls(crawler)

    def _update(self, name: str, entry: dict[str, Any]) -> None:
        summary = load(self.identity) or {
            "run_id": self.identity.run_id,
            "started_at": now_iso(),
            "finished_at": None,
            "status": "running",
            "sources": {},
        }
        summary["sources"][name] = entry
        summary["status"] = run_status(summary["sources"])
        summary["finished_at"] = None if summary["status"] == "running" else now_iso()
        save(self.identity, summary)

    def opened(self, spider: Spider) -> None:
        self._update(spider.name, {**tally({}), "status": "running"})

    def closed(self, spider: Spider, reason: str) -> None:
        assert self.crawler.stats is not None
        counts = tally(self.crawler.stats.get_stats())
        entry = {**counts, "status": source_status(reason, counts)}
        attribution = getattr(spider, "attribution", None)
        if attribution:
            entry["attribution"] = attribution
        self._update(spider.name, entry)
