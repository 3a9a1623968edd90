"""Every source as sources.toml declares it: each crawled through the real Scrapy engine over its saved listing
(a new source needs only its declaration and a saved real response, tests/replay.py), and a wrong declaration
refused with the source and key named."""

import pytest
from mljobs.crawlers import sources
from mljobs.crawlers.declared import spider_class
from mljobs.crawlers.run import available_sources
from replay import CRAWLED_ELSEWHERE, saved_sources

# Fields no saved listing of the source fills: the tests of those sources show them on made-up jobs.
NEVER_IN_SAVED = {"greenhouse": {"salary"}, "themuse": {"remote"}}


@pytest.mark.parametrize("source", saved_sources())
def test_crawls_its_saved_listing(every_source, source):
    summary = every_source.source(source)
    postings = every_source.of(source)
    assert summary["status"] == "finished" and summary["pages"] >= 1
    assert summary["postings"] == len(postings) > 0
    assert set(summary["error_reasons"]) <= {"not_found"}  # at most a detail no one saved (smartrecruiters)
    ids = [p["native_id"] for p in postings]
    assert None not in ids and len(set(ids)) == len(ids)
    assert all(isinstance(p["title"], str) and p["title"].strip() for p in postings)
    declared = sources.declared()[source]
    assert summary.get("attribution") == declared.spider.get("attribution")
    # A mistyped path reads nothing from any job: every declared field is read from some saved one.
    fields = set(declared.fields) | ({"salary"} if declared.pay_fields else set())
    unread = {field for field in fields if all(p[field] is None for p in postings)}
    assert unread == NEVER_IN_SAVED.get(source, set())


def test_every_declared_spider_is_listed_and_crawled_on_a_saved_listing():
    declared = {name for name, source in sources.declared().items() if source.spider}
    assert declared <= set(available_sources())  # Scrapy's loader finds the spiders made of the file too
    assert declared - set(CRAWLED_ELSEWHERE) == set(saved_sources())


@pytest.mark.parametrize(("spider", "fields", "says"), [
    ({"path": "/x", "jobz_at": "a"}, {}, "[acme.spider]: unknown key 'jobz_at'"),
    ({"path": "/x", "has_boards": "yes"}, {}, "[acme.spider] has_boards = 'yes': must be bool"),
    ({"path": "/x", "max_pages": True}, {}, "[acme.spider] max_pages = True: must be int"),
    ({"params": {}}, {}, "[acme.spider]: no path"),
    ({"path": "/x", "paging": "offset"}, {}, "offset paging needs total_at"),
    ({"path": "/x", "paging": "cursor"}, {}, "paging = 'cursor': one of none, offset"),
    ({"path": "/x"}, {"titel": "title"}, "[acme.fields]: 'titel' is no posting field"),
    ({"path": "/x"}, {"title": 3}, "[acme.fields] title: give a dotted path or a table naming one reader"),
    ({"path": "/x"}, {"title": ""}, "[acme.fields] title: give a dotted path"),
    ({"path": "/x"}, {"remote": {"eq": "w"}}, "[acme.fields] remote: give a dotted path"),
    ({"path": "/x"}, {"remote": {"const": 1, "text": "a"}}, "[acme.fields] remote: give a dotted path"),
    ({"path": "/x"}, {"posted_at": {"epoch": "t", "unit": "ms"}}, "posted_at: epoch's unit = 'ms'"),
    ({"path": "/x"}, {"posted_at": {"epoch": "t", "scale": 1}}, "posted_at: epoch takes no option 'scale'"),
    ({"path": "/x"}, {"remote": {"equals": "w", "truthy": "remote"}}, "remote: equals's truthy = 'remote'"),
    ({"path": "/x"}, {"title": {"text": ""}}, "title: text = '' is not what it takes"),
])
def test_a_wrong_declaration_is_refused_naming_source_and_key(spider, fields, says):
    with pytest.raises(ValueError) as refused:
        spider_class(sources.Source(name="acme", kind="ats", rank=0, spider=spider, fields=fields))
    assert says in str(refused.value)


def test_a_declaration_reads_as_the_readers_it_names():
    spider = spider_class(sources.Source(name="acme", kind="ats", rank=0, spider={"path": "/x", "jobs_at": ""},
                                         fields={"remote": {"equals": "w", "truthy": ["yes"], "falsy": ["no"]},
                                                 "posted_at": {"epoch": "t", "unit": 1000}}))
    assert spider.name == "acme" and spider.jobs_at is None  # "": the body is the list
    read = {field: [reader(job) for job in ({"w": "yes", "t": 0}, {"w": "no"}, {"w": "maybe"})]
            for field, reader in spider.fields.items()}
    assert read == {"remote": [True, False, None], "posted_at": ["1970-01-01T00:00:00+00:00", None, None]}


def test_a_board_that_cannot_be_part_of_a_host_name_is_refused_before_any_request(replay, crawl):
    # Recruitee hosts each company on <board>.recruitee.com: a slug with a space or a slash would make no host
    # (it was a bare "unicodeerror" before any check)
    result = crawl(["recruitee"], ["acme", "bad slug/.."], RECRUITEE_BASE_URL=f"{replay.url}/{{board}}")
    assert "board 'bad slug/..' can't be part of a host name" in result.source("recruitee")["message"]
    assert replay.requests == []
