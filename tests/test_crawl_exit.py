"""Exit codes a cron job can trust: `mljobs crawl` exits 1 when a requested source fetched nothing, says why in
one line per source, keeps tracebacks off stderr (they go to <data dir>/logs/<run_id>.log) unless --verbose."""

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from replay import payload

pytestmark = pytest.mark.slow  # every test runs mljobs or a crawl in a child process

MLJOBS = str(Path(sys.executable).parent / "mljobs")
QUIET = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_BACKOFF_BASE=0.01", "-s", "RETRY_TIMES=1"]


@pytest.fixture
def luno(replay):
    replay.serve("/v1/boards/luno/jobs", payload("greenhouse/luno_jobs_content_true.json"))
    return replay


@pytest.fixture
def closed_port() -> str:
    """http://127.0.0.1:<a port nothing listens on>."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def mljobs(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MLJOBS, "--data-dir", str(data_dir), *args], capture_output=True, text=True, timeout=120)


def log_file(done: subprocess.CompletedProcess[str], data_dir: Path) -> Path:
    """The log file the last stderr line names, checked to be the run's one under <data dir>/logs."""
    last = done.stderr.strip().splitlines()[-1]
    match = re.fullmatch(r"mljobs: log: (\S+)", last)
    assert match, last
    path = Path(match[1])
    assert path.parent == data_dir / "logs" and path.exists()
    return path


def source_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if line.startswith("mljobs: ") and not line.startswith(("mljobs: log: ", "mljobs: crawl "))]


def test_connection_refused_exits_1_with_one_line_and_the_details_in_the_log(closed_port, tmp_path):
    done = mljobs(tmp_path, "crawl", "greenhouse", "--board", "luno", "--no-load",
                  "-s", f"GREENHOUSE_BASE_URL={closed_port}", *QUIET)
    assert done.returncode == 1
    assert source_lines(done.stderr) == [f"mljobs: greenhouse: cannot connect to {closed_port[len('http://'):]}"]
    assert "Traceback" not in done.stderr and "WARNING" not in done.stderr and "ERROR" not in done.stderr
    log = log_file(done, tmp_path).read_text(encoding="utf-8")
    assert "Connection refused" in log and "Traceback" in log


def test_unresolvable_host_exits_1_saying_no_network(tmp_path):
    done = mljobs(tmp_path, "crawl", "greenhouse", "--board", "luno", "--no-load",
                  "-s", "GREENHOUSE_BASE_URL=http://nothing.invalid", *QUIET)
    assert done.returncode == 1
    assert source_lines(done.stderr) == ["mljobs: greenhouse: cannot resolve nothing.invalid: no network?"]
    assert "Traceback" not in done.stderr
    assert "nothing.invalid" in log_file(done, tmp_path).read_text(encoding="utf-8")
    said = [line for line in done.stderr.splitlines() if not line.startswith("crawling: ")]  # progress, off a tty
    assert len(said) <= 4  # the reason, the run failed, the log; no more


def test_one_of_two_sources_fails_exits_1_naming_only_that_one(luno, closed_port, tmp_path):
    done = mljobs(tmp_path, "crawl", "greenhouse", "remoteok", "--board", "luno", "--no-load",
                  "-s", f"GREENHOUSE_BASE_URL={luno.url}", "-s", f"REMOTEOK_BASE_URL={closed_port}", *QUIET)
    assert done.returncode == 1
    assert source_lines(done.stderr) == [f"mljobs: remoteok: cannot connect to {closed_port[len('http://'):]}"]
    assert "no source fetched anything" not in done.stderr  # greenhouse did
    row = next(line for line in done.stdout.splitlines() if line.strip().startswith("greenhouse"))
    assert row.split()[:4] == ["greenhouse", "finished", "1", "10"]
    assert "Traceback" not in done.stderr
    log_file(done, tmp_path)


def test_http_error_names_the_code_and_host(replay, tmp_path):
    done = mljobs(tmp_path, "crawl", "greenhouse", "--board", "luno", "--no-load",
                  "-s", f"GREENHOUSE_BASE_URL={replay.url}", *QUIET)
    assert done.returncode == 1
    host = replay.url[len("http://"):]
    assert source_lines(done.stderr) == [f"mljobs: greenhouse: HTTP 404 from {host}"]


def test_a_source_with_some_errors_but_postings_exits_0(luno, tmp_path):
    done = mljobs(tmp_path, "crawl", "greenhouse", "--board", "luno", "--board", "gone", "--no-load",
                  "-s", f"GREENHOUSE_BASE_URL={luno.url}", *QUIET)
    assert done.returncode == 0, done.stderr
    assert source_lines(done.stderr) == []
    assert "not_found 1" in done.stdout  # the table shows the error
    log_file(done, tmp_path)


def test_verbose_shows_the_log_on_stderr_too(closed_port, tmp_path):
    done = mljobs(tmp_path, "crawl", "greenhouse", "--board", "luno", "--no-load", "--verbose",
                  "-s", f"GREENHOUSE_BASE_URL={closed_port}", *QUIET)
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "Connection refused" in done.stderr
    assert "Traceback" in log_file(done, tmp_path).read_text(encoding="utf-8")
