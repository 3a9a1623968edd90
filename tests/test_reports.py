"""The report functions over a synthetic market in a real DuckDB temp file (tests/market_db.py)."""

from datetime import date
from pathlib import Path

import duckdb
import pytest
from market_db import Posting, build
from mljobs.analysis import reports, salaries, trends
from mljobs.analysis.query import ANY, Filters, NoData, month
from mljobs.guide import baseline

GUIDE = baseline.load()


def open_market(tmp_path: Path, postings: list[Posting], name: str = "market") -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(build(tmp_path / f"{name}.duckdb", postings)), read_only=True)


def test_roles_counts_shares_and_the_ml_share_of_all_postings(tmp_path: Path) -> None:
    market = ([Posting(role="mlops-engineer")] * 3 + [Posting(role="data-scientist")]
              + [Posting(is_ml=False)] * 4 + [Posting(role="mlops-engineer", is_canonical=False)])
    frame = reports.roles(open_market(tmp_path, market), GUIDE).frame()
    by_role = frame.set_index("role")
    assert by_role.loc["mlops-engineer", "postings"] == 3
    assert by_role.loc["mlops-engineer", "share"] == pytest.approx(0.75)
    assert by_role.loc["nlp-engineer", "postings"] == 0  # every guide role is listed, asked for or not
    assert list(frame["role"]) == [role.id for role in GUIDE.roles]
    low, high = by_role.loc["mlops-engineer", ["share_low", "share_high"]]
    assert low < 0.75 < high
    summary = frame.attrs["summary"]
    assert (summary["postings"], summary["ml_postings"]) == (8, 4)  # the non-canonical duplicate is not counted
    assert summary["ml_share"] == pytest.approx(0.5)


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(source="lever"), 1),
    (Filters(since=date(2025, 1, 1)), 2),
    (Filters(until=date(2024, 12, 1)), 1),
    (Filters(since=date(2025, 1, 1), until=date(2025, 1, 1)), 1),
    (Filters(country="DE"), 1),
    (Filters(remote=True), 1),
    (Filters(remote=False), 2),
    (Filters(role="data-scientist"), 1),
])
def test_every_filter_narrows_every_report(tmp_path: Path, filters: Filters, expected: int) -> None:
    market = [
        Posting(role="mlops-engineer", month="2024-06", source="lever", remote=False),
        Posting(role="mlops-engineer", month="2025-01", country="DE", remote=True),
        Posting(role="data-scientist", month="2026-03", remote=False),
    ]
    con = open_market(tmp_path, market)
    assert reports.roles(con, GUIDE, filters).frame().attrs["summary"]["ml_postings"] == expected
    pay = salaries.salaries(con, GUIDE, filters).frame()
    assert pay.loc[pay["dimension"] == "country", "postings"].sum() == expected  # every country has its row


def test_no_data_says_why(tmp_path: Path) -> None:
    with pytest.raises(NoData, match="no postings yet"):
        reports.roles(open_market(tmp_path, [], "empty"), GUIDE)
    con = open_market(tmp_path, [Posting(source="lever")], "lever")
    with pytest.raises(NoData, match=r"no postings match the filters \(source greenhouse\)"):
        reports.skills(con, GUIDE, Filters(source="greenhouse"))
    not_ml = open_market(tmp_path, [Posting(is_ml=False)], "not_ml")
    with pytest.raises(NoData, match="no ML postings in the database"):
        trends.trends(not_ml, GUIDE)


def test_skills_rank_share_guide_flags_and_what_the_guide_misses(tmp_path: Path) -> None:
    market = ([Posting(role="mlops-engineer", skills=("Kubernetes", "Terraform", "Python"))] * 4
              + [Posting(role="mlops-engineer", skills=("Kubernetes",))] * 2
              + [Posting(role="data-scientist", skills=("SQL", "Terraform"))] * 2)
    frame = reports.skills(open_market(tmp_path, market), GUIDE, top=3).frame()
    overall = frame[frame["scope"] == reports.ALL_ML].set_index("skill")
    assert overall.loc["Kubernetes", ["rank", "postings"]].tolist() == [1, 6]  # tied with Terraform
    assert overall.loc["Terraform", "rank"] == 1 and overall.loc["Terraform", "share"] == pytest.approx(6 / 8)
    assert not overall.loc["Terraform", "in_guide"] and overall.loc["Python", "in_guide"]
    assert overall.loc["MLflow", "postings"] == 0 and overall.loc["MLflow", "in_guide"]  # guide skill, never asked
    assert frame.attrs["summary"]["asked_most_not_in_guide"] == ["Terraform"]
    mlops = frame[frame["scope"] == "mlops-engineer"].set_index("skill")
    assert mlops.loc["Kubernetes", "share"] == pytest.approx(1.0) and mlops.loc["Kubernetes", "in_guide"]
    assert not mlops.loc["Python", "in_guide"]  # the guide's MLOps list doesn't name Python
    assert "SQL" not in mlops.index
    assert frame["scope"].drop_duplicates().tolist()[:2] == [reports.ALL_ML, "data-scientist"]  # guide order


def test_salaries_midpoint_single_end_flags_disclosure_and_band_share(tmp_path: Path) -> None:
    market = [
        Posting(seniority="senior", pay=(160_000, 200_000)),  # midpoint 180k: in the 150–250k band
        Posting(seniority="senior", pay=(None, 300_000)),  # only the top known: 300k, above the band
        Posting(seniority="senior", pay=(140_000, None)),  # only the bottom: 140k, below
        Posting(seniority="senior", pay=(9_000_000, 9_000_000), salary_flag="implausible"),
        Posting(seniority="senior"),
        Posting(seniority="entry", pay=(100_000, 110_000)),
        Posting(seniority=None, pay=(50_000, 50_000), source="lever", role="data-scientist"),
    ]
    frame = salaries.salaries(open_market(tmp_path, market), GUIDE).frame()
    senior = frame[(frame["dimension"] == "level") & (frame["group"] == "senior")].iloc[0]
    assert (senior["postings"], senior["disclosed"], senior["flagged"]) == (5, 3, 1)
    assert senior["disclosure_rate"] == pytest.approx(3 / 5)
    assert senior["median"] == pytest.approx(180_000)
    assert senior["in_band_share"] == pytest.approx(1 / 3)
    assert (senior["band_low"], senior["band_high"]) == (150_000, 250_000)
    levels = frame[frame["dimension"] == "level"]["group"].tolist()
    assert levels == ["entry", "mid", "senior", "unknown"]  # every guide level, even with no posting
    by_source = frame[frame["dimension"] == "source"].set_index("group")
    assert by_source.loc["lever", "median"] == pytest.approx(50_000)
    overall = frame[frame["dimension"] == "all"].iloc[0]
    assert (overall["postings"], overall["disclosed"]) == (7, 5)
    assert frame.attrs["summary"]["flagged"] == 1


def rising_market() -> list[Posting]:
    """Two years of monthly postings: LLM goes from none to most, Hadoop the other way, SQL flat."""
    postings = []
    for i in range(24):
        when = f"{2025 + i // 12}-{i % 12 + 1:02d}"
        for j in range(10):
            skills = ["SQL"] if j % 2 else []
            if j < i * 10 // 24:
                skills.append("LLM")
            if j >= i * 10 // 24:
                skills.append("Hadoop")
            postings.append(Posting(month=when, skills=tuple(skills)))
    return postings


def test_trends_rank_rising_and_falling_and_always_show_the_guides_trends(tmp_path: Path) -> None:
    frame = trends.trends(open_market(tmp_path, rising_market()), GUIDE).frame()
    groups = frame.groupby("group")["name"].apply(list).to_dict()
    assert groups["rising"][0] == "LLM" and groups["falling"][0] == "Hadoop"
    assert "SQL" not in groups.get("rising", [])[:1]
    assert sorted(groups["guide trend"]) == sorted(GUIDE.emerging_trends)
    llm = frame.set_index("name").loc["LLM"]
    assert llm["slope_per_year"] == pytest.approx(10 / 24 * 12 / 10, rel=0.1)  # ~0.5 a year
    assert llm["recent_share"] > llm["earlier_share"] and llm["change_low"] > 0
    assert frame.attrs["summary"]["recent_postings"] == 120 and frame.attrs["summary"]["earlier_postings"] == 120
    months = [frame.attrs["summary"][k] for k in ("first_month", "earlier_until", "recent_from", "last_month")]
    assert months == ["2025-01", "2025-12", "2026-01", "2026-12"]  # which years each window speaks for


def test_monthly_shares(tmp_path: Path) -> None:
    market = [Posting(month="2026-01", skills=("Python",)), Posting(month="2026-01"), Posting(month=None)]
    frame = reports.monthly(open_market(tmp_path, market)).frame()
    python = frame[(frame["kind"] == "skill") & (frame["name"] == "Python")].iloc[0]
    assert (python["month"], python["postings"], python["month_postings"]) == ("2026-01", 1, 2)
    assert python["share"] == pytest.approx(0.5)


def test_weekly_shares_keep_the_latest_weeks_and_leave_undated_postings_out(tmp_path: Path) -> None:
    market = [Posting(month=f"2026-{m:02d}", skills=("Python",) if m % 2 else ()) for m in range(1, 11)]
    market += [Posting(month=None)] * 3  # no date of its own: the day a crawl first saw it is no date
    frame = reports.weekly(open_market(tmp_path, market), weeks=3).frame()
    weeks = sorted(frame["week"].unique())
    assert weeks == ["2026-07-27", "2026-08-31", "2026-09-28"]  # the Mondays of Aug 1, Sep 1, Oct 1
    last = frame[(frame["week"] == "2026-09-28") & (frame["kind"] == "role")].iloc[0]
    assert (last["postings"], last["week_postings"]) == (1, 1)  # October's posting alone
    python = frame[(frame["kind"] == "skill") & (frame["name"] == "Python")]
    assert python["week"].tolist() == ["2026-08-31"]  # September's posting; October's has no skill


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03", date(2024, 3, 1)), ("2024-03-17", date(2024, 3, 1)), (None, None)])
def test_month_parses(text: str | None, expected: date | None) -> None:
    assert month(text) == expected


@pytest.mark.parametrize("text", ["2024-13", "March", "24-03", "2024/03"])
def test_month_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        month(text, "--since")


def test_monthly_without_dates_says_so(tmp_path: Path) -> None:
    with pytest.raises(NoData, match="none of the ML postings has a date"):
        reports.monthly(open_market(tmp_path, [Posting(month=None)]))


WHOLE = 200  # tests/market_db.py marks a description this long described (pipeline.text.is_whole's floor)


def half_described(role: str = "mlops-engineer", month: str = "2026-10") -> list[Posting]:
    """Ten described postings, six asking for Kubernetes, and ten that give no description to read:
    titles-only listings (even with a skill found in the title), the text "null", 199 characters."""
    described = ([Posting(role=role, month=month, skills=("Kubernetes",))] * 6
                 + [Posting(role=role, month=month)] * 3
                 + [Posting(role=role, month=month, description="x" * WHOLE)])
    undescribed = ([Posting(role=role, month=month, description=None, skills=("Kubernetes",))] * 7
                   + [Posting(role=role, month=month, description=None), Posting(role=role, month=month,
                                                                                   description="null"),
                      Posting(role=role, month=month, description="x" * (WHOLE - 1),
                              skills=("Kubernetes",))])
    return described + undescribed


def test_skill_shares_are_over_described_postings_and_role_shares_over_all(tmp_path: Path) -> None:
    market = half_described() + [Posting(role="data-scientist", description=None, skills=("SQL",))] * 5
    con = open_market(tmp_path, market)
    frame = reports.skills(con, GUIDE).frame()
    overall = frame[frame["scope"] == reports.ALL_ML].set_index("skill")
    assert overall.loc["Kubernetes", ["postings", "described"]].tolist() == [6, 10]
    assert overall.loc["Kubernetes", "share"] == pytest.approx(6 / 10)
    assert overall.loc["SQL", "postings"] == 0  # only titles-only postings name it
    mlops = frame[frame["scope"] == "mlops-engineer"].set_index("skill")
    assert mlops.loc["Kubernetes", ["postings", "described", "share"]].tolist() == [6, 10, pytest.approx(0.6)]
    assert mlops.loc["MLflow", ["postings", "described", "share"]].tolist() == [0, 10, 0.0]  # guide skill
    scientists = frame[frame["scope"] == "data-scientist"]  # postings, but none described: no share at all
    assert (scientists["described"] == 0).all() and scientists["share"].isna().all() and len(scientists)
    summary = frame.attrs["summary"]
    assert (summary["ml_postings"], summary["described_postings"]) == (25, 10)
    roles = reports.roles(con, GUIDE).frame().set_index("role")  # roles come from titles: every posting counts
    assert roles.loc["mlops-engineer", "share"] == pytest.approx(20 / 25)


def test_monthly_and_trend_skill_shares_are_over_described_postings(tmp_path: Path) -> None:
    con = open_market(tmp_path, half_described(month="2024-06") + half_described(month="2026-06"))
    monthly = reports.monthly(con).frame()
    kubernetes = monthly[(monthly["kind"] == "skill") & (monthly["name"] == "Kubernetes")].set_index("month")
    assert kubernetes.loc["2026-06", ["postings", "month_postings", "month_described"]].tolist() == [6, 20, 10]
    assert kubernetes.loc["2026-06", "share"] == pytest.approx(0.6)
    role = monthly[(monthly["kind"] == "role") & (monthly["month"] == "2026-06")].iloc[0]
    assert (role["postings"], role["share"]) == (20, pytest.approx(1.0))
    moves = trends.changes(con, ANY).set_index("name")
    assert moves.loc["Kubernetes", ["recent_n", "earlier_n"]].tolist() == [10, 10]
    assert moves.loc["Kubernetes", ["recent_share", "earlier_share"]].tolist() == [pytest.approx(0.6)] * 2
    assert moves.loc["mlops-engineer", ["recent_n", "earlier_n", "recent_share"]].tolist() == [20, 20, 1.0]
    moving = trends.trends(con, GUIDE).frame().set_index("name")
    trend = GUIDE.emerging_trends[0]  # named by no posting: still over the described postings
    assert moving.loc[trend, ["recent_n", "earlier_n"]].tolist() == [10, 10]
    summary = moving.attrs["summary"]
    assert [summary[k] for k in ("recent_postings", "earlier_postings", "recent_described", "earlier_described")] \
        == [20, 20, 10, 10]


def test_trends_read_within_the_longest_history_not_across_sources(tmp_path: Path) -> None:
    history = [Posting(source="hn", month=f"{2014 + m // 12}-{m % 12 + 1:02d}", role="data-scientist")
               for m in range(36)]
    recent_crawl = [Posting(source="greenhouse", month="2026-10", role="machine-learning-engineer")] * 40
    frame = trends.trends(open_market(tmp_path, history + recent_crawl), GUIDE).frame()
    assert frame.attrs["summary"]["source"] == "hn"
    scientists = frame[(frame["group"] == "role") & (frame["name"] == "data-scientist")].iloc[0]
    assert scientists["change"] == 0  # the crawl's era of ML engineers is no fall in data scientists
