"""Every example the help shows runs as written, as a user runs it (a child process in a scratch directory).

Offline, so the sources' APIs are replayed on 127.0.0.1 with their real saved responses: a crawl example gets
`-s <SOURCE>_BASE_URL=<replay>` appended (the examples name the live APIs). Nothing else is changed. Files an
example reads (postings.jsonl, salaries.csv) are real fixtures under those names. The examples run in the order
the help shows them, in one data directory, as a new user would try them: the crawls' postings are what the
reports report on."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import FIXTURES
from replay import ReplayServer, payload

from mljobs.cli import app

MLJOBS = str(Path(sys.executable).parent / "mljobs")
EXAMPLE = re.compile(r"(?:Example: |^\s+)(mljobs [^\n]+?)\s*$", re.M)
HN_THREADS = {"2013-08": 6139927, "2013-09": 6310234, "2013-10": 6475879}
# The demo's own example runs once for the whole session (conftest's demo_run, `--format json`; every
# report format is checked in test_render): running it again would add a minute.
COVERED_ELSEWHERE = {"mljobs demo --format markdown"}
# The setting that points a crawl example's source at the replay server.
API_ROOT = {"greenhouse": "GREENHOUSE_BASE_URL", "hn": "HN_ALGOLIA_BASE_URL"}


def examples() -> list[str]:
    """Every `mljobs …` example line in the help of the command group and of each command."""
    group = typer.main.get_command(app)
    texts = [group.help or ""] + [command.help or "" for command in group.commands.values()]
    return [found for text in texts for found in EXAMPLE.findall(text)]


def test_the_help_has_examples_for_every_command() -> None:
    commands = {shlex.split(example)[1] for example in examples()}
    assert commands == set(typer.main.get_command(app).commands)
    assert not [example for example in examples() if "127.0.0.1" in example]  # each one runs against the live APIs


@pytest.fixture
def sources(replay: ReplayServer) -> ReplayServer:
    replay.serve("/v1/boards/anthropic/jobs", payload("greenhouse/anthropic_jobs_list_no_content.json"))
    replay.serve("/api/v1/search_by_date", payload("hn/backfill/search_by_date_2013-08_to_2013-10.json"))
    for month, thread in HN_THREADS.items():
        replay.serve(f"/api/v1/items/{thread}", payload(f"hn/backfill/items_{thread}_{month}.json"))
    return replay


@pytest.mark.slow
def test_every_example_in_the_help_runs(sources: ReplayServer, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(FIXTURES / "import" / "aijobs_salaries_sample.csv", work / "salaries.csv")
    shutil.copy(FIXTURES / "labelled" / "unseen.jsonl", work / "postings.jsonl")
    failed = []
    for example in examples():
        if example in COVERED_ELSEWHERE:
            continue
        args = shlex.split(example)[1:]
        if args[0] == "crawl":
            args += ["-s", f"{API_ROOT[args[1]]}={sources.url}"]
        done = subprocess.run([MLJOBS, "--data-dir", str(tmp_path / "data"), *args], cwd=work, capture_output=True,
                              text=True, timeout=300)
        wrote = [work / args[i + 1] for i, arg in enumerate(args) if arg == "--output" and args[i + 1] != "-"]
        if done.returncode != 0 or not all(path.exists() for path in wrote):
            failed.append(f"{example}: exit {done.returncode}\n{done.stderr[-1500:]}")
    assert not failed, "\n\n".join(failed)
