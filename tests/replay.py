"""The saved real payloads for the tests, served by mljobs.analysis.replay's ReplayServer at the real API paths.

Usage (the `replay` fixture in conftest.py starts and stops one server per test):

    replay.serve("/v1/boards/luno/jobs", payload("greenhouse/luno_jobs_content_true.json"))
    replay.fault("/v1/boards/luno/jobs", Reply(500), Reply(500))          # then the payload above
"""

from __future__ import annotations

import json
from pathlib import Path

from mljobs.analysis.replay import Query as Query
from mljobs.analysis.replay import ReplayServer as ReplayServer
from mljobs.analysis.replay import Reply as Reply
from mljobs.crawlers import sources

PAYLOADS = Path(__file__).parent / "fixtures" / "payloads"
DEMO_DATA = Path(__file__).resolve().parent.parent / "analysis" / "demo_data"

HTML_ERROR_PAGE = (
    b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>Bad Gateway</h1><p>The upstream server returned an invalid response.</p></body></html>"
)


def payload(name: str) -> bytes:
    """The bytes of a saved real response, e.g. payload("greenhouse/luno_jobs_content_true.json"): from
    tests/fixtures/payloads/, or, for the responses the demo serves too, their one copy in analysis/demo_data/."""
    path = PAYLOADS / name
    return (path if path.exists() else DEMO_DATA / Path(name).name).read_bytes()


def payload_json(name: str) -> object:
    return json.loads(payload(name))


# -- the saved payloads at their real API paths ------------------------------------------------------------
THEMUSE_PAGE = 20  # The Muse's page size


def base_url_settings(url: str) -> dict[str, str]:
    """Every source's API-root setting (crawlers/sources.toml), pointing at one replay server."""
    return dict.fromkeys(sources.base_url_settings(), url)


def themuse_page(query: Query) -> Reply:
    """The saved Muse results, served 20 a page in the documented envelope (the saved file lost it)."""
    results = payload_json("themuse/themuse_public_jobs_results_first25.json")
    assert isinstance(results, list)
    page = int(query.get("page", ["0"])[0])
    pages = -(-len(results) // THEMUSE_PAGE)
    chunk = results[page * THEMUSE_PAGE:(page + 1) * THEMUSE_PAGE]
    envelope = {"page": page, "page_count": pages, "items_per_page": THEMUSE_PAGE, "total": len(results),
                "results": chunk}
    return Reply(body=json.dumps(envelope).encode())


def himalayas_page(query: Query) -> Reply:
    """The saved first page at offset 0; past it, the same envelope with no jobs (the saved run ends)."""
    saved = payload_json("himalayas/himalayas_jobs_api_limit3.json")
    assert isinstance(saved, dict)
    offset = int(query.get("offset", ["0"])[0])
    page = saved if offset == 0 else {**saved, "offset": offset, "jobs": []}
    return Reply(body=json.dumps(page).encode())


# The saved listings that keep the names they came with (several are the demo's too), by source, at the path the
# real API serves each at. A source added since names its listing for what it answers, payloads/<source>/<board>.json
# (<source>/<source>.json without boards), served at the path its sources.toml declaration gives: no code here.
ROUTES: dict[str, dict[str, str]] = {
    "greenhouse": {"/v1/boards/anthropic/jobs": "greenhouse/anthropic_jobs_list_no_content.json",
                   "/v1/boards/luno/jobs": "greenhouse/luno_jobs_content_true.json",
                   "/v1/boards/stripe/jobs": "greenhouse/stripe_jobs_content_true_trimmed.json"},
    "lever": {"/v0/postings/mamamoney": "lever/mamamoney_postings_mode_json.json",
              "/v0/postings/matchgroup": "lever/hinge_matchgroup_postings_trimmed_salaryRange.json"},
    "ashby": {"/posting-api/job-board/cursor": "ashby/cursor_job_board_includeCompensation.json",
              "/posting-api/job-board/linear": "ashby/linear_job_board_trimmed.json"},
    "workable": {"/api/v3/accounts/huggingface/jobs": "workable/workable_v3_accounts_jobs_trimmed.json"},
    "smartrecruiters": {
        "/v1/companies/Visa/postings": "smartrecruiters/visa_postings_list_trimmed.json",
        "/v1/companies/Visa/postings/744000133907678": "smartrecruiters/visa_posting_detail_sections_emptied.json"},
    "remoteok": {"/api": "remoteok/remoteok_api_first5.json"},
    "remotive": {"/api/remote-jobs": "remotive/remotive_remote_jobs_first5.json"},
    "jobicy": {"/api/v2/remote-jobs": "jobicy/jobicy_api_v2_remote_jobs_first5.json"},
    "arbeitnow": {"/api/job-board-api": "arbeitnow/arbeitnow_job_board_api_first5.json"},
}
HANDLERS = {"themuse": ("/api/public/jobs", themuse_page), "himalayas": ("/jobs/api", himalayas_page)}
# Crawled by tests of their own, on payloads the convention cannot serve (thread trees; tenant/datacenter/site).
CRAWLED_ELSEWHERE = {"hn": "test_spider_hn.py", "workday": "test_spider_workday.py"}


def named_listings() -> dict[str, dict[str | None, str]]:
    """source -> {board (None for a source without boards): saved file} of the listings named by convention."""
    found: dict[str, dict[str | None, str]] = {}
    for name, source in sources.declared().items():
        if not source.spider or name in ROUTES or name in HANDLERS or name in CRAWLED_ELSEWHERE:
            continue
        if source.spider.get("has_boards"):
            boards: dict[str | None, str] = {path.stem: f"{name}/{path.name}"
                                             for path in sorted((PAYLOADS / name).glob("*.json"))}
        else:
            boards = {None: f"{name}/{name}.json"} if (PAYLOADS / name / f"{name}.json").exists() else {}
        if boards:
            found[name] = boards
    return found


def saved_sources() -> list[str]:
    """Every source with a saved listing, which one crawl of every source reads."""
    return [*ROUTES, *HANDLERS, *named_listings()]


def boards_file(directory: Path) -> Path:
    """fixtures/boards.toml plus the boards the named listings answer for: the boards of that crawl."""
    lines = [(PAYLOADS.parent / "boards.toml").read_text(encoding="utf-8")]
    for name, boards in named_listings().items():
        if None not in boards:
            lines.append(f"[{name}]\nboards = {json.dumps(sorted(board for board in boards if board))}\n")
    path = directory / "boards.toml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def serve_payloads(server: ReplayServer) -> None:
    """Every saved board/listing at the path the real API serves it at."""
    for routes in ROUTES.values():
        for path, name in routes.items():
            server.serve(path, payload(name))
    for path, handler in HANDLERS.values():
        server.serve(path, handler=handler)
    for source, boards in named_listings().items():
        template = sources.declared()[source].spider["path"]
        for board, name in boards.items():
            server.serve(template.format(board=board or ""), payload(name))
