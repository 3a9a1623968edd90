"""Greenhouse spider through the real Scrapy engine, against the saved boards replayed at their real paths."""

import json

from replay import payload_json


def test_every_saved_job_of_every_board_is_a_posting(every_source):
    summary = every_source.source("greenhouse")
    assert len(every_source.of("greenhouse", "anthropic")) == 449  # meta.total of the saved board
    assert len(every_source.of("greenhouse", "luno")) == 10
    assert len(every_source.of("greenhouse", "stripe")) == 2
    assert summary["postings"] == 461 and summary["pages"] == 3 and summary["errors"] == 0
    assert summary["boards_complete"] == ["anthropic", "luno", "stripe"]
    assert summary["status"] == "finished"


def test_fields_are_mapped_as_the_source_gave_them(every_source):
    job = every_source.by_id("greenhouse", "5062955008")
    assert job["title"] == "Applied Safety Research Engineer, Safeguards"
    assert job["company"] == "Anthropic"
    assert job["location"] == "San Francisco, CA"
    assert job["posted_at"] == "2026-01-11T19:35:27-05:00"
    assert job["url"] == "https://job-boards.greenhouse.io/anthropic/jobs/5062955008"
    assert job["board"] == "anthropic" and job["salary"] is None and job["description"] is None
    assert job["raw"]["internal_job_id"] is not None  # the whole object is kept
    luno = every_source.by_id("greenhouse", "7941789")
    assert luno["description"].startswith("&lt;p&gt;")  # entity-escaped HTML, untouched
    assert luno["fetched_at"].endswith("+00:00") and luno["run_id"] == every_source.summary["run_id"]


def test_asks_for_content_and_pay(replay, crawl):
    """pay_input_ranges in the documented shape (grnhse/greenhouse-api-docs) come through under their name."""
    board = payload_json("greenhouse/luno_jobs_content_true.json")
    ranges = [{"min_cents": 5000000, "max_cents": 7500000, "currency_type": "USD", "title": "NYC Salary Range",
               "blurb": "Base pay"}]
    board["jobs"][0]["pay_input_ranges"] = ranges
    replay.serve("/v1/boards/luno/jobs", json.dumps(board).encode())
    result = crawl(["greenhouse"], ["luno"])
    assert result.of("greenhouse")[0]["salary"] == {"pay_input_ranges": ranges}
    (seen,) = replay.hits("/v1/boards/luno/jobs")
    assert seen.query == {"content": ["true"], "pay_transparency": ["true"]}
    assert seen.headers["User-Agent"] == "mljobs/0.1 (+https://github.com/mljobs/mljobs)"



def test_default_boards_come_from_the_vocabulary():
    from mljobs.crawlers.boards import boards_for

    greenhouse = boards_for("greenhouse")
    assert "anthropic" in greenhouse and "huggingface" not in greenhouse  # Hugging Face moved to Workable
    assert boards_for("workable") == ["huggingface"]
    assert len(greenhouse) == len(set(greenhouse))
