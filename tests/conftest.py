"""Shared fixtures: a replay server on 127.0.0.1 (tests/replay.py) and crawls run in a child process.

Twisted's reactor runs once per process, so every crawl is a child `python` calling crawlers.run.run_crawl,
while the replay server (and its fault queues) lives here in the test process.
"""

import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from replay import ReplayServer, base_url_settings, boards_file, saved_sources, serve_payloads

FIXTURES = Path(__file__).parent / "fixtures"

# Fast and deterministic: no throttling, tiny back-off, short timeouts; boards = the saved payloads.
TEST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "RETRY_BACKOFF_BASE": 0.01,
    "DOWNLOAD_TIMEOUT": 10,
    "MLJOBS_BOARDS_FILE": str(FIXTURES / "boards.toml"),
}

CHILD = """
import json, sys
from pathlib import Path
from mljobs.crawlers.run import run_crawl
args = json.loads(sys.argv[1])
summary = run_crawl(args["sources"], Path(args["data_dir"]), args["boards"], args["settings"], log_level="WARNING")
print(json.dumps({"run_id": summary.run_id}))
"""


SLOW_FIXTURES = {"crawl", "every_source", "demo_run"}  # a child-process crawl, or the whole demo


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that crawl in a child process or read the demo are 'slow' (seconds each; CI runs them all)."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@dataclass
class Crawl:
    summary: dict[str, Any]
    postings: list[dict[str, Any]]
    stderr: str

    def source(self, name: str) -> dict[str, Any]:
        return self.summary["sources"][name]

    def skipped(self, name: str) -> dict[str, int]:
        """What a source deliberately passed over, by reason, as the run summary counts it."""
        return self.source(name)["skipped"]

    def of(self, source: str, board: str | None = None) -> list[dict[str, Any]]:
        return [p for p in self.postings if p["source"] == source and (board is None or p["board"] == board)]

    def by_id(self, source: str, native_id: str) -> dict[str, Any]:
        (found,) = [p for p in self.postings if p["source"] == source and p["native_id"] == native_id]
        return found


def start_child_crawl(
    server: ReplayServer, data_dir: Path, sources: list[str], boards: list[str] | None = None, **settings: Any
) -> subprocess.Popen[str]:
    """A child process crawling `sources` against `server`; it prints {"run_id": ...} when done."""
    arguments = {
        "sources": sources,
        "data_dir": str(data_dir),
        "boards": boards,
        "settings": {**base_url_settings(server.url), **TEST_SETTINGS, **settings},
    }
    return subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(arguments)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def read_run(data_dir: Path, run_id: str, stderr: str = "") -> Crawl:
    feeds = data_dir / "feeds"
    summary = json.loads((feeds / f"{run_id}.run.json").read_text(encoding="utf-8"))
    feed = feeds / f"{run_id}.jsonl"
    lines = feed.read_text(encoding="utf-8").splitlines() if feed.exists() else []
    return Crawl(summary, [json.loads(line) for line in lines], stderr)


def run_child_crawl(
    server: ReplayServer, data_dir: Path, sources: list[str], boards: list[str] | None = None, **settings: Any
) -> Crawl:
    """Run `sources` against `server` in a child process; the run summary and every feed line."""
    child = start_child_crawl(server, data_dir, sources, boards, **settings)
    stdout, stderr = child.communicate(timeout=120)
    assert child.returncode == 0, stderr[-3000:]
    return read_run(data_dir, json.loads(stdout.strip().splitlines()[-1])["run_id"], stderr)


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    """A started replay server; program it with .serve()/.fault()/.robots(), point spiders at .url."""
    with ReplayServer() as server:
        yield server


@pytest.fixture
def crawl(replay: ReplayServer, tmp_path: Path) -> Callable[..., Crawl]:
    """crawl(sources, boards=None, **settings): a child-process crawl against this test's replay server."""

    def run(sources: list[str], boards: list[str] | None = None, **settings: Any) -> Crawl:
        return run_child_crawl(replay, tmp_path, sources, boards, **settings)

    return run


@pytest.fixture(scope="session")
def every_source(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """One crawl of every source with a saved listing (tests/replay.py), over every saved payload (shared by the
    test_spider_* files)."""
    directory = tmp_path_factory.mktemp("every_source")
    with ReplayServer() as server:
        serve_payloads(server)
        return run_child_crawl(server, directory, saved_sources(), MLJOBS_BOARDS_FILE=str(boards_file(directory)))


@dataclass
class DemoRun:
    data_dir: Path  # the --data-dir it ran with; the demo's database is in data_dir / "demo"
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """`mljobs demo --format json` run once, as a user runs it (a child process), for the whole test run: its
    database is the one test_demo checks and test_cli_reports reports on (a whole demo takes a minute or more).

    Shared by every xdist worker: the first to ask builds it under a file lock in the run's common temp folder,
    the others wait for it and read what it left. A file left in <data dir>/demo beforehand ("stale.txt") lets
    test_demo check that the demo replaces its directory."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the workers' basetemps are siblings under one folder of this run
    data_dir, record = shared / "demo_run", shared / "demo_run.json"
    with (shared / "demo_run.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            (data_dir / "demo").mkdir(parents=True, exist_ok=True)
            (data_dir / "demo" / "stale.txt").write_text("from an earlier run")
            done = subprocess.run([sys.executable, "-m", "mljobs", "--data-dir", str(data_dir), "demo", "--format",
                                   "json"], capture_output=True, text=True, timeout=600,
                                  env={**os.environ, "COLUMNS": "80"})
            record.write_text(json.dumps({"returncode": done.returncode, "stdout": done.stdout,
                                          "stderr": done.stderr}), encoding="utf-8")
    return DemoRun(data_dir, **json.loads(record.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def hn_structured_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the 12 real hn-structured rows (imported once; tests only read it, though their
    reports keep the parsed guide in its cache/)."""
    from typer.testing import CliRunner

    from mljobs.cli import app

    data_dir = tmp_path_factory.mktemp("hn_structured")
    sample = FIXTURES / "import" / "hn_structured_sample.jsonl"
    result = CliRunner().invoke(app, ["--data-dir", str(data_dir), "import", str(sample), "--format", "hn-structured"])
    assert result.exit_code == 0, result.stderr
    return data_dir
