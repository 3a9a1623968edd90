"""The extract composition: contract keys, HN headers, level fields, and line errors."""

import io
import json
from pathlib import Path

from mljobs.pipeline import extract as ex

FIXTURE = Path(__file__).parent / "fixtures" / "extract" / "postings.jsonl"
OUTPUT_KEYS = {"id", "is_ml", "role", "seniority", "skills", "salary", "remote", "country", "years_experience"}


def postings() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def by_title(title: str) -> dict:
    return next(p for p in postings() if p["title"].strip() == title)


def test_real_postings_get_every_output_key() -> None:
    for posting in postings():
        facts = ex.extract(posting)
        assert set(facts) == OUTPUT_KEYS
        assert facts["id"] == posting["id"]
        assert (facts["role"] is None) == (not facts["is_ml"])


def test_real_cursor_postings() -> None:
    research = ex.extract(by_title("Research Scientist"))
    assert (research["is_ml"], research["role"]) == (True, "ai-research-scientist")
    infra = ex.extract(by_title("Software Engineer, ML Infrastructure"))
    assert (infra["is_ml"], infra["role"]) == (True, "mlops-engineer")
    # an analytics data scientist (metrics, dashboards, experiments) is not an ML role
    analytics = ex.extract(by_title("Data Scientist, Agents"))
    assert (analytics["is_ml"], analytics["years_experience"], analytics["seniority"]) == (False, 2, "entry")
    assert ex.extract(by_title("Commercial Account Executive"))["is_ml"] is False


def test_missing_keys_are_null_and_unknown_keys_ignored() -> None:
    facts = ex.extract({"whatever": 1})
    assert facts == {"id": None, "is_ml": False, "role": None, "seniority": None, "skills": [], "salary": None,
                     "remote": None, "country": None, "years_experience": None}


def test_hn_header_multi_role_labels_the_ml_role() -> None:
    record = {
        "id": "hn-1", "source": "hn", "title": "",
        "description": ("Acme | Backend Engineer, ML Engineer | Remote (US) | $150k-$200k<p>We are hiring a "
                        "Senior ML Engineer to train ranking models.</p>"),
    }
    facts = ex.extract(record)
    assert (facts["is_ml"], facts["role"], facts["seniority"]) == (True, "machine-learning-engineer", "senior")
    assert (facts["remote"], facts["country"]) == (True, "US")


def test_plain_title_with_a_comma_is_not_an_hn_header() -> None:
    facts = ex.extract({"title": "Software Engineer, ML Infrastructure", "location": "Berlin, Germany"})
    assert (facts["role"], facts["country"], facts["remote"]) == ("mlops-engineer", "DE", None)


def test_site_level_field_shapes() -> None:
    base = {"title": "Machine Learning Engineer"}
    assert ex.extract({**base, "level": "Mid-level"})["seniority"] == "mid"
    assert ex.extract({**base, "level": ["Senior"]})["seniority"] == "senior"  # Himalayas
    assert ex.extract({**base, "level": [{"name": "Internship", "short_name": "internship"}]})["seniority"] == "entry"
    smartrecruiters = {"id": "mid_senior_level", "label": "Mid-Senior Level"}
    assert ex.extract({**base, "level": smartrecruiters})["seniority"] == "mid"


def lines(*items: bytes) -> list[bytes]:
    return [item + b"\n" for item in items]


def test_extract_lines_counts_bad_lines_and_keeps_going() -> None:
    good = json.dumps(postings()[0]).encode()
    raw = lines(good, b"{not json", b"[1, 2]", b"\xff\xfe\xfa", b'{"title": "x\x00"}', b"", good)
    raw.insert(3, None)  # a line lines.read_lines cut for size
    out = list(ex.extract_lines(raw))
    errors = [item.as_dict() for item in out if isinstance(item, ex.LineError)]
    assert errors == [{"line": 2, "error": "not_json"}, {"line": 3, "error": "not_object"},
                      {"line": 4, "error": "too_large"}, {"line": 5, "error": "invalid_utf8"},
                      {"line": 6, "error": "binary"}]
    facts = [item for item in out if not isinstance(item, ex.LineError)]
    assert [f["id"] for f in facts] == [postings()[0]["id"], postings()[0]["id"]]


def test_run_reports_errors_and_summary() -> None:
    stream = io.BytesIO(b'{"id": 1, "title": "Data Scientist"}\nnope\n')
    written, reported = [], []
    summary = ex.run(stream, written.append, reported.append)
    assert [w["id"] for w in written] == [1]
    assert reported == [{"line": 2, "error": "not_json"}]
    assert str(summary) == "extracted 1 postings, 1 errors: not_json 1"


def test_hn_comment_without_a_header_names_its_roles_in_its_first_lines() -> None:
    record = {"source": "hackernews", "title": "", "description": (
        "<p>Burlingame, CA</p><p>TellApart is hiring Software Engineers and Machine Learning Engineers "
        "among other positions.</p><p>We are a startup founded by ex-Googlers.</p>")}
    facts = ex.extract(record)
    assert (facts["is_ml"], facts["role"], facts["country"]) == (True, "machine-learning-engineer", None)
    junior = {"source": "hackernews", "description": "London: Junior / Graduate Python Developer<p>Django work.</p>"}
    assert (ex.extract(junior)["is_ml"], ex.extract(junior)["seniority"]) == (False, "entry")


def test_hn_comment_roles_later_in_the_body_and_after_a_dash() -> None:
    # roles listed after the opening lines, with their specialism after a dash
    record = {"source": "hackernews", "title": "", "description": (
        "<p>Lumen Labs, Oslo</p><p>We make shelf-scanning robots for grocers.</p><p>Our stack is Go and Postgres."
        "</p><p>Open roles:</p><ul><li>Backend Engineer</li><li>Staff Software Engineer - Perception</li></ul>")}
    assert (ex.extract(record)["is_ml"], ex.extract(record)["role"]) == (True, "computer-vision-engineer")
    # a field named as one job of the header's list
    header = {"source": "hn", "title": "", "description": "Acme | Engineer, Designer, NLP | Remote<p>Subtitles.</p>"}
    assert (ex.extract(header)["is_ml"], ex.extract(header)["role"]) == (True, "nlp-engineer")
    # a header listing its jobs with " / "
    slashed = {"source": "hn", "title": "", "description": "Acme | Software Engineer / ML Engineer / Sales | Remote"}
    assert ex.extract(slashed)["is_ml"] is True
    # and nothing is read into a list whose items share a noun: "Senior" qualifies every one
    shared = {"source": "hn", "title": "", "description": "Acme | Senior Backend, ML, Data Engineers | Remote"}
    assert (ex.extract(shared)["is_ml"], ex.extract(shared)["seniority"]) == (True, "senior")


def test_hn_posting_as_the_crawler_gives_it() -> None:
    """The hn spider sets title to the comment's first line and keeps the whole comment as description."""
    header = {"source": "hn", "title": "Acme | Senior ML Engineer | Berlin, Germany | ONSITE",
              "location": "Berlin, Germany",
              "description": "Acme | Senior ML Engineer | Berlin, Germany | ONSITE<p>We train models.</p>"}
    facts = ex.extract(header)
    assert (facts["role"], facts["seniority"], facts["remote"], facts["country"]) == (
        "machine-learning-engineer", "senior", False, "DE")
    free_form = {"source": "hn", "title": "GazeHawk is hiring interns and full-timers in Mountain View.",
                 "description": ("GazeHawk is hiring interns and full-timers in Mountain View.<p>We're looking "
                                 "for both web developers &amp; computer vision/machine learning folks.</p>")}
    facts = ex.extract(free_form)
    assert (facts["is_ml"], facts["role"]) == (True, "computer-vision-engineer")


def test_deeply_nested_json_is_a_counted_error() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    assert [item.as_dict() for item in ex.extract_lines([deep, b'{"id": 1}'])
            if isinstance(item, ex.LineError)] == [{"line": 1, "error": "too_deep"}]


def test_hn_post_listing_its_jobs_in_the_body_is_read_by_each_job() -> None:
    # Invented posts (no labelled set's text): the jobs named as a dash list, and as fields before "roles"
    dashes = {"id": "hn-2", "source": "hn", "description": (
        "Zeta Maps - NYC - Full-Time - Open Positions: iOS Engineer - Web Developer - Data Scientist<p>"
        "We make maps for cyclists.")}
    assert (ex.extract(dashes)["is_ml"], ex.extract(dashes)["role"]) == (True, "data-scientist")
    fields = {"id": "hn-3", "source": "hn", "description": (
        "Zeta Maps | London | ONSITE<p>We're growing everywhere:<p>- Backend and web engineers.<p>"
        "- Data engineering, computer vision and design roles.")}
    assert (ex.extract(fields)["is_ml"], ex.extract(fields)["role"]) == (True, "computer-vision-engineer")
    # a sentence ending in "positions" is prose, not a list of fields
    prose = {"id": "hn-4", "source": "hn", "description": (
        "Zeta Maps | London | ONSITE<p>We are working out the exact positions, so we might not be hiring for "
        "another month. We build maps; our stack is Python and machine learning.")}
    assert ex.extract(prose)["is_ml"] is False
    # a capitalised specialism after a dash still belongs to its job
    one = {"id": "hn-5", "source": "hn", "description": (
        "Zeta Maps | London | ONSITE<p>Hiring: Staff Software Engineer - Search, Ranking, & Recommendations")}
    assert ex.extract(one)["role"] == "machine-learning-engineer"
