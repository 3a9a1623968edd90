"""analysis/hiringtrends.py: hiringtrends' counting rule reproduced, and mljobs' reading of the same posts
against the published series (fixtures: tests/fixtures/hiringtrends/README.md)."""

import html
import re
from pathlib import Path

import pytest
from mljobs.analysis import hiringtrends
from mljobs.pipeline import skills, text
from replay import DEMO_DATA

FIXTURES = Path(__file__).parent / "fixtures"
SERIES = hiringtrends.load_series(FIXTURES / "hiringtrends" / "hiringtrends_series_2011-04_2015-08.json")
THREAD_2011 = DEMO_DATA / "algolia_items_2396027_whoishiring_2011-04.json"


@pytest.fixture(scope="module")
def august_2015() -> list[str]:
    return hiringtrends.load_archive(FIXTURES / "hiringtrends")["2015-08"]


@pytest.fixture(scope="module")
def august_2015_facts(august_2015: list[str]) -> list[dict]:
    return hiringtrends.mljobs_facts(august_2015)


def _rule_hits(posts: list[str], term: str, month: str = "2015-08") -> list[bool]:
    rule = {term: SERIES[month]["rules"][term]}
    return [hiringtrends.count_like_hiringtrends([p], rule)[term] == 1 for p in posts]


def test_rule_reproduces_the_published_april_2011_counts_exactly() -> None:
    posts = hiringtrends.load_thread(THREAD_2011)
    published = SERIES["2011-04"]
    assert len(posts) == published["posts"] == 219
    assert hiringtrends.count_like_hiringtrends(posts, published["rules"]) == published["counts"]
    assert published["counts"]["Python"] == 37 and published["counts"]["Machine Learning"] == 7


def test_load_series_reads_the_js_literal(tmp_path: Path) -> None:
    # The head of the real data file: bare keys, ".49" numbers, a `data=` prefix and a trailing ";".
    js = tmp_path / "data.js"
    js.write_text('data=[{month:"May24",num_comments:409,points:549,terms:{".NET Core":{count:2,percentage:.49,'
                  'full_term:".NET Core",rank:106},AI:{count:101,percentage:24.69,'
                  'full_term:"AI/alias[AI|Artificial Intelligence]",rank:4}}}];')  # fmt: skip
    month = hiringtrends.load_series(js)["2024-05"]
    assert month["posts"] == 409
    assert month["counts"] == {".NET Core": 2, "AI": 101}
    assert month["rules"]["AI"] == "AI/alias[AI|Artificial Intelligence]"
    assert month["terms"]["AI"] == pytest.approx(101 / 409)


def test_golang_also_counts_a_capital_go_token() -> None:
    # hiringtrends' own spec example (spec/job_posting_spec.rb)
    posts = ["We're looking for a C++/Go hacker", "go home"]
    assert hiringtrends.count_like_hiringtrends(posts, {"golang": "golang"}) == {"golang": 1}


def test_rule_on_the_archived_august_2015_thread_is_within_a_post_of_the_published_counts(
    august_2015: list[str],
) -> None:
    # The archive holds 814 posts of the thread, hiringtrends counted 810: the same thread, the same rule.
    assert len(august_2015) == 814 and SERIES["2015-08"]["posts"] == 810
    counts = hiringtrends.count_like_hiringtrends(august_2015, SERIES["2015-08"]["rules"])
    for term, published in SERIES["2015-08"]["counts"].items():
        assert abs(counts[term] - published) <= 1, term


@pytest.mark.parametrize("term", ["Python", "Machine Learning", "Data Science"])
def test_mljobs_share_is_within_2pp_of_the_published_share(term: str, august_2015_facts: list[dict]) -> None:
    ours = sum(map(hiringtrends.MLJOBS_READING[term], august_2015_facts)) / len(august_2015_facts)
    assert abs(ours - SERIES["2015-08"]["terms"][term]) <= hiringtrends.WITHIN_PP / 100


@pytest.mark.parametrize("term", ["Python", "AWS", "Machine Learning"])
def test_mljobs_reads_every_post_the_rule_counts(
    term: str, august_2015: list[str], august_2015_facts: list[dict]
) -> None:
    # The "ml" alias adds nothing mljobs misses here: mljobs reads "ML" in exact case, and this month has no
    # lower-case "ml". (Over the whole archive 3 posts of 28,457 are counted by the rule alone: "ml" in lower
    # case twice, "machine learningand" once.)
    read = hiringtrends.MLJOBS_READING[term]
    hits = _rule_hits(august_2015, term)
    assert not [p for p, hit, f in zip(august_2015, hits, august_2015_facts, strict=True) if hit and not read(f)]


def test_mljobs_aws_share_is_above_the_published_one_for_explained_reasons(
    august_2015: list[str], august_2015_facts: list[dict]
) -> None:
    ours = [f for f in august_2015_facts if "AWS" in f["skills"]]
    assert len(ours) / len(august_2015) - SERIES["2015-08"]["terms"]["AWS"] > hiringtrends.WITHIN_PP / 100
    glued, other_name = [], []
    for post, hit, facts in zip(august_2015, _rule_hits(august_2015, "AWS"), august_2015_facts, strict=True):
        if hit or "AWS" not in facts["skills"]:
            continue
        # hiringtrends' tokens keep "&#x2F;", tags and "-" attached: "AWS&#x2F;Docker", "<p>AWS", "AWS-hosted"
        plain = re.sub(r"[^\w\s]", " ", re.sub(r"<[^>]+>", " ", html.unescape(post)))
        if _rule_hits([plain], "AWS")[0]:
            glued.append(post)
        else:  # AWS named otherwise (EC2, S3, Amazon Web Services, Kinesis) or implied (Redshift, DynamoDB)
            assert "AWS" in skills.extract(re.sub(r"(?i)\baws\b", " ", text.clean(post))), post[:200]
            other_name.append(post)
    assert (len(glued), len(other_name)) == (11, 14)


def test_no_tensorflow_or_pytorch_in_august_2015(august_2015_facts: list[dict]) -> None:
    # TensorFlow was released in November 2015 and PyTorch in January 2017.
    for term in ("TensorFlow", "PyTorch"):
        assert SERIES["2015-08"]["counts"][term] == 0
        assert not any(map(hiringtrends.MLJOBS_READING[term], august_2015_facts))


def test_compare_summarises_each_term(august_2015: list[str]) -> None:
    months = {"2011-04": hiringtrends.load_thread(THREAD_2011), "2015-08": august_2015}
    rows, summary = hiringtrends.compare(SERIES, months)
    assert len(rows) == 2 * len(hiringtrends.TERMS)
    by_term = {s.term: s for s in summary}
    assert by_term["Python"].months == 2 and by_term["Python"].rule_within == 1.0
    assert by_term["Python"].rule_max_pp < 0.2  # 2011-04 exact; 2015-08 164/814 against 163/810
