"""Which run a crawler belongs to and where its files go: `<data_dir>/feeds/<run_id>.{jsonl,run.json}`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from scrapy.settings import BaseSettings

from mljobs import paths


def new_run_id(now: datetime | None = None) -> str:
    """"20261128T031500Z-ab12": sortable by start time, unique across runs started in the same second."""
    moment = now or datetime.now(UTC)
    return f"{moment:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


@cache
def _process_run_id() -> str:
    # `scrapy crawl` without MLJOBS_RUN_ID: every crawler of this process shares one generated id.
    return new_run_id()


@dataclass(frozen=True)
class RunIdentity:
    data_dir: Path
    run_id: str

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RunIdentity:
        return cls(paths.data_dir(settings.get("MLJOBS_DATA_DIR")), settings.get("MLJOBS_RUN_ID") or _process_run_id())

    @property
    def feed_path(self) -> Path:
        return paths.feeds(self.data_dir) / f"{self.run_id}.jsonl"

    @property
    def summary_path(self) -> Path:
        """The run summary, written once the run has ended (its presence means "ended" to the loader)."""
        return paths.feeds(self.data_dir) / f"{self.run_id}.run.json"

    @property
    def running_path(self) -> Path:
        """The same summary while the run goes on; left behind (status "running") by a killed crawl."""
        return paths.feeds(self.data_dir) / f"{self.run_id}.running.json"
