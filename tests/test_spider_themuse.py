"""The Muse spider: /api/public/jobs?page=N until page_count, in the configured categories."""

from replay import themuse_page


def test_pages_until_page_count(every_source):
    postings = every_source.of("themuse")
    assert len(postings) == 25  # 20 + 5 over two pages
    assert every_source.source("themuse")["pages"] == 2


def test_fields_and_level(every_source):
    job = every_source.by_id("themuse", "22034722")
    assert job["title"] == "Materials Planner (M - F, 6am - 2:30pm)"
    assert job["company"] == "The Coca-Cola Company"
    assert job["level"] == "Senior Level" and job["location"] == "Atlanta, GA"
    assert job["posted_at"] == "2026-08-06T23:36:54Z"
    assert job["url"] == "https://www.themuse.com/jobs/thecocacolacompany/materials-planner-m-f-6am-230pm-8e3f62"
    assert job["remote"] is None and job["salary"] is None
    assert every_source.by_id("themuse", "21947336")["level"] == "Mid Level"  # on the second page


def test_asks_for_the_configured_categories(replay, crawl):
    replay.serve("/api/public/jobs", handler=themuse_page)
    crawl(["themuse"], THEMUSE_CATEGORIES="Data Science,Software Engineering")
    first = replay.hits("/api/public/jobs")[0]
    assert first.query == {"page": ["0"], "category": ["Data Science", "Software Engineering"]}
