"""Arbeitnow spider: /api/job-board-api paged by links.next."""

import json

from replay import Reply, payload_json


def test_jobs_and_fields(every_source):
    assert len(every_source.of("arbeitnow")) == 5
    job = every_source.by_id("arbeitnow", "ml-product-engineer-heidelberg-60723")
    assert job["title"] == "ML Product Engineer" and job["company"] == "kausable GmbH"
    assert job["remote"] is False and job["location"] == "Heidelberg"
    assert job["posted_at"] == "2026-08-03T21:30:34+00:00"  # created_at 1785792634 s
    assert job["salary"] is None


def test_follows_links_next_on_the_configured_host(replay, crawl):
    jobs = payload_json("arbeitnow/arbeitnow_job_board_api_first5.json")["data"]

    def page(query):
        number = int(query.get("page", ["1"])[0])
        following = "https://www.arbeitnow.com/api/job-board-api?page=2" if number == 1 else None
        chunk = jobs[:3] if number == 1 else jobs[3:]
        return Reply(body=json.dumps({"data": chunk, "links": {"next": following}}).encode())

    replay.serve("/api/job-board-api", handler=page)
    result = crawl(["arbeitnow"])
    assert [seen.query.get("page") for seen in replay.hits("/api/job-board-api")] == [None, ["2"]]
    assert sorted(p["native_id"] for p in result.of("arbeitnow")) == sorted(j["slug"] for j in jobs)
