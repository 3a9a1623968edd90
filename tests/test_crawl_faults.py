"""Every way a source can fail ends as a counted, named reason in the run summary, and loses nothing else.

Each test is a real crawl (child process, real Scrapy engine) of the saved Luno board at its real path,
with one fault programmed on the replay server.
"""

import json
import signal
import time

import pytest
from conftest import start_child_crawl
from replay import HTML_ERROR_PAGE, Reply, payload

LUNO = "/v1/boards/luno/jobs"
LUNO_JOBS = 10


@pytest.fixture
def luno(replay):
    replay.serve(LUNO, payload("greenhouse/luno_jobs_content_true.json"))
    return replay


def test_429_waits_for_retry_after_then_succeeds(luno, crawl):
    luno.fault(LUNO, Reply(429, headers={"Retry-After": "2"}))
    result = crawl(["greenhouse"], ["luno"])
    first, second = luno.hits(LUNO)
    assert second.at - first.at >= 1.9  # Retry-After honoured (back-off alone would be 0.01 s)
    assert result.source("greenhouse")["retries"] == {"http_429": 1}
    assert result.source("greenhouse")["errors"] == 0
    assert len(result.of("greenhouse")) == LUNO_JOBS


def test_500s_then_success_loses_nothing(luno, crawl):
    luno.fault(LUNO, Reply(500), Reply(503))
    result = crawl(["greenhouse"], ["luno"])
    assert len(luno.hits(LUNO)) == 3
    assert result.source("greenhouse")["retries"] == {"http_5xx": 2}
    assert result.source("greenhouse")["error_reasons"] == {}
    assert len(result.of("greenhouse")) == LUNO_JOBS
    assert result.source("greenhouse")["boards_complete"] == ["luno"]


def test_500s_past_the_retries_count_as_an_error(luno, crawl):
    luno.fault(LUNO, *[Reply(502)] * 3)
    result = crawl(["greenhouse"], ["luno"], RETRY_TIMES=2)
    summary = result.source("greenhouse")
    assert summary["error_reasons"] == {"http_5xx": 1} and summary["retries"] == {"http_5xx": 2}
    assert summary["status"] == "failed" and summary["boards_complete"] == []
    assert result.postings == []


def test_timeout_retried(luno, crawl):
    luno.fault(LUNO, Reply(delay=3))
    result = crawl(["greenhouse"], ["luno"], DOWNLOAD_TIMEOUT=1)
    assert result.source("greenhouse")["retries"] == {"timeout": 1}
    assert len(result.of("greenhouse")) == LUNO_JOBS


def test_timeout_every_time_is_named(luno, crawl):
    luno.fault(LUNO, Reply(delay=3), Reply(delay=3))
    result = crawl(["greenhouse"], ["luno"], DOWNLOAD_TIMEOUT=1, RETRY_TIMES=1)
    assert result.source("greenhouse")["error_reasons"] == {"timeout": 1}


def test_truncated_json_retried_then_counted(luno, crawl):
    luno.fault(LUNO, Reply(truncate=5000), Reply(truncate=5000))
    result = crawl(["greenhouse"], ["luno"], RETRY_TIMES=1)
    summary = result.source("greenhouse")
    assert summary["retries"] == {"bad_json": 1} and summary["error_reasons"] == {"bad_json": 1}
    assert result.postings == []


def test_truncated_once_then_whole(luno, crawl):
    luno.fault(LUNO, Reply(truncate=5000))
    result = crawl(["greenhouse"], ["luno"])
    assert result.source("greenhouse")["retries"] == {"bad_json": 1}
    assert len(result.of("greenhouse")) == LUNO_JOBS


def test_connection_cut_mid_body(luno, crawl):
    luno.fault(LUNO, Reply(cut_connection=True))
    result = crawl(["greenhouse"], ["luno"])
    assert result.source("greenhouse")["retries"] == {"data_loss": 1}
    assert len(result.of("greenhouse")) == LUNO_JOBS


def test_html_error_page_instead_of_json(luno, crawl):
    luno.fault(LUNO, *[Reply(body=HTML_ERROR_PAGE, content_type="text/html")] * 2)
    result = crawl(["greenhouse"], ["luno"], RETRY_TIMES=1)
    summary = result.source("greenhouse")
    assert summary["error_reasons"] == {"html_instead_of_json": 1}
    assert summary["retries"] == {"html_instead_of_json": 1}


def test_empty_board_is_complete_and_named(luno, crawl):
    luno.serve("/v1/boards/quiet/jobs", json.dumps({"jobs": [], "meta": {"total": 0}}).encode())
    result = crawl(["greenhouse"], ["luno", "quiet"])
    summary = result.source("greenhouse")
    assert summary["error_reasons"] == {"empty_board": 1}
    assert summary["boards_complete"] == ["luno", "quiet"]  # listed fully: it has no jobs
    assert summary["status"] == "finished" and len(result.postings) == LUNO_JOBS


def test_board_that_404s(luno, crawl):
    result = crawl(["greenhouse"], ["luno", "gone"])  # the replay knows no "gone" board
    summary = result.source("greenhouse")
    assert summary["error_reasons"] == {"not_found": 1} and summary["retries"] == {}
    assert summary["boards_complete"] == ["luno"] and len(result.postings) == LUNO_JOBS


def test_a_source_with_no_boards_says_so(luno, crawl, tmp_path):
    boards = tmp_path / "boards.toml"
    boards.write_text('[lever]\nboards = ["mamamoney"]\n', encoding="utf-8")  # nothing for greenhouse
    result = crawl(["greenhouse"], MLJOBS_BOARDS_FILE=str(boards))
    assert result.source("greenhouse")["error_reasons"] == {"no_boards": 1}
    assert luno.hits(LUNO) == []


def test_robots_txt_disallowing_the_path(luno, crawl):
    luno.robots("User-agent: *\nDisallow: /v1/boards/private/\n")
    luno.serve("/v1/boards/private/jobs", payload("greenhouse/stripe_jobs_content_true_trimmed.json"))
    result = crawl(["greenhouse"], ["luno", "private"])
    assert result.source("greenhouse")["error_reasons"] == {"robots_disallowed": 1}
    assert luno.hits("/v1/boards/private/jobs") == []  # never fetched
    assert len(result.postings) == LUNO_JOBS


def test_response_over_the_size_limit(luno, crawl):
    luno.serve("/v1/boards/stripe/jobs", payload("greenhouse/stripe_jobs_content_true_trimmed.json"))
    result = crawl(["greenhouse"], ["luno", "stripe"], DOWNLOAD_MAXSIZE=50_000)  # luno is 102 KB, stripe 5 KB
    summary = result.source("greenhouse")
    assert summary["error_reasons"] == {"too_large": 1}
    assert summary["boards_complete"] == ["stripe"] and len(result.postings) == 2


def test_response_over_the_size_limit_without_content_length(luno, crawl):
    luno.fault(LUNO, Reply(chunked=True))  # the size is only known while reading: cut off mid-body
    result = crawl(["greenhouse"], ["luno"], DOWNLOAD_MAXSIZE=50_000)
    assert result.source("greenhouse")["error_reasons"] == {"too_large": 1}
    assert result.postings == []


def test_circuit_breaker_stops_one_source_and_the_others_go_on(replay, crawl):
    replay.serve("/v0/postings/mamamoney", payload("lever/mamamoney_postings_mode_json.json"))
    for board in "abcdefgh":  # slow 500s: the breaker trips while later boards still wait their turn
        replay.serve(f"/v1/boards/{board}/jobs", handler=lambda query: Reply(500, body=b"", delay=0.3))
    result = crawl(["greenhouse", "lever"], None, RETRY_TIMES=0, CIRCUIT_BREAKER_ERRORS=3,
                   CONCURRENT_REQUESTS=1, CONCURRENT_REQUESTS_PER_DOMAIN=1,
                   MLJOBS_BOARDS_FILE=_boards_file(replay, list("abcdefgh"), ["mamamoney"]))
    greenhouse = result.source("greenhouse")
    assert greenhouse["status"] == "stopped"
    reasons = greenhouse["error_reasons"]
    asked = sum(len(replay.hits(f"/v1/boards/{b}/jobs")) for b in "abcdefgh")
    assert reasons["circuit_breaker"] == 1 and reasons["http_5xx"] == asked
    assert 3 <= asked <= 4  # stopped at the third failure in a row (one more may have been in flight)
    assert result.source("lever")["status"] == "finished" and len(result.of("lever")) == 11
    assert result.summary["status"] == "partial"


def _boards_file(replay, greenhouse, lever):
    import tempfile

    handle = tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False)
    handle.write(f"[greenhouse]\nboards = {json.dumps(greenhouse)}\n[lever]\nboards = {json.dumps(lever)}\n")
    handle.close()
    return handle.name


def test_a_killed_crawl_keeps_every_line_already_written(replay, tmp_path):
    postings = json.loads(payload("lever/mamamoney_postings_mode_json.json"))

    def page(query):  # the first page at once; the second never comes (the crawl is killed meanwhile)
        skip = int(query["skip"][0])
        return Reply(body=json.dumps(postings[skip:skip + 4]).encode(), delay=0 if skip == 0 else 60)

    replay.serve("/v0/postings/mamamoney", handler=page)
    child = start_child_crawl(replay, tmp_path, ["lever"], ["mamamoney"], LEVER_PAGE_SIZE=4)
    feeds = tmp_path / "feeds"
    deadline = time.monotonic() + 60
    while len(replay.hits("/v0/postings/mamamoney")) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)  # the second page was asked for: the first page's postings are written
    child.send_signal(signal.SIGKILL)
    child.wait()
    (feed,) = feeds.glob("*.jsonl")
    lines = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert [line["native_id"] for line in lines] == [p["id"] for p in postings[:4]]
    assert list(feeds.glob("*.run.json")) == []  # the run never ended: the loader must not treat it as done
    summary = json.loads(next(feeds.glob("*.running.json")).read_text(encoding="utf-8"))
    assert summary["status"] == "running" and summary["finished_at"] is None  # honest about the kill


@pytest.mark.parametrize(("header", "seconds"), [
    ("120", 120.0),
    ("Sat, 28 Nov 2026 03:16:00 GMT", 60.0),  # an HTTP date one minute ahead
    ("Sat, 28 Nov 2026 03:14:00 GMT", 0.0),   # in the past: no wait
    ("soon", None),
    (None, None),
])
def test_retry_after_header_forms(header, seconds):
    from datetime import UTC, datetime

    from mljobs.crawlers.middlewares import retry_after_seconds

    assert retry_after_seconds(header, now=datetime(2026, 11, 28, 3, 15, tzinfo=UTC)) == seconds
