"""Workable spider: the v3 listing (POST with a JSON query) at /api/v3/accounts/{slug}/jobs."""

import json

from replay import payload


def test_listing_posted_and_mapped(every_source):
    postings = every_source.of("workable", "huggingface")
    assert len(postings) == 3
    advocate = every_source.by_id("workable", "97904BAC90")
    assert advocate["title"] == "Data/Infrastructure Advocate Engineer - EMEA Remote"
    assert advocate["location"] == "Paris, Île-de-France, France"
    assert advocate["remote"] is True and advocate["posted_at"] == "2026-05-29T00:00:00.000Z"
    assert advocate["url"] == "https://apply.workable.com/huggingface/j/97904BAC90/"
    assert advocate["company"] == "huggingface"


def test_sends_the_hosted_boards_query(replay, crawl):
    replay.serve("/api/v3/accounts/huggingface/jobs", payload("workable/workable_v3_accounts_jobs_trimmed.json"))
    crawl(["workable"], ["huggingface"])
    (seen,) = replay.hits("/api/v3/accounts/huggingface/jobs")
    assert seen.method == "POST"
    assert json.loads(seen.body) == {"query": "", "department": [], "location": [], "remote": [],
                                     "workplace": [], "worktype": []}
