"""Lever spider: the saved sites replayed at /v0/postings/{site}, paged with skip/limit."""

import json

from replay import Reply, payload_json


def test_every_posting_of_every_site(every_source):
    assert len(every_source.of("lever", "mamamoney")) == 11
    assert len(every_source.of("lever", "matchgroup")) == 2
    summary = every_source.source("lever")
    assert summary["postings"] == 13 and summary["errors"] == 0
    assert summary["boards_complete"] == ["mamamoney", "matchgroup"]


def test_salary_range_dates_and_workplace(every_source):
    hinge = every_source.by_id("lever", "3414ba28-35f7-45d3-8e13-35c883959635")
    assert hinge["title"] == "Android Engineer III"
    assert hinge["company"] == "matchgroup"  # Lever names no company: the site is it
    assert hinge["location"] == "New York, New York"
    assert hinge["posted_at"] == "2026-05-19T20:38:11+00:00"  # createdAt 1779223091267 ms
    assert hinge["salary"]["salaryRange"] == {"interval": "per-year-salary", "currency": "USD",
                                              "min": 150000, "max": 180000}
    assert hinge["salary"]["salaryDescriptionPlain"].startswith("Factors such as scope")
    assert hinge["remote"] is False  # workplaceType "hybrid"
    assert hinge["url"] == "https://jobs.lever.co/matchgroup/3414ba28-35f7-45d3-8e13-35c883959635"
    cape_town = every_source.by_id("lever", "a1f8d144-1d20-491d-820f-3f38b771ee81")
    assert cape_town["salary"] is None and cape_town["posted_at"] == "2025-05-29T09:37:04+00:00"


def test_pages_with_skip_and_limit_until_a_short_page(replay, crawl):
    postings = payload_json("lever/mamamoney_postings_mode_json.json")

    def page(query):
        skip, limit = int(query["skip"][0]), int(query["limit"][0])
        return Reply(body=json.dumps(postings[skip:skip + limit]).encode())

    replay.serve("/v0/postings/mamamoney", handler=page)
    result = crawl(["lever"], ["mamamoney"], LEVER_PAGE_SIZE=4)
    asked = [(seen.query["skip"][0], seen.query["limit"][0]) for seen in replay.hits("/v0/postings/mamamoney")]
    assert asked == [("0", "4"), ("4", "4"), ("8", "4")]  # 4 + 4 + 3: the short page ends the site
    assert sorted(p["native_id"] for p in result.of("lever")) == sorted(p["id"] for p in postings)
    assert result.source("lever")["pages"] == 3 and result.source("lever")["boards_complete"] == ["mamamoney"]
