"""The hn spider: who-is-hiring thread discovery and comment trees, from real Algolia payloads."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Crawl
from mljobs.crawlers.spiders import hn
from replay import Query, ReplayServer, Reply, payload, payload_json
from scrapy.utils.test import get_crawler

EVAL_CASES = Path(__file__).parent / "fixtures" / "hn" / "hn_eval_cases_labeled.json"
STORY_PAGES = [payload_json(f"hn/algolia_search_by_date_whoishiring_stories_page{page}.json") for page in (0, 1)]
TREE_2011_04 = payload_json("hn/algolia_items_2396027_whoishiring_2011-04.json")


# -- pure parsing ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("hit", [hit for page in STORY_PAGES for hit in page["hits"]], ids=lambda hit: hit["title"])
def test_every_real_thread_title_gives_the_month_it_was_posted_in(hit: dict) -> None:
    assert hn.thread_month(hit["title"]) == hit["created_at"][:7]


@pytest.mark.parametrize(
    ("title", "month"),
    [
        ("Ask HN: Who is Hiring? (April 2011)", "2011-04"),  # the first thread's capitalisation
        ("Ask HN: Who is hiring? (Sept 2015)", "2015-09"),
        ("Ask HN: Who wants to be hired? (September 2023)", None),
        ("Ask HN: Freelancer? Seeking freelancer? (September 2023)", None),
        ("Ask HN: Who is hiring? (Smarch 2023)", None),
    ],
)
def test_thread_month_of_other_titles(title: str, month: str | None) -> None:
    assert hn.thread_month(title) == month


def configured(settings: dict | None = None, **arguments: str) -> hn.HnSpider:
    return hn.HnSpider.from_crawler(get_crawler(hn.HnSpider, settings), **arguments)


@pytest.mark.parametrize("value", ["2011", "April 2011", "2011-13", " "])
def test_a_bad_month_argument_is_a_clear_error(value: str) -> None:
    with pytest.raises(ValueError, match="is not a month like 2011-04"):
        configured(since=value)


def test_default_range_is_the_last_twelve_months_and_never_before_the_first_thread() -> None:
    spider = configured(until="2026-03")
    assert (spider.since, spider.until) == ("2025-04", "2026-03")
    assert configured(since="2009-01", until="2012-01").since == hn.FIRST_MONTH


def test_arguments_win_over_settings() -> None:
    spider = configured({"HN_SINCE": "2015-01", "HN_UNTIL": "2015-06", "HN_THREADS": "1,2"}, until="2015-03")
    assert (spider.since, spider.until, spider.thread_ids) == ("2015-01", "2015-03", ["1", "2"])


def labelled_postings() -> list[dict]:
    cases = json.loads(EVAL_CASES.read_text())["test_cases"]
    return [case for case in cases if case["expected"].get("is_job_posting")]


@pytest.mark.parametrize("case", labelled_postings(), ids=lambda case: case["id"] if "id" in case else None)
def test_header_gives_the_labelled_company_and_remote_flag(case: dict) -> None:
    comment = case["comment"]
    item = hn.HnSpider().posting({"id": comment["id"], "text": comment["content"], "created_at": comment["date"]}, None)
    expected = case["expected"]
    labels = {**expected.get("all_roles", {}), **(expected["roles"][0]["expect"] if expected.get("roles") else {})}
    assert "|" in item["title"] and "<" not in item["title"] and "&#x2F;" not in item["title"]
    if "company_name" in labels:
        assert item["company"].startswith(labels["company_name"])
    for part in labels.get("company_name_contains", []):
        assert part.lower() in item["company"].lower()
    if "is_remote" in labels:
        assert item["remote"] is labels["is_remote"]
    if "is_remote_in" in labels:
        assert item["remote"] in labels["is_remote_in"]


def test_header_of_a_real_pipe_separated_post() -> None:
    text = next(case["comment"]["content"] for case in labelled_postings() if case["comment"]["id"] == "44159532")
    item = hn.HnSpider().posting({"id": 44159532, "text": text, "created_at": "2025-06-02T15:01:33Z"}, None)
    assert item["title"] == "Snout https://www.snoutplans.com/ | Principal Software Engineer | Remote US | Full Time"
    assert item["company"] == "Snout https://www.snoutplans.com/"  # as written; the pipeline reads it
    assert item["remote"] is True
    assert item["location"] == "Remote US"


@pytest.mark.parametrize(
    ("comment", "reason"),
    [
        ({"id": 1, "author": None, "text": None, "children": []}, "deleted"),  # Algolia's deleted comment
        ({"id": 2, "deleted": True, "parent": 3, "time": 1, "type": "comment"}, "deleted"),  # Firebase's
        ({"id": 4, "author": "x", "text": "<p>[flagged]</p>", "dead": True}, "dead"),
        ({"id": 5, "author": "x", "text": "<p> </p><p>\n</p>"}, "empty"),
        ({"id": 6, "author": "x", "text": "Acme | ML Engineer | Remote"}, None),
    ],
)
def test_skip_reasons(comment: dict, reason: str | None) -> None:
    assert hn.skip_reason(comment) == reason


# -- through the Scrapy engine, against the replay server -----------------------------------------------
ITEMS_2011_04 = "/api/v1/items/2396027"
Crawler = Callable[..., Crawl]



def serve_story_pages(replay: ReplayServer) -> None:
    """The two saved search_by_date pages by their `page` parameter; later pages were not saved."""
    pages = {page: json.dumps(body).encode() for page, body in enumerate(STORY_PAGES)}

    def by_page(query: Query) -> Reply:
        page = int(query.get("page", ["0"])[0])
        return Reply(body=pages[page]) if page in pages else Reply(404, body=b'{"status":404}')

    replay.serve("/api/v1/search_by_date", handler=by_page)


def thread_ids_requested(replay: ReplayServer) -> list[str]:
    return [seen.path.rsplit("/", 1)[1] for seen in replay.requests if seen.path.startswith("/api/v1/items/")]


def test_discovery_follows_exactly_the_threads_of_the_months_asked_across_pages(
    replay: ReplayServer, crawl: Crawler
) -> None:
    serve_story_pages(replay)
    run = crawl(["hn"], HN_SINCE="2021-11", HN_UNTIL="2022-02")
    expected = [str(hit["objectID"]) for page in STORY_PAGES for hit in page["hits"]
                if "2021-11" <= hit["created_at"][:7] <= "2022-02"]
    assert len(expected) == 4  # February 2022 ends page 0; January 2022 to November 2021 open page 1
    assert sorted(thread_ids_requested(replay)) == sorted(expected)
    # Page 1 already reaches back past November 2021, so page 2 is never asked for.
    assert [seen.query["page"] for seen in replay.hits("/api/v1/search_by_date")] == [["0"], ["1"]]
    assert all(seen.query["tags"] == ["story,author_whoishiring"] for seen in replay.hits("/api/v1/search_by_date"))
    # Those four trees were not saved: each is one counted not_found, nothing else lost.
    assert run.source("hn")["error_reasons"] == {"not_found": 4}
    assert run.source("hn")["pages"] == 2


def test_default_range_stops_discovery_at_the_first_page_older_than_twelve_months(
    replay: ReplayServer, crawl: Crawler
) -> None:
    serve_story_pages(replay)
    run = crawl(["hn"])
    assert len(replay.hits("/api/v1/search_by_date")) == 1  # the saved threads are all years old
    assert thread_ids_requested(replay) == []
    assert run.of("hn") == []
    assert run.source("hn")["errors"] == 0


def test_the_2011_04_tree_gives_every_top_level_comment_as_a_posting(replay: ReplayServer, crawl: Crawler) -> None:
    replay.serve(ITEMS_2011_04, payload("hn/algolia_items_2396027_whoishiring_2011-04.json"))
    run = crawl(["hn"], HN_THREADS="2396027")
    postings = run.of("hn")
    top_level = TREE_2011_04["children"]
    assert len(postings) == len(top_level) == 219
    assert {p["native_id"] for p in postings} == {str(c["id"]) for c in top_level}
    assert {p["board"] for p in postings} == {"2011-04"}
    assert replay.hits("/api/v1/search_by_date") == []  # given thread ids: no discovery
    first = run.by_id("hn", "2396109")
    assert first["title"] == "Montreal - PHP/MySQL Developer"
    assert first["company"] is None  # 2011 posts led with the location, not "Company | ..."
    assert first["posted_at"] == "2011-04-01T13:35:50.000Z"
    assert first["url"] == "https://news.ycombinator.com/item?id=2396109"
    assert first["description"] == top_level[0]["text"]
    assert first["raw"]["author"] == "jasonlotito" and "children" not in first["raw"]
    assert first["fetched_at"] and first["run_id"]
    # Entities are unescaped and tags stripped in the title.
    assert run.by_id("hn", "2396375")["title"] == (
        "Helsinki, Finland - engineering, computational geometry and distributed systems")
    assert run.source("hn")["pages"] == 1 and run.source("hn")["errors"] == 0


def test_deleted_and_dead_comments_are_counted_not_posted(replay: ReplayServer, crawl: Crawler) -> None:
    # Derived from the real tree: two comments in the shapes the APIs give removed ones.
    tree = json.loads(payload("hn/algolia_items_2396027_whoishiring_2011-04.json"))
    deleted, dead = tree["children"][3], tree["children"][4]
    deleted.update(author=None, text=None)
    dead["dead"] = True
    replay.serve(ITEMS_2011_04, json.dumps(tree).encode())
    run = crawl(["hn"], HN_THREADS="2396027")
    ids = {p["native_id"] for p in run.of("hn")}
    assert len(ids) == 217 and str(deleted["id"]) not in ids and str(dead["id"]) not in ids
    assert run.skipped("hn") == {"deleted": 1, "dead": 1}


def test_a_failed_or_truncated_tree_is_retried_and_nothing_is_lost(replay: ReplayServer, crawl: Crawler) -> None:
    replay.serve(ITEMS_2011_04, payload("hn/algolia_items_2396027_whoishiring_2011-04.json"))
    replay.fault(ITEMS_2011_04, Reply(503), Reply(truncate=5000))
    run = crawl(["hn"], HN_THREADS="2396027")
    assert len(run.of("hn")) == 219
    assert run.source("hn")["retries"] == {"bad_json": 1, "http_5xx": 1}
    assert run.source("hn")["errors"] == 0
