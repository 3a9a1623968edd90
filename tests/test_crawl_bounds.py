"""Crawls end whatever a server answers: paging is bounded per board, redirects stay on the source's host and
port, and every bound hit is a named reason in the run summary (never "finished, 0 pages, 0 errors").

Each test is a real crawl (child process, real Scrapy engine) against the local replay server.
"""

import gzip
import json

from mljobs.crawlers.spiders.workable import WorkableSpider
from replay import ReplayServer, Reply, payload

LEVER = "/v0/postings/acme"
WORKABLE = "/api/v3/accounts/acme/jobs"


def lever_job(number: int) -> dict:
    return {"id": f"job-{number}", "text": f"Engineer {number}", "hostedUrl": f"https://jobs.lever.co/acme/{number}"}


def workable_job(number: int) -> dict:
    return {"shortcode": f"SC{number}", "title": f"Engineer {number}", "remote": True}


def test_lever_new_postings_on_every_page_stop_at_the_page_cap(replay, crawl):
    def page(query):  # always a full page of new postings: Lever would be asked for the next one forever
        skip, limit = int(query["skip"][0]), int(query["limit"][0])
        return Reply(body=json.dumps([lever_job(n) for n in range(skip, skip + limit)]).encode())

    replay.serve(LEVER, handler=page)
    result = crawl(["lever"], ["acme"], LEVER_PAGE_SIZE=2, MLJOBS_MAX_PAGES=5)
    summary = result.source("lever")
    assert len(replay.hits(LEVER)) == 5
    assert summary["error_reasons"] == {"page_cap": 1} and summary["boards_complete"] == []
    assert summary["status"] == "finished" and len(result.of("lever")) == 10


def test_lever_same_postings_on_every_page_stop_at_no_progress(replay, crawl):
    replay.serve(LEVER, json.dumps([lever_job(1), lever_job(2)]).encode())  # skip ignored: the same page
    result = crawl(["lever"], ["acme"], LEVER_PAGE_SIZE=2)
    assert len(replay.hits(LEVER)) == 2
    assert result.source("lever")["error_reasons"] == {"no_progress": 1}
    assert sorted(p["native_id"] for p in result.of("lever")) == ["job-1", "job-2"]  # no duplicate lines


def test_workable_new_token_every_page_same_postings_stop_at_no_progress(replay, crawl):
    tokens = iter(range(10**6))

    def page(query):
        body = {"total": 3, "results": [workable_job(n) for n in range(3)], "nextPage": f"t{next(tokens)}"}
        return Reply(body=json.dumps(body).encode())

    replay.serve(WORKABLE, handler=page)
    result = crawl(["workable"], ["acme"])
    hits = replay.hits(WORKABLE)
    assert len(hits) == 2 and json.loads(hits[1].body)["token"] == "t0"
    assert result.source("workable")["error_reasons"] == {"no_progress": 1}
    assert len(result.of("workable")) == 3


def test_workable_forever_is_bounded_by_the_default_cap(replay, crawl):
    pages = iter(range(10**6))

    def page(query):  # new postings and a new token every time, like the 2,393-request crawl
        number = next(pages)
        body = {"results": [workable_job(number)], "nextPage": f"t{number}"}
        return Reply(body=json.dumps(body).encode())

    replay.serve(WORKABLE, handler=page)
    result = crawl(["workable"], ["acme"])
    assert len(replay.hits(WORKABLE)) == WorkableSpider.max_pages
    assert result.source("workable")["error_reasons"] == {"page_cap": 1}


def test_a_sources_own_page_cap_wins_over_the_global_one(replay, crawl):
    pages = iter(range(10**6))
    replay.serve(WORKABLE, handler=lambda query: Reply(body=json.dumps(
        {"results": [workable_job(number := next(pages))], "nextPage": f"t{number}"}).encode()))
    result = crawl(["workable"], ["acme"], MLJOBS_MAX_PAGES=50, WORKABLE_MAX_PAGES=3)
    assert len(replay.hits(WORKABLE)) == 3 and result.source("workable")["error_reasons"] == {"page_cap": 1}


# -- redirects and oversized bodies (the saved Luno board at its real path stands for any source) ---------
LUNO = "/v1/boards/luno/jobs"
LUNO_JOBS = 10


def redirect(to: str) -> Reply:
    return Reply(302, body=b"", headers={"Location": to})


def test_redirect_on_the_same_host_and_port_is_followed(replay, crawl):
    replay.serve("/v1/boards/luno-moved/jobs", payload("greenhouse/luno_jobs_content_true.json"))
    replay.serve(LUNO, handler=lambda query: redirect("/v1/boards/luno-moved/jobs"))
    result = crawl(["greenhouse"], ["luno"])
    assert result.source("greenhouse")["error_reasons"] == {} and len(result.postings) == LUNO_JOBS


def test_redirect_to_another_port_is_not_followed(replay, crawl):
    with ReplayServer() as elsewhere:  # the same 127.0.0.1, another port: another server
        elsewhere.serve(LUNO, payload("greenhouse/luno_jobs_content_true.json"))
        replay.serve(LUNO, handler=lambda query: redirect(elsewhere.url + LUNO))
        result = crawl(["greenhouse"], ["luno"])
        assert elsewhere.requests == []
    summary = result.source("greenhouse")
    assert summary["error_reasons"] == {"offsite_redirect": 1} and summary["status"] == "failed"
    assert result.postings == []


def test_redirect_to_another_host_is_not_followed(replay, crawl):
    replay.serve(LUNO, handler=lambda query: redirect("http://localhost:9/v1/boards/luno/jobs"))
    result = crawl(["greenhouse"], ["luno"])
    assert result.source("greenhouse")["error_reasons"] == {"offsite_redirect": 1}


def test_redirect_loop_is_an_error_not_an_empty_success(replay, crawl):
    replay.serve(LUNO, handler=lambda query: redirect("/loop/a"))
    replay.serve("/loop/a", handler=lambda query: redirect("/loop/b"))
    replay.serve("/loop/b", handler=lambda query: redirect("/loop/a"))
    result = crawl(["greenhouse"], ["luno"])
    summary = result.source("greenhouse")
    assert summary["error_reasons"] == {"redirect_loop": 1} and summary["status"] == "failed"
    assert len(replay.hits("/loop/a")) == 1 and len(replay.hits("/loop/b")) == 1  # stopped at the repeat


def test_a_25_hop_redirect_chain_is_too_many_redirects(replay, crawl):
    for hop in range(25):
        replay.serve(f"/hop/{hop}", handler=lambda query, hop=hop: redirect(f"/hop/{hop + 1}"))
    replay.serve("/hop/25", payload("greenhouse/luno_jobs_content_true.json"))
    replay.serve(LUNO, handler=lambda query: redirect("/hop/0"))
    result = crawl(["greenhouse"], ["luno"])
    summary = result.source("greenhouse")
    assert summary["error_reasons"] == {"too_many_redirects": 1} and result.postings == []
    assert replay.hits("/hop/19") and not replay.hits("/hop/20")  # REDIRECT_MAX_TIMES: 20 followed


def test_gzip_bomb_is_too_large(replay, crawl):
    bomb = gzip.compress(b" " * (100 * 1024 * 1024), compresslevel=9)  # 100 MB of blanks in ~100 KB
    replay.serve(LUNO, handler=lambda query: Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    result = crawl(["greenhouse"], ["luno"])  # DOWNLOAD_MAXSIZE: 64 MB
    assert len(bomb) < 1024 * 1024
    summary = result.source("greenhouse")
    assert summary["error_reasons"] == {"too_large": 1} and summary["status"] == "failed"
