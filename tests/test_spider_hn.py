"""The hn spider: who-is-hiring thread discovery and comment trees, from real Algolia payloads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from replay import payload_json
from scrapy.utils.test import get_crawler

from crawlers.spiders import hn

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
