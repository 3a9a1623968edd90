"""Jobicy spider: /api/v2/remote-jobs with structured salary fields."""


def test_jobs_salary_and_level(every_source):
    assert len(every_source.of("jobicy")) == 5
    job = every_source.by_id("jobicy", "150170")
    assert job["title"] == "VP, Enterprise Change & Transformation Communications"
    assert job["company"] == "Centene Corporation" and job["level"] == "Director"
    assert job["salary"] == {"salaryMin": 188900, "salaryMax": 359800, "salaryCurrency": "USD",
                             "salaryPeriod": "yearly"}
    assert job["posted_at"] == "2026-08-03T18:45:00+00:00" and job["location"] == "USA"
