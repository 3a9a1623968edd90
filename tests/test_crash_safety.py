"""Crash safety and concurrency with real processes: kill -9 of a load mid-transaction, kill -9 of a
feed writer mid-line, and a report-style reader running while a load writes."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mljobs.pipeline import load
from store_feeds import many_postings, real_postings, snapshot, write_feed

from mljobs import paths

pytestmark = pytest.mark.slow  # every test runs mljobs or a crawl in a child process

MLJOBS = str(Path(sys.executable).with_name("mljobs"))


def test_a_load_killed_mid_way_leaves_the_database_as_it_was_and_a_reload_completes(tmp_path: Path) -> None:
    write_feed(tmp_path, "run-1", real_postings())
    load.load_feeds(tmp_path)
    before = snapshot(paths.database(tmp_path))
    big = many_postings(600)  # ≈ 7.5 MB of real payload lines
    write_feed(tmp_path, "run-big", big)

    # The real `mljobs load`, with 1 MB chunks so the feed takes many chunks inside its one transaction.
    code = "from mljobs.pipeline import load; load.CHUNK_BYTES = 1 << 20; from mljobs.cli import app; app()"
    loader = subprocess.Popen([sys.executable, "-c", code, "--data-dir", str(tmp_path), "load"],
                              stderr=subprocess.PIPE, text=True)
    chunks_seen = 0
    for line in loader.stderr:
        if line.startswith("run-big.jsonl:"):
            chunks_seen += 1
            if chunks_seen == 3:
                os.kill(loader.pid, signal.SIGKILL)
                break
    assert loader.wait(timeout=60) == -signal.SIGKILL
    assert chunks_seen == 3  # killed after three chunks were merged, before the feed's commit

    assert snapshot(paths.database(tmp_path)) == before

    again = subprocess.run([MLJOBS, "--data-dir", str(tmp_path), "load"], capture_output=True, text=True,
                           timeout=600)
    assert again.returncode == 0, again.stderr
    after = snapshot(paths.database(tmp_path))
    assert len(after["raw_postings"]) == len(before["raw_postings"]) + len(big)
    assert len(after["facts"]) == len(after["raw_postings"])


WRITER = """
import json, sys, time
lines = [json.dumps(p) + "\\n" for p in json.loads(sys.stdin.read())]
with open(sys.argv[1], "a", encoding="utf-8") as feed:
    for line in lines[:-1]:
        feed.write(line)
        feed.flush()
    feed.write(lines[-1][: len(lines[-1]) // 2])  # the crawl dies in the middle of a line
    feed.flush()
    print("half", flush=True)
    time.sleep(600)
"""


def test_a_feed_writer_killed_mid_line_loses_no_complete_line(tmp_path: Path) -> None:
    postings = real_postings()
    feed = paths.feeds(tmp_path) / "run-killed.jsonl"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(feed)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    writer.stdin.write(json.dumps(postings))
    writer.stdin.close()
    assert writer.stdout.readline().strip() == "half"
    os.kill(writer.pid, signal.SIGKILL)
    assert writer.wait(timeout=30) == -signal.SIGKILL

    result = load.load_feeds(tmp_path)
    assert (result.lines, result.new) == (len(postings) - 1, len(postings) - 1)
    assert result.bad_lines == [("run-killed.jsonl", len(postings), "truncated_line")]
    assert load.load_feeds(tmp_path).feeds == 0  # nothing new: the dead feed is not re-read


READER = """
import json, sys, time
from pathlib import Path
from mljobs.pipeline import db
seen, errors = [], []
while not Path(sys.argv[2]).exists():
    try:
        con = db.connect(sys.argv[1], read_only=True, wait=120)
        try:
            total = con.execute("SELECT count(*) FROM raw_postings").fetchall()[0][0]
            con.execute("SELECT source, count(*) FROM raw_postings GROUP BY source").fetchall()
            con.execute("SELECT role, count(*) FROM facts WHERE is_canonical GROUP BY role").fetchall()
            seen.append(total)
        finally:
            con.close()
    except Exception as error:
        errors.append(repr(error))
    time.sleep(0.05)
print(json.dumps({"seen": seen, "errors": errors}))
"""


def test_report_reads_from_another_process_work_while_a_load_writes(tmp_path: Path) -> None:
    write_feed(tmp_path, "run-0", real_postings())
    load.load_feeds(tmp_path)
    sizes = [300, 300, 300]
    for number, size in enumerate(sizes, 1):
        write_feed(tmp_path, f"run-{number}", many_postings(size, run_id=f"run-{number}"))
        os.utime(paths.feeds(tmp_path) / f"run-{number}.jsonl", (time.time() + number, time.time() + number))
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(paths.database(tmp_path)), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    time.sleep(0.5)
    writer = subprocess.run([MLJOBS, "--data-dir", str(tmp_path), "load"], capture_output=True, text=True,
                            timeout=600)
    time.sleep(0.3)
    stop.touch()
    report = json.loads(reader.communicate(timeout=180)[0])

    assert writer.returncode == 0, writer.stderr
    assert report["errors"] == []
    assert len(report["seen"]) >= 3
    # Every read saw whole feeds only: 18 real postings, plus 0..3 big feeds.
    totals = {18 + sum(many[:k]) for many in [sizes] for k in range(len(sizes) + 1)}
    assert set(report["seen"]) <= totals
    assert report["seen"][-1] == 18 + sum(sizes)
