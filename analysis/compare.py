"""The guide against the market: one verdict per claim of the guide, computed from the data.

Claims and their evidence (95% intervals; rules and thresholds in analysis/verdicts.py, repeated in the
README's "Verdict rules"):

* Roles — "X is one of the ML roles": X's share of ML postings (Wilson interval).
* Skills — "role X needs skill S" and "ML jobs need S": share of the scope's described postings (a whole
  description: titles-only listings and snippets can't mention a skill) that mention S.
* Pay (analysis/compare_pay.py) — the bands per level, job postings and salary-survey answers apart, within
  the guide's market; "pay varies by role, experience, location"; the top-paying industries.
* Market (analysis/compare_market.py) — industries driving demand, demand growing, certifications,
  internships; courses, which no posting can speak to.
* Emerging trends — "T is emerging": T's share of described ML postings in the last RECENT_MONTHS months
  against before, with Newcombe's interval for the change. Trends and demand are read within one source, the
  one with the longest dated history (a change between two sources' eras would be a change of source).
"""

import math

import duckdb
import pandas as pd
from mljobs.analysis import compare_market, compare_pay, evidence, provenance, reports, trends
from mljobs.analysis.query import ANY, Filters, month, run, span
from mljobs.analysis.stats import share_change, wilson
from mljobs.analysis.table import Table
from mljobs.analysis.verdicts import (
    COLUMNS,
    MIN_ML_POSTINGS,
    MIN_SCOPE_POSTINGS,
    NOT_MEASURABLE,
    ROLE_MIN_SHARE,
    SKILL_MIN_SHARE,
    VERDICTS,
    change_verdict,
    pct,
    row,
    share_verdict,
)
from mljobs.guide.baseline import Baseline


def compare(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY,
            sources: pd.DataFrame | None = None) -> Table:
    """Each claim of the guide, the market's evidence, and a verdict (see the module docstring). `sources`:
    provenance.sources() when the caller has it already (the HTML report), else it is read here."""
    reports.require_postings(con, filters)
    history = reports.history_scope(con, filters)
    rows = [*_roles(con, guide, filters), *_skills(con, guide, filters), *compare_pay.claims(con, guide, filters),
            *_trends(con, guide, history), *compare_market.claims(con, guide, filters, history)]
    frame = pd.DataFrame([dict(zip(COLUMNS, row, strict=True)) for row in rows], columns=COLUMNS)
    frame.attrs.update(title="The guide against the market", summary={
        **{verdict: int((frame["verdict"] == verdict).sum()) for verdict in VERDICTS},
        "market": filters.market, "history_source": history.source,
        **_bases(provenance.sources(con, filters) if sources is None else sources), "filters": filters.describe()})
    return Table.of(frame)


def _bases(sources: pd.DataFrame) -> dict[str, str]:
    """What the role and skill verdicts rest on, in words (provenance.basis): the years they speak for."""
    return {"role_basis": provenance.basis(sources, "ml_postings"), "skill_basis": provenance.basis(sources)}


def _roles(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> list[tuple]:
    counts = run(con, "roles", filters)
    ml_postings = int(counts["ml_postings"].iloc[0]) if len(counts) else 0
    by_role = counts.set_index("role")["postings"]
    rows = []
    for role in guide.roles:
        k = int(by_role.get(role.id, 0))
        low, high = wilson(k, ml_postings)
        rows.append(row("role", f"{role.name} is one of the ML roles",
                        f"{pct(k, ml_postings)} of ML postings ({k} of {ml_postings})",
                        ml_postings, k / ml_postings if ml_postings else math.nan, low, high, "share",
                        share_verdict(k, ml_postings, ROLE_MIN_SHARE, MIN_ML_POSTINGS, low, high)))
    return rows


def _skills(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> list[tuple]:
    counts = run(con, "skills", filters)
    counts["scope"] = counts["scope"].fillna(reports.ALL_ML)
    mentions = counts[counts["skill"].notna()].set_index(["scope", "skill"])["postings"]
    sizes = counts.groupby("scope")["described_postings"].first()  # a skill's share is of described postings
    releases = evidence.vocabulary()["skill_releases"]
    gates = [{"skill": skill, "since": month(since)} for skill, since in releases.items()]
    dated = run(con, "skills_since", filters, gates=gates)
    dated["scope"] = dated["scope"].fillna(reports.ALL_ML)
    dated = dated.set_index(["scope", "skill"])
    claims = [(role.id, f"{role.name} needs {skill}", skill) for role in guide.roles for skill in role.skills]
    claims += [(reports.ALL_ML, f"ML jobs need {skill} ({group})", skill)
               for group, names in guide.skill_groups.items() for skill in names]
    rows = []
    for scope, claim, skill in claims:
        if skill in releases:  # judged only on postings dated from its first release
            found = (scope, skill) in dated.index
            n = int(dated.at[(scope, skill), "described_postings"]) if found else 0
            k = int(dated.at[(scope, skill), "postings"]) if found else 0
            what = f"described postings dated from {releases[skill]} (its first release)"
        else:
            n, k = int(sizes.get(scope, 0)), int(mentions.get((scope, skill), 0))
            what = "described postings"
        low, high = wilson(k, n)
        verdict = share_verdict(k, n, SKILL_MIN_SHARE, MIN_SCOPE_POSTINGS, low, high)
        if skill in releases and n == 0 and sizes.get(scope, 0):  # every posting predates the skill: no data can say
            verdict = NOT_MEASURABLE
        rows.append(row("skill", claim, f"in {pct(k, n)} of {n} {what}", n, k / n if n else math.nan, low, high,
                        "share", verdict))
    return rows


def _trends(con: duckdb.DuckDBPyConnection, guide: Baseline, history: Filters) -> list[tuple]:
    moves = trends.changes(con, history)
    skills = moves[moves["kind"] == "skill"].set_index("name")
    window = moves.attrs["summary"]
    n_recent, n_earlier = window["recent_described"], window["earlier_described"]  # trends are skills
    scope = f"{history.source} postings: " if history.source else ""
    rows = []
    for trend in guide.emerging_trends:
        known = trend in skills.index
        k_recent = int(skills.at[trend, "recent_postings"]) if known else 0
        k_earlier = int(skills.at[trend, "earlier_postings"]) if known else 0
        change, low, high = share_change(k_recent, n_recent, k_earlier, n_earlier)
        evidence = (f"{scope}{pct(k_recent, n_recent)} of the last {window['recent_months']} months' described "
                    f"ML postings ({span(window['recent_from'], window['last_month'], ', ')}n={n_recent}) vs "
                    f"{pct(k_earlier, n_earlier)} before ({span(window['first_month'], window['earlier_until'], ', ')}"
                    f"n={n_earlier})")
        rows.append(row("trend", f"{trend} is emerging", evidence, min(n_recent, n_earlier), change, low, high,
                        "pp", change_verdict(n_recent, n_earlier, low, high)))
    return rows
