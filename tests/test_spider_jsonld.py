"""The jsonld spider: schema.org JobPosting JSON-LD on careers pages and sitemaps, through the Scrapy engine.

The pages are hand-made in the real-world shapes job-sources.md §4.12 lists (tests/fixtures/jsonld/README.md).
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Crawl
from mljobs.crawlers import jsonld_base
from replay import ReplayServer

FIXTURES = Path(__file__).parent / "fixtures" / "jsonld"
SITE = "https://jobs.example"  # the sitemaps' host, rewritten to the replay server's
PAGES = {
    "/jobs/": "list.html",
    "/jobs/ml-engineer": "ml-engineer.html",
    "/jobs/data-scientist-forecasting/": "graph.html",
    "/jobs/computer-vision-engineer": "typed-url.html",
    "/jobs/nlp-engineer-remote": "remote.html",
    "/jobs/applied-scientist": "broken.html",
    "/about": "about.html",
}
SITEMAPS = ["sitemap_index.xml", "sitemap-jobs.xml", "sitemap-pages.xml"]
Crawler = Callable[..., Crawl]



@pytest.fixture
def site(replay: ReplayServer) -> ReplayServer:
    for path, name in PAGES.items():
        replay.serve(path, (FIXTURES / name).read_bytes(), content_type="text/html; charset=utf-8")
    for name in SITEMAPS:
        body = (FIXTURES / name).read_bytes().replace(SITE.encode(), replay.url.encode())
        replay.serve(f"/{name}", body, content_type="application/xml")
    return replay


def page_paths_requested(replay: ReplayServer) -> set[str]:
    return {seen.path for seen in replay.requests if not seen.path.endswith((".xml", ".xml.gz", "/robots.txt"))}


# -- pure helpers ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("node", "is_posting"),
    [
        ({"@type": "JobPosting"}, True),
        ({"@type": ["JobPosting", "Thing"]}, True),
        ({"@type": "http://schema.org/JobPosting"}, True),
        ({"@type": "https://schema.org/JobPosting"}, True),
        ({"@type": "schema:JobPosting"}, True),
        ({"@type": "jobposting"}, True),
        ({"@type": "JobPostingList"}, False),
        ({"@type": "Organization"}, False),
        ({"title": "no type"}, False),
    ],
)
def test_jobposting_type_variants(node: dict, is_posting: bool) -> None:
    assert jsonld_base.has_type(node, "JobPosting") is is_posting


@pytest.mark.parametrize(
    ("identifier", "value"),
    [
        ({"@type": "PropertyValue", "name": "Acme", "value": "R-12"}, "R-12"),
        ([{"@type": "PropertyValue", "value": 77}], "77"),
        ("4417", "4417"),
        ({"@type": "PropertyValue", "name": "Acme"}, None),
        (None, None),
    ],
)
def test_identifier_variants(identifier: object, value: str | None) -> None:
    assert jsonld_base.identifier_of({"identifier": identifier}) == value


@pytest.mark.parametrize(
    "blocks",
    [
        [{"@type": "JobPosting", "title": "A"}],
        [[{"@type": "Organization"}, {"@type": "JobPosting", "title": "A"}]],
        [{"@graph": [{"@type": "WebSite"}, {"@type": "JobPosting", "title": "A"}]}],
        [{"@type": "WebPage", "mainEntity": {"@type": "JobPosting", "title": "A"}}],
        [{"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": {"@type": "JobPosting",
                                                                                    "title": "A"}}]}],
    ],
    ids=["top", "list", "graph", "mainEntity", "ItemList"],
)
def test_a_jobposting_is_found_wherever_it_is_nested(blocks: list) -> None:
    assert [node["title"] for node in jsonld_base.job_postings(blocks)] == ["A"]


def test_references_resolve_to_the_graphs_node() -> None:
    blocks = [{"@graph": [{"@type": "Organization", "@id": "/#org", "name": "Acme &amp; Co"},
                          {"@type": "JobPosting", "hiringOrganization": {"@id": "/#org"},
                           "jobLocation": {"@type": "Place", "address": {"addressLocality": "Oslo",
                                                                         "addressCountry": {"name": "NO"}}}}]}]
    (posting,) = jsonld_base.job_postings(blocks)
    fields = jsonld_base.posting_fields(posting, jsonld_base.id_index(blocks), "https://www.acme.example/jobs/1")
    assert (fields["company"], fields["location"], fields["board"]) == ("Acme & Co", "Oslo, NO", "acme.example")
    assert fields["native_id"] == fields["url"] == "https://www.acme.example/jobs/1"


# -- through the engine ------------------------------------------------------------------------------------
def test_every_page_shape(site: ReplayServer, crawl: Crawler) -> None:
    urls = ",".join(site.url + path for path in PAGES)
    run = crawl(["jsonld"], JSONLD_START_URLS=urls)
    host = "127.0.0.1"
    postings = run.of("jsonld")
    assert sorted(p["native_id"] for p in postings) == sorted([
        f"{host}#4417", f"{host}#4420",                         # list: one array, two postings
        f"{host}#NW-2231",                                      # three blocks on one page
        f"{site.url}/jobs/data-scientist-forecasting/",          # @graph, no identifier: the page URL
        f"{host}#90211",                                        # typed-URL
        f"{host}#LH-NLP-7",                                     # TELECOMMUTE
        f"{site.url}/jobs/applied-scientist",                   # the good block beside a broken one
    ])
    assert run.source("jsonld")["pages"] == len(PAGES)
    assert run.source("jsonld")["error_reasons"] == {"bad_jsonld": 1}
    assert run.skipped("jsonld") == {"no_jobposting": 1}  # about.html
    assert {p["board"] for p in postings} == {host}

    several_blocks = run.by_id("jsonld", f"{host}#NW-2231")
    assert several_blocks["title"] == "Senior Machine Learning Engineer, Ranking"
    assert several_blocks["company"] == "Northwind Labs"
    assert several_blocks["location"] == "San Francisco, CA, US; New York, NY, US"
    assert several_blocks["posted_at"] == "2026-10-14"
    assert several_blocks["level"] == "Senior"
    assert several_blocks["remote"] is None
    assert several_blocks["url"] == f"{site.url}/jobs/ml-engineer"
    value = several_blocks["salary"]["baseSalary"]["value"]
    assert (value["minValue"], value["maxValue"], value["unitText"]) == (185000, 240000, "YEAR")
    assert several_blocks["raw"]["identifier"]["value"] == "NW-2231"
    assert several_blocks["description"].startswith("<p>Northwind Labs builds search")

    graph = run.by_id("jsonld", f"{site.url}/jobs/data-scientist-forecasting/")
    assert graph["company"] == "Bramble Energy Ltd"  # an @id reference to the graph's Organization
    assert graph["location"] == "Bristol, England, GB"
    assert graph["posted_at"] == "2026-09-30T08:12:44+00:00"
    assert graph["salary"]["baseSalary"]["currency"] == "GBP"

    listed = run.by_id("jsonld", f"{host}#4420")
    assert listed["title"] == "MLOps Engineer" and listed["company"] == "Quillfeather AI"
    assert listed["url"] == f"{site.url}/careers/roles/4420"  # relative url made absolute
    assert listed["location"] == "London, United Kingdom"
    assert listed["salary"]["baseSalary"]["value"] == {"@type": "QuantitativeValue", "value": 650, "unitText": "DAY"}
    assert run.by_id("jsonld", f"{host}#4417")["salary"] is None

    typed = run.by_id("jsonld", f"{host}#90211")
    assert typed["title"] == "Computer Vision Engineer (R&D)"  # entity-unescaped name
    assert typed["company"] == "Halcyon Robotics, Inc."
    assert typed["description"].startswith("&lt;p&gt;Perception")  # description exactly as given
    assert typed["salary"]["baseSalary"]["currency"] == "usd"
    assert typed["salary"]["baseSalary"]["value"]["minValue"] == "$100,000"
    assert typed["location"] == "Pittsburgh, PA, USA"

    remote = run.by_id("jsonld", f"{host}#LH-NLP-7")
    assert remote["remote"] is True
    assert remote["location"] == "Germany; Sweden; Netherlands"
    assert remote["salary"]["estimatedSalary"]["median"] == 80000
    assert remote["salary"]["baseSalary"]["value"]["maxValue"] == 90000
    assert remote["level"] is None and remote["raw"]["experienceRequirements"]["monthsOfExperience"] == 36

    broken_page = run.by_id("jsonld", f"{site.url}/jobs/applied-scientist")
    assert broken_page["title"] == "Applied Scientist" and broken_page["company"] == "Ferrous Analytics"
    assert "modelling.\nPython, R and SQL." in broken_page["description"]
    assert broken_page["salary"]["baseSalary"]["value"]["value"] == "8k-15k"


def test_sitemap_walk_reads_only_the_sites_own_allowed_pages(site: ReplayServer, crawl: Crawler) -> None:
    run = crawl(["jsonld"], JSONLD_SITEMAPS=f"{site.url}/sitemap_index.xml", JSONLD_ALLOW="/jobs/")
    assert {seen.path for seen in site.requests if seen.path.endswith(".xml")} == {f"/{name}" for name in SITEMAPS}
    assert page_paths_requested(site) == {path for path in PAGES if path.startswith("/jobs/")}
    assert len(run.of("jsonld")) == 7
    assert run.skipped("jsonld") == {"off_site": 2}  # the partner's sitemap and another ATS's page
    assert run.source("jsonld")["pages"] == len(SITEMAPS) + 6
    assert run.source("jsonld")["error_reasons"] == {"bad_jsonld": 1}


def test_sitemap_walk_without_allow_counts_what_it_could_not_use(site: ReplayServer, crawl: Crawler) -> None:
    run = crawl(["jsonld"], JSONLD_SITEMAPS=f"{site.url}/sitemap_index.xml")
    assert page_paths_requested(site) == set(PAGES) | {"/blog/2026/10/we-are-hiring"}
    assert len(run.of("jsonld")) == 7
    assert run.skipped("jsonld") == {"off_site": 2, "no_jobposting": 1}
    assert run.source("jsonld")["error_reasons"] == {"bad_jsonld": 1, "not_found": 1}  # the blog post


def test_without_pages_or_sitemaps_the_source_fails_with_a_clear_message(replay: ReplayServer, crawl: Crawler) -> None:
    run = crawl(["jsonld"])
    entry = run.source("jsonld")
    assert entry["status"] == "failed"
    assert "nothing to read" in entry["message"]
    assert replay.requests == []


def test_sitemaps_from_robots_txt_gzipped_and_a_page_that_is_no_sitemap(site: ReplayServer, crawl: Crawler) -> None:
    jobs = (FIXTURES / "sitemap-jobs.xml").read_bytes().replace(SITE.encode(), site.url.encode())
    site.serve("/sitemap-jobs.xml.gz", gzip.compress(jobs), content_type="application/x-gzip")
    site.robots(f"User-agent: *\nAllow: /\nSitemap: {site.url}/sitemap-jobs.xml.gz\n")
    site.serve("/sitemap-news.xml", b"<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>",
               content_type="text/html")
    run = crawl(["jsonld"], JSONLD_SITEMAPS=f"{site.url}/robots.txt,{site.url}/sitemap-news.xml")
    assert len(site.hits("/sitemap-jobs.xml.gz")) == 1
    assert page_paths_requested(site) == {path for path in PAGES if path.startswith("/jobs/")}
    assert len(run.of("jsonld")) == 7
    assert run.source("jsonld")["error_reasons"] == {"bad_jsonld": 1, "bad_sitemap": 1}


def test_a_deeply_nested_block_costs_only_itself(replay: ReplayServer, crawl: Crawler) -> None:
    good = (FIXTURES / "ml-engineer.html").read_text(encoding="utf-8")
    abyss = "[" * 200_000 + "]" * 200_000                        # past the JSON parser's own recursion limit
    deep = '{"a":' * (jsonld_base.MAX_DEPTH + 5) + "1" + "}" * (jsonld_base.MAX_DEPTH + 5)  # parses, too deep
    blocks = "".join(f'<script type="application/ld+json">{body}</script>' for body in (abyss, deep))
    replay.serve("/jobs/deep", good.replace("</head>", blocks + "</head>").encode(),
                 content_type="text/html; charset=utf-8")
    run = crawl(["jsonld"], JSONLD_START_URLS=replay.url + "/jobs/deep")
    assert run.source("jsonld")["error_reasons"] == {"jsonld_too_deep": 2}
    assert run.source("jsonld")["error_reasons"].get("spider_error") is None
    assert len(run.of("jsonld")) == 1  # the page's good block is still read


def test_walks_are_loops_not_recursions() -> None:
    deep: list = []
    cursor = deep
    for _ in range(100_000):
        cursor.append([])
        cursor = cursor[0]
    cursor.append({"@type": "JobPosting"})
    assert jsonld_base.job_postings([deep]) == [{"@type": "JobPosting"}]
    assert not jsonld_base.within_depth(deep)
    assert jsonld_base.within_depth({"a": [{"b": 1}]}, limit=3) and not jsonld_base.within_depth([[[[]]]], limit=3)
