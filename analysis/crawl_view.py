"""How a crawl looks in the terminal: live per-source progress on stderr, the summary table on stdout."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

from mljobs.crawlers.run import RunSummary
from rich import box
from rich.console import Console
from rich.live import Live
from rich.table import Table


def reasons(counts: dict[str, int]) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in sorted(counts.items(), key=lambda kv: -kv[1])) or "-"


def progress_table(sources: dict[str, dict[str, Any]]) -> Table:
    table = Table(box=box.SIMPLE, title="crawling", title_justify="left")
    for column in ("source", "status", "pages", "postings", "errors"):
        table.add_column(column, justify="right" if column in ("pages", "postings", "errors") else "left")
    for name, entry in sorted(sources.items()):
        table.add_row(name, entry["status"], str(entry["pages"]), f"{entry['postings']:,}", str(entry["errors"]))
    return table


class LiveProgress:
    """`with LiveProgress() as live: run_crawl(..., progress=live.update)`; redraws in place on a terminal."""

    def __init__(self) -> None:
        self.console = Console(file=sys.stderr)
        self.live = Live(console=self.console, refresh_per_second=4, transient=True)

    def __enter__(self) -> LiveProgress:
        if self.console.is_terminal:
            self.live.start()
        return self

    def update(self, sources: dict[str, dict[str, Any]]) -> None:
        if self.console.is_terminal:
            self.live.update(progress_table(sources))

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.console.is_terminal:
            self.live.stop()


def summary(run: RunSummary) -> None:
    """The run's per-source table, every failure reason named, on stdout."""
    table = Table(box=box.SIMPLE_HEAD, title=f"crawl {run.run_id}: {run.status}", title_justify="left")
    for column in ("source", "status", "pages", "postings", "errors", "error reasons", "retried", "skipped"):
        table.add_column(column, justify="right" if column in ("pages", "postings", "errors") else "left")
    for name, entry in sorted(run.sources.items()):
        table.add_row(name, entry["status"], str(entry["pages"]), f"{entry['postings']:,}", str(entry["errors"]),
                      reasons(entry["error_reasons"]), reasons(entry.get("retries", {})),
                      reasons(entry.get("skipped", {})))
    console = Console(file=sys.stdout, width=max(100, Console().width), soft_wrap=False)
    console.print(table)
    console.print(f"feed: {run.feed_path}")
    for entry in run.sources.values():
        if entry.get("message"):
            console.print(entry["message"], markup=False)  # messages name their source
