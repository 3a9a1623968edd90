"""How a crawl looks in the terminal: live per-source progress on stderr, the summary table on stdout."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
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
    """`with LiveProgress() as live: run_crawl(..., progress=live.update)`; redraws in place on a terminal.

    When stderr is not a terminal (cron, a pipe, a log file) it writes one plain line every `every` seconds
    instead, so a long crawl still shows it is alive; `quiet` shows nothing."""

    def __init__(self, quiet: bool = False, every: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.console = Console(file=sys.stderr)
        self.live = Live(console=self.console, refresh_per_second=4, transient=True)
        self.quiet, self.every, self.clock = quiet, every, clock
        self.last: float | None = None
        self.redraw = self.console.is_terminal and not quiet

    def __enter__(self) -> LiveProgress:
        if self.redraw:
            self.live.start()
        self.last = self.clock()
        return self

    def update(self, sources: dict[str, dict[str, Any]]) -> None:
        if self.redraw:
            self.live.update(progress_table(sources))
        elif not self.quiet and self.clock() - (self.last or 0.0) >= self.every:
            self.last = self.clock()
            print(progress_line(sources), file=sys.stderr, flush=True)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.redraw:
            self.live.stop()


def progress_line(sources: dict[str, dict[str, Any]]) -> str:
    """'crawling: 1,234 postings, 56 pages, 2 errors; greenhouse 800 (running), lever 434 (finished)'."""
    total = {key: sum(entry[key] for entry in sources.values()) for key in ("postings", "pages", "errors")}
    each = ", ".join(f"{name} {entry['postings']:,} ({entry['status']})" for name, entry in sorted(sources.items()))
    return (f"crawling: {total['postings']:,} postings, {total['pages']:,} pages, {total['errors']:,} errors; "
            f"{each}")


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
    for name, entry in sorted(run.sources.items()):
        if entry.get("repaired"):  # kept and written, but not as the source sent it: say so
            console.print(f"{name}: repaired {reasons(entry['repaired'])}", markup=False)
    for entry in run.sources.values():
        if entry.get("message"):
            console.print(entry["message"], markup=False)  # messages name their source
