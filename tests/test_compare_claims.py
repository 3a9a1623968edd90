"""The guide's claims beyond roles, skills and trends: pay within the guide's market (postings and survey
answers apart), pay varying, industries, demand over time, certifications, internships, courses."""

from pathlib import Path

import duckdb
import pandas as pd
from market_db import Posting, build
from mljobs.analysis import verdicts as rules
from mljobs.analysis.compare import compare
from mljobs.analysis.query import Filters
from mljobs.guide import baseline

GUIDE = baseline.load()
SENIOR = "Senior-level pays $150,000–250,000+"


def frame(tmp_path: Path, postings: list[Posting], filters: Filters | None = None) -> pd.DataFrame:
    tmp_path.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(build(tmp_path / "m.duckdb", postings)), read_only=True)
    return compare(con, GUIDE, filters or Filters()).frame().set_index("claim")


def paid(level: str, centre: float, n: int, **fields) -> list[Posting]:
    return [Posting(seniority=level, pay=(centre * (0.9 + 0.2 * i / max(n - 1, 1)),) * 2, **fields) for i in range(n)]


def test_bands_are_judged_within_the_market_only(tmp_path: Path) -> None:
    market = paid("senior", 90_000, 40, country="GB") + paid("senior", 200_000, 25, country="US")
    result = frame(tmp_path, market)
    senior = result.loc[f"{SENIOR} (job postings)"]
    assert (senior["n"], senior["verdict"]) == (25, rules.HOLDS)  # the 40 British salaries are not held to it
    assert "US pay stated in USD a year" in senior["evidence"]
    british = frame(tmp_path / "gb", market, Filters(market="GB")).loc[f"{SENIOR} (job postings)"]
    assert british["n"] == 40  # (market_db states every salary in USD)


def test_survey_answers_get_band_verdicts_of_their_own_and_never_count_as_postings(tmp_path: Path) -> None:
    market = [Posting()] * 30 + paid("entry", 60_000, 30, kind="survey", role="data-scientist")
    result = frame(tmp_path, market)
    assert result.loc["Entry-level pays $90,000–120,000 (salary survey)", "verdict"] == rules.LOWER
    assert result.loc["Entry-level pays $90,000–120,000 (job postings)", "n"] == 0
    roles = result.loc["Data Scientist (ML Focus) is one of the ML roles"]
    assert (roles["n"], roles["value"]) == (30, 0.0)  # survey rows are no postings


def test_pay_varies_by_level_when_the_intervals_part(tmp_path: Path) -> None:
    result = frame(tmp_path, paid("entry", 80_000, 25) + paid("senior", 200_000, 25))
    assert result.loc["Salaries vary by experience", "verdict"] == rules.HOLDS
    assert result.loc["Salaries vary by location", "verdict"] == rules.TOO_LITTLE  # one country only
    close = frame(tmp_path / "close", paid("entry", 150_000, 25) + paid("senior", 151_000, 25))
    assert close.loc["Salaries vary by experience", "verdict"] == rules.TOO_LITTLE


def test_a_top_paying_industry_pays_above_the_market_median(tmp_path: Path) -> None:
    market = paid("senior", 300_000, 25, industry="big-tech") + paid("senior", 150_000, 60)
    market += paid("senior", 120_000, 25, industry="healthcare")
    result = frame(tmp_path, market)
    assert result.loc["Tech (FAANG) is a top-paying industry", "verdict"] == rules.HOLDS
    assert result.loc["healthcare AI is a top-paying industry", "verdict"] == rules.UNSUPPORTED
    assert result.loc["finance (quant roles) is a top-paying industry", "verdict"] == rules.TOO_LITTLE


def test_industries_driving_demand_are_a_share_of_ml_postings(tmp_path: Path) -> None:
    market = [Posting(industry="healthcare")] * 20 + [Posting(industry="quant-finance")] * 2 + [Posting()] * 378
    result = frame(tmp_path, market)
    assert result.loc["healthcare is among the industries driving ML demand", "verdict"] == rules.HOLDS
    finance = result.loc["finance is among the industries driving ML demand"]
    assert (finance["value"], finance["verdict"]) == (0.005, rules.UNSUPPORTED)  # quant firms count as finance


def test_demand_grows_within_the_longest_history(tmp_path: Path) -> None:
    early = [Posting(month="2014-01", is_ml=i < 10, source="hn") for i in range(100)]
    late = [Posting(month="2017-06", is_ml=i < 30, source="hn") for i in range(100)]
    other = [Posting(month="2026-10", is_ml=False, source="greenhouse")] * 300  # another era, another source
    demand = frame(tmp_path, early + late + other).loc[GUIDE.demand_claim]
    assert demand["verdict"] == rules.HOLDS and abs(demand["value"] - 0.20) < 1e-9
    assert "ML share of hn postings: 10.0%" in demand["evidence"] and "Indeed Hiring Lab" in demand["evidence"]


def test_a_certificate_counts_only_postings_dated_after_it_existed(tmp_path: Path) -> None:
    text = "Machine learning engineer role. " * 5 + "An AWS Certified Machine Learning – Specialty is a plus."
    market = [Posting(month="2018-01", description=text)] * 50 + [Posting(month="2024-01")] * 200
    aws = frame(tmp_path, market).loc["Get certified: AWS ML Specialty"]
    assert (aws["n"], aws["value"], aws["verdict"]) == (200, 0.0, rules.UNSUPPORTED)
    asked = frame(tmp_path / "asked", [Posting(month="2024-01", description=text)] * 40).loc[
        "Get certified: AWS ML Specialty"]
    assert (asked["value"], asked["verdict"]) == (1.0, rules.HOLDS)


def test_internships_by_title_and_courses_not_measurable(tmp_path: Path) -> None:
    market = [Posting(title="Machine Learning Intern")] * 10 + [Posting()] * 90
    result = frame(tmp_path, market)
    assert result.loc["Internships are a way to gain ML experience", "verdict"] == rules.HOLDS
    courses = result.loc[[c for c in result.index if c.startswith("Take courses")][0]]
    assert courses["verdict"] == rules.NOT_MEASURABLE
