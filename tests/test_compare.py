"""The guide-vs-market verdicts are computed from the data: synthetic markets built to land on each
side of each rule, and the statistics behind the intervals."""

import math
from pathlib import Path

import duckdb
import numpy as np
import pytest
from market_db import Posting, build
from mljobs.analysis import verdicts as rules
from mljobs.analysis.bootstrap import median_ci
from mljobs.analysis.compare import compare
from mljobs.analysis.stats import share_change, wilson
from mljobs.guide import baseline

GUIDE = baseline.load()


def verdicts(tmp_path: Path, postings: list[Posting], name: str = "market") -> dict[str, str]:
    con = duckdb.connect(str(build(tmp_path / f"{name}.duckdb", postings)), read_only=True)
    frame = compare(con, GUIDE).frame()
    return dict(zip(frame["claim"], frame["verdict"], strict=True))


def paid(level: str, centre: float, n: int) -> list[Posting]:
    """n postings at `level` whose pay spreads evenly ±10% around `centre`."""
    return [Posting(seniority=level, pay=(centre * (0.9 + 0.2 * i / max(n - 1, 1)),) * 2) for i in range(n)]


def test_a_senior_median_of_300k_is_market_higher(tmp_path: Path) -> None:
    result = verdicts(tmp_path, paid("senior", 300_000, 40))
    assert result["Senior-level pays $150,000–250,000+ (job postings)"] == rules.HIGHER


def test_five_senior_salaries_are_too_little_data(tmp_path: Path) -> None:
    result = verdicts(tmp_path, paid("senior", 300_000, 5))
    assert result["Senior-level pays $150,000–250,000+ (job postings)"] == rules.TOO_LITTLE


def test_bands_hold_or_the_market_is_lower(tmp_path: Path) -> None:
    result = verdicts(tmp_path, paid("mid", 135_000, 30) + paid("entry", 60_000, 30))
    assert result["Mid-level pays $120,000–150,000 (job postings)"] == rules.HOLDS
    assert result["Entry-level pays $90,000–120,000 (job postings)"] == rules.LOWER
    assert result["Senior-level pays $150,000–250,000+ (job postings)"] == rules.TOO_LITTLE  # no senior pay at all


def test_salary_verdict_rows_carry_n_median_and_interval(tmp_path: Path) -> None:
    con = duckdb.connect(str(build(tmp_path / "m.duckdb", paid("senior", 300_000, 40))), read_only=True)
    senior = compare(con, GUIDE).frame().set_index("claim").loc["Senior-level pays $150,000–250,000+ (job postings)"]
    assert senior["n"] == 40
    assert senior["ci_low"] <= senior["value"] <= senior["ci_high"]
    assert senior["value"] == pytest.approx(300_000, rel=0.01)
    assert senior["ci_low"] > 250_000


def test_role_verdicts_follow_the_share_rule(tmp_path: Path) -> None:
    market = ([Posting(role="machine-learning-engineer")] * 97 + [Posting(role="data-scientist")] * 3)
    result = verdicts(tmp_path, market)
    assert result["Machine Learning Engineer is one of the ML roles"] == rules.HOLDS
    assert result["MLOps Engineer is one of the ML roles"] == rules.TOO_LITTLE  # 0 of 100: CI reaches 3.7%
    many = [Posting(role="machine-learning-engineer")] * 400
    assert verdicts(tmp_path, many, "many")["MLOps Engineer is one of the ML roles"] == rules.UNSUPPORTED


def test_skill_verdicts_per_role_and_for_all_ml_jobs(tmp_path: Path) -> None:
    market = ([Posting(role="mlops-engineer", skills=("Docker", "Kubernetes"))] * 30
              + [Posting(role="mlops-engineer", skills=("Kubernetes",))] * 30)
    result = verdicts(tmp_path, market)
    assert result["MLOps Engineer needs Docker"] == rules.HOLDS
    assert result["MLOps Engineer needs MLflow"] == rules.UNSUPPORTED  # 0 of 60: CI high 6% < 10%
    assert result["ML jobs need Docker (Cloud & DevOps)"] == rules.HOLDS
    assert result["NLP Engineer (Natural Language Processing) needs spaCy"] == rules.TOO_LITTLE  # no NLP postings


def test_emerging_trend_holds_when_its_share_rises(tmp_path: Path) -> None:
    earlier = [Posting(month="2024-06", skills=("AI ethics",) if i < 2 else ()) for i in range(100)]
    recent = [Posting(month="2026-06", skills=("AI ethics",) if i < 30 else ()) for i in range(100)]
    flat = [Posting(month=m, skills=("Edge AI",) if i < 5 else ()) for m in ("2024-06", "2026-06")
            for i in range(400)]
    result = verdicts(tmp_path, earlier + recent)
    assert result["AI ethics is emerging"] == rules.HOLDS
    con = duckdb.connect(str(build(tmp_path / "dated.duckdb", earlier + recent)), read_only=True)
    evidence = compare(con, GUIDE).frame().set_index("claim").loc["AI ethics is emerging", "evidence"]
    assert "(2026-06 – 2026-06, n=100) vs 2.0% before (2024-06 – 2024-06, n=100)" in evidence
    flat_result = verdicts(tmp_path, flat, "flat")
    assert flat_result["Edge AI is emerging"] == rules.UNSUPPORTED
    only_recent = verdicts(tmp_path, recent, "recent")
    assert only_recent["AI ethics is emerging"] == rules.TOO_LITTLE  # nothing before to compare with


def test_summary_counts_every_verdict(tmp_path: Path) -> None:
    con = duckdb.connect(str(build(tmp_path / "m.duckdb", paid("senior", 300_000, 40))), read_only=True)
    frame = compare(con, GUIDE).frame()
    assert sum(frame.attrs["summary"][v] for v in rules.VERDICTS) == len(frame)
    expected = (len(GUIDE.roles) + sum(len(r.skills) for r in GUIDE.roles)
                + sum(len(s) for s in GUIDE.skill_groups.values()) + 2 * len(GUIDE.salary_bands)  # postings, survey
                + len(GUIDE.emerging_trends) + len(GUIDE.pay_varies_by) + len(GUIDE.top_paying_industries)
                + len(GUIDE.growth_industries) + 1 + len(GUIDE.certifications) + 1 + 1)  # demand, internships, courses
    assert len(frame) == expected


@pytest.mark.parametrize(("n", "low", "high", "expected"), [
    (19, 300_000, 310_000, rules.TOO_LITTLE),
    (20, 250_001, 260_000, rules.HIGHER),
    (20, 240_000, 260_000, rules.HOLDS),
    (20, 100_000, 149_999, rules.LOWER),
])
def test_band_verdict_thresholds(n: int, low: float, high: float, expected: str) -> None:
    assert rules.band_verdict(n, low, high, 150_000, 250_000) == expected


def test_a_band_without_a_top_cannot_be_exceeded() -> None:
    assert rules.band_verdict(100, 900_000, 1_000_000, 150_000, None) == rules.HOLDS


def test_wilson_matches_published_values() -> None:
    # Newcombe (1998), table I: 81/263 -> 0.2553–0.3662; 0/10 -> 0–0.2775
    assert wilson(81, 263) == pytest.approx((0.2553, 0.3662), abs=1e-4)
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert all(math.isnan(v) for v in wilson(0, 0))


def test_share_change_matches_newcombe() -> None:
    # Newcombe (1998) difference example: 56/70 - 48/80 = 0.2, method 10 interval 0.0524–0.3339
    diff, low, high = share_change(56, 70, 48, 80)
    assert (diff, low, high) == pytest.approx((0.2, 0.0524, 0.3339), abs=1e-4)


def test_bootstrap_median_from_a_histogram_equals_the_raw_median() -> None:
    rng = np.random.default_rng(7)
    raw = rng.integers(50, 300, size=501) * 1000.0
    values, counts = np.unique(raw, return_counts=True)
    median, low, high = median_ci(values, counts)
    assert median == np.median(raw)
    assert low <= median <= high
    assert high - low < 40_000  # 501 draws: a tight interval
    assert median_ci(values, counts) == (median, low, high)  # seeded: reproducible
    even = median_ci(np.array([1.0, 2.0, 3.0, 4.0]))
    assert even[0] == 2.5


def test_skill_verdicts_count_only_described_postings(tmp_path: Path) -> None:
    described = ([Posting(role="mlops-engineer", skills=("Docker",))] * 15
                 + [Posting(role="mlops-engineer")] * 15)
    titles_only = [Posting(role="mlops-engineer", description=None)] * 30
    con = duckdb.connect(str(build(tmp_path / "half.duckdb", described + titles_only)), read_only=True)
    docker = compare(con, GUIDE).frame().set_index("claim").loc["MLOps Engineer needs Docker"]
    assert (docker["n"], docker["value"]) == (30, pytest.approx(0.5))  # 15 of 30 described, not of 60
    assert (docker["ci_low"], docker["ci_high"]) == pytest.approx(wilson(15, 30))
    assert docker["evidence"] == "in 50.0% of 30 described postings dated from 2013-03 (its first release)"
    assert docker["verdict"] == rules.HOLDS
    # 15 described postings, all asking for Docker, among 115: under MIN_SCOPE_POSTINGS described
    few = [Posting(role="mlops-engineer", skills=("Docker",))] * 15 + titles_only * 3 + titles_only[:10]
    assert verdicts(tmp_path, few, "few")["MLOps Engineer needs Docker"] == rules.TOO_LITTLE
    assert verdicts(tmp_path, few + described[:5], "enough")["MLOps Engineer needs Docker"] == rules.HOLDS


def test_a_skill_is_judged_only_on_postings_dated_after_it_existed(tmp_path: Path) -> None:
    before = [Posting(role="machine-learning-engineer", month="2015-06")] * 100  # no PyTorch yet: can't ask for it
    after = ([Posting(role="machine-learning-engineer", month="2019-06", skills=("PyTorch",))] * 10
             + [Posting(role="machine-learning-engineer", month="2019-06")] * 20)
    con = duckdb.connect(str(build(tmp_path / "m.duckdb", before + after)), read_only=True)
    pytorch = compare(con, GUIDE).frame().set_index("claim").loc["Machine Learning Engineer needs PyTorch"]
    assert (pytorch["n"], pytorch["value"], pytorch["verdict"]) == (30, pytest.approx(1 / 3), rules.HOLDS)
    assert "dated from 2017-01" in pytorch["evidence"]
    only_before = compare(duckdb.connect(str(build(tmp_path / "old.duckdb", before)), read_only=True), GUIDE)
    old = only_before.frame().set_index("claim").loc["Machine Learning Engineer needs PyTorch"]
    assert (old["n"], old["verdict"]) == (0, rules.NOT_MEASURABLE)  # every posting predates PyTorch


@pytest.mark.parametrize(("k", "n", "expected"), [
    (250, 2300, rules.BORDERLINE),  # 10.9%, interval 9.7%–12.3%: at the 10% line, and known to be
    (5, 54, rules.TOO_LITTLE),  # 9.3%, interval 4.0%–19.9%: could be anything from rare to common
    (300, 2300, rules.HOLDS),
    (150, 2300, rules.UNSUPPORTED),
    (2, 10, rules.TOO_LITTLE),  # under the minimum sample
])
def test_an_interval_across_the_threshold_is_borderline_only_when_narrow(k: int, n: int, expected: str) -> None:
    low, high = wilson(k, n)
    assert rules.share_verdict(k, n, rules.SKILL_MIN_SHARE, rules.MIN_SCOPE_POSTINGS, low, high) == expected
