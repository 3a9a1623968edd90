"""The feed writer drops nothing silently: a lone surrogate is repaired and counted, a write that fails is a
named error and keeps its board from closing postings. Real crawls (child process, real Scrapy engine)
against the local replay server."""

import json
from pathlib import Path

import pytest
from conftest import start_child_crawl
from mljobs.pipeline import load
from replay import payload

LUNO = "/v1/boards/luno/jobs"
LUNO_JOBS = 10


def luno_with_lone_surrogate() -> bytes:
    board = json.loads(payload("greenhouse/luno_jobs_content_true.json"))
    board["jobs"][0]["title"] = "Data Scientist PLACEHOLDER"
    # "\ud83d" as the JSON escape a source sends: half an emoji, which Python decodes to a lone surrogate.
    return json.dumps(board).replace("PLACEHOLDER", "\\ud83d").encode()


def test_a_lone_surrogate_is_repaired_counted_and_the_board_stays_complete(replay, crawl):
    replay.serve(LUNO, luno_with_lone_surrogate())
    result = crawl(["greenhouse"], ["luno"])
    summary = result.source("greenhouse")
    assert summary["repaired"] == {"lone_surrogate": 1}
    assert summary["errors"] == 0 and summary["boards_complete"] == ["luno"]
    assert len(result.of("greenhouse")) == LUNO_JOBS
    assert "Data Scientist \ufffd" in [p["title"] for p in result.postings]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to fail writes")
def test_a_feed_write_failure_is_named_and_its_board_closes_nothing(replay, crawl, tmp_path):
    replay.serve(LUNO, payload("greenhouse/luno_jobs_content_true.json"))
    first = crawl(["greenhouse"], ["luno"])
    assert first.source("greenhouse")["boards_complete"] == ["luno"]
    assert load.load_feeds(tmp_path).new == LUNO_JOBS

    run_id = "20990101T000000Z-dead"
    (tmp_path / "feeds" / f"{run_id}.jsonl").symlink_to("/dev/full")  # every write: ENOSPC
    child = start_child_crawl(replay, tmp_path, ["greenhouse"], ["luno"], MLJOBS_RUN_ID=run_id)
    child.communicate(timeout=120)  # (not the crawl fixture: it would read the feed, i.e. /dev/full, forever)
    assert child.returncode == 0
    run = json.loads((tmp_path / "feeds" / f"{run_id}.run.json").read_text(encoding="utf-8"))
    summary = run["sources"]["greenhouse"]
    assert summary["error_reasons"] == {"feed_write_failed": LUNO_JOBS}
    assert summary["boards_complete"] == []  # listed completely, but not every posting was written
    assert summary["postings"] == 0
    (tmp_path / "feeds" / f"{run_id}.jsonl").unlink()
    (tmp_path / "feeds" / f"{run_id}.jsonl").write_text("", encoding="utf-8")
    assert load.load_feeds(tmp_path).closed == 0  # the still-listed postings stay open


def test_a_failed_write_leaves_no_half_line(tmp_path, monkeypatch):
    import os

    from mljobs.crawlers import feed
    from mljobs.crawlers.identity import RunIdentity
    from mljobs.crawlers.items import RawPosting

    (tmp_path / "feeds").mkdir()
    writer = feed.FeedWriter(RunIdentity(tmp_path, "r1"))
    writer.open_spider()
    writer.process_item(RawPosting(source="s", native_id="1", title="ok"))

    real_write = os.write

    def disk_fills_after_7_bytes(fd: int, data: bytes) -> int:
        real_write(fd, data[:7])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(feed.os, "write", disk_fills_after_7_bytes)
    with pytest.raises(feed.FeedWriteFailed, match="No space left"):
        writer.process_item(RawPosting(source="s", native_id="2", title="lost"))
    monkeypatch.undo()
    writer.process_item(RawPosting(source="s", native_id="3", title="ok"))
    writer.close_spider()
    lines = (tmp_path / "feeds" / "r1.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["native_id"] for line in lines] == ["1", "3"]
