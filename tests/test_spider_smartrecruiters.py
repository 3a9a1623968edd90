"""SmartRecruiters spider: list at /v1/companies/{id}/postings, then one detail call per posting."""


def test_list_then_details(every_source):
    postings = every_source.of("smartrecruiters", "Visa")
    assert sorted(p["native_id"] for p in postings) == ["744000129971988", "744000133907678"]
    manager = every_source.by_id("smartrecruiters", "744000133907678")
    assert manager["title"] == "Sr. Manager" and manager["company"] == "Visa"
    assert manager["location"] == "Austin, TX, United States"
    assert manager["level"] == "Mid-Senior Level"
    assert manager["posted_at"] == "2026-06-24T10:00:11.853Z"
    assert manager["url"] == "https://jobs.smartrecruiters.com/Visa/744000133907678-sr-manager"
    assert "EEO guidelines" in manager["description"]  # from the detail's jobAd sections
    assert "jobAd" in manager["raw"]


def test_a_failed_detail_keeps_the_listed_posting_and_counts_why(every_source):
    # No detail was saved for the Director posting: the replay 404s it, the listing still counts.
    director = every_source.by_id("smartrecruiters", "744000129971988")
    assert director["title"] == "Director" and director["description"] is None
    assert director["level"] is not None
    assert every_source.source("smartrecruiters")["error_reasons"] == {"not_found": 1}
