"""Himalayas spider: /jobs/api paged by offset until totalCount or an empty page; capped per crawl."""

import json

from replay import Reply, payload_json


def test_jobs_salary_and_seniority(every_source):
    assert len(every_source.of("himalayas")) == 3
    job = every_source.by_id("himalayas", "https://himalayas.app/companies/scale-virtually/jobs/sales-consultant-5293550084")
    assert job["title"] == "Sales Consultant" and job["company"] == "Scale Virtually"
    assert job["salary"] == {"minSalary": 600000, "maxSalary": 660000, "currency": "PHP"}
    assert job["level"] == "Mid-level"
    assert job["posted_at"] == "2026-03-28T10:11:05+00:00"  # pubDate in seconds
    assert job["location"] == "Philippines"
    first = every_source.by_id("himalayas", "https://himalayas.app/companies/miratech/jobs/senior-front-end-developer-7451155025")
    assert first["salary"] == {"currency": "USD"}  # min/max null in the payload


def test_offset_paging_stops_at_the_request_cap(replay, crawl):
    saved = payload_json("himalayas/himalayas_jobs_api_limit3.json")

    def page(query):  # totalCount says 95,423: pages would go on for thousands of requests
        offset = int(query["offset"][0])
        jobs = [{**job, "guid": f"{job['guid']}-{offset}"} for job in saved["jobs"]]  # new jobs each page
        return Reply(body=json.dumps({**saved, "offset": offset, "jobs": jobs}).encode())

    replay.serve("/jobs/api", handler=page)
    result = crawl(["himalayas"], HIMALAYAS_MAX_REQUESTS=3)
    assert [seen.query["offset"][0] for seen in replay.hits("/jobs/api")] == ["0", "3", "6"]
    assert result.source("himalayas")["error_reasons"] == {"request_cap": 1}
    assert result.source("himalayas")["pages"] == 3
