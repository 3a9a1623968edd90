"""Ashby spider: whole boards at /posting-api/job-board/{name}, compensation asked for, unlisted jobs skipped."""

import json

from replay import payload_json


def test_every_listed_job_of_every_board(every_source):
    assert len(every_source.of("ashby", "cursor")) == 54
    assert len(every_source.of("ashby", "linear")) == 2
    assert every_source.source("ashby")["boards_complete"] == ["cursor", "linear"]


def test_fields(every_source):
    job = every_source.by_id("ashby", "0aa0650b-f93c-416e-9e2f-4fdf1556fd14")
    assert job["title"] == "Software Engineer, ML Research "  # as given, trailing space included
    assert job["company"] == "cursor"
    assert job["location"] == "SF / NY"
    assert job["posted_at"] == "2026-01-27T20:27:08.746+00:00"
    assert job["salary"] == {"compensation": {"compensationTierSummary": None,
                                              "scrapeableCompensationSalarySummary": None,
                                              "compensationTiers": [], "summaryComponents": []}}
    assert job["remote"] is None and "<" in job["description"]
    linear = every_source.by_id("ashby", "d3bc1ced-3ce4-4086-a050-555055dbb1ff")
    assert linear["remote"] is True and linear["location"] == "Europe"


def test_unlisted_jobs_skipped_and_compensation_kept(replay, crawl):
    board = payload_json("ashby/linear_job_board_trimmed.json")
    board["jobs"][1]["isListed"] = False
    tiers = [{"id": "t1", "tierSummary": "$81K – $87K", "components": [
        {"id": "c1", "summary": "$81K – $87K", "compensationType": "Salary", "interval": "1 YEAR",
         "currencyCode": "USD", "minValue": 81000, "maxValue": 87000}]}]  # the documented shape
    board["jobs"][0]["compensation"]["compensationTiers"] = tiers
    replay.serve("/posting-api/job-board/linear", json.dumps(board).encode())
    result = crawl(["ashby"], ["linear"])
    (only,) = result.of("ashby")
    assert only["native_id"] == board["jobs"][0]["id"]
    assert only["salary"]["compensation"]["compensationTiers"] == tiers
    assert result.source("ashby")["skipped"] == {"unlisted": 1}
    assert replay.hits("/posting-api/job-board/linear")[0].query == {"includeCompensation": ["true"]}


def test_default_boards_leave_out_the_dead_ones():
    from mljobs.crawlers.boards import boards_for

    ashby = boards_for("ashby")
    assert {"openai", "cursor", "linear", "cohere"} <= set(ashby)
    assert not {"anysphere", "arize"} & set(ashby)  # marked dead by the 2026-07-18 probe
    assert boards_for("ashby", "a, b,") == ["a", "b"]  # -a boards=... / --board wins
