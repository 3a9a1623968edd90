"""Remotive spider: /api/remote-jobs in one request (Remotive asks for ~4 a day)."""


def test_jobs_and_free_text_salary(every_source):
    assert len(every_source.of("remotive")) == 5
    job = every_source.by_id("remotive", "2090903")
    assert job["title"] == "Data Labeling Specialists" and job["company"] == "Workada"
    assert job["salary"] == "$18 - $22/hr"
    assert job["posted_at"] == "2026-07-26T20:49:11" and job["location"] == "USA"
    assert every_source.by_id("remotive", "2091081")["salary"] == ""  # empty as given


def test_request_cap_is_set(every_source):
    from mljobs.crawlers import settings

    assert settings.REMOTIVE_MAX_REQUESTS <= 4
    assert every_source.source("remotive")["pages"] == 1
