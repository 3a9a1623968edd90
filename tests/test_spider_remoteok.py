"""Remote OK spider: /api is one array whose element 0 is the legal notice."""


def test_legal_notice_skipped_jobs_kept(every_source):
    postings = every_source.of("remoteok")
    assert sorted(p["native_id"] for p in postings) == ["1135924", "1135927", "1135929", "1136039"]
    assert every_source.source("remoteok")["attribution"] == "Remote OK (https://remoteok.com)"
    assert every_source.source("remoteok")["skipped"] == {"legal_notice": 1}


def test_fields_and_salary_keys(every_source):
    job = every_source.by_id("remoteok", "1135929")
    assert job["title"] == "Compatibility" and job["company"] == "DanielTems"
    assert job["posted_at"] == "2026-08-02T21:05:22+00:00"
    assert job["salary"] == {"salary_min": 0, "salary_max": 0}  # 0 = unknown: pipeline/ decides
    assert job["url"] == "https://remoteOK.com/remote-jobs/remote-compatibility-danieltems-1135929"  # link-back
    assert job["remote"] is True and job["location"] == "How, "
