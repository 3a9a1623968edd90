"""Workday spider: the cxs listing (POST, offset paging in the body) at /wday/cxs/{tenant}/{site}/jobs."""

import json
from datetime import UTC, datetime, timedelta

from replay import Reply, payload, payload_json

LISTING = "/wday/cxs/acme/External/jobs"


def test_listing_posted_paged_and_mapped(replay, crawl):
    saved = payload_json("workday/workday_cxs_jobs_logged_postings.json")

    def page(query):  # the body carries the offset, so answer by the last request's body
        offset = json.loads(replay.hits(LISTING)[-1].body)["offset"]
        return Reply(body=json.dumps({**saved, "jobPostings": saved["jobPostings"][offset:offset + 2]}).encode())

    replay.serve(LISTING, handler=page)
    result = crawl(["workday"], ["acme/wd5/External"], WORKDAY_PAGE_SIZE=2)
    bodies = [json.loads(seen.body) for seen in replay.hits(LISTING)]
    assert bodies == [{"appliedFacets": {}, "searchText": "", "limit": 2, "offset": 0},
                      {"appliedFacets": {}, "searchText": "", "limit": 2, "offset": 2}]
    assert all(seen.method == "POST" for seen in replay.hits(LISTING))
    assert len(result.of("workday", "acme/wd5/External")) == 4
    research = result.by_id("workday", "/job/Tel-Aviv-Israel/Research-Engineer_JR109142")
    assert research["title"] == "Research Engineer" and research["location"] == "Tel Aviv, Israel"
    assert research["company"] == "acme"
    assert research["url"] == "https://acme.wd5.myworkdayjobs.com/External/job/Tel-Aviv-Israel/Research-Engineer_JR109142"
    assert research["posted_at"] is None  # "Posted 30+ Days Ago"
    architect = result.by_id("workday", "/job/Israel-Haifa/Security-Architect_JR0277655")
    assert architect["posted_at"] == (datetime.now(UTC) - timedelta(days=9)).date().isoformat()
    lead = result.by_id("workday", "/job/Herzliya-Tel-Aviv-District-Israel/Software-Engineering-Tech-Lead_JR-202516631")
    assert lead["remote"] is False and architect["remote"] is None


def test_a_board_not_tenant_datacenter_site_is_refused(replay, crawl):
    replay.serve(LISTING, payload("workday/workday_cxs_jobs_logged_postings.json"))
    result = crawl(["workday"], ["acme"])
    assert "tenant/datacenter/site" in result.source("workday")["message"]
    assert replay.hits(LISTING) == []
