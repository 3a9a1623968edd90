"""The HTML report: one self-contained file (inline CSS and SVG, no script, nothing fetched) with the
summary, the guide-vs-market verdicts, charts and the latest postings.

Every string that came from a posting or the database is escaped here (html.escape), and links are
kept only for http(s) URLs, so a posting titled `<script>…</script>` shows as text."""

from collections.abc import Callable
from datetime import UTC, datetime
from html import escape

import duckdb
import pandas as pd

from analysis import charts, reports
from analysis.compare import compare
from analysis.query import ANY, Filters, NoData
from analysis.render import VERDICT_STYLES, count, interval, money, percent
from guide.baseline import Baseline

STYLE = """
body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1a202c}
h1{font-size:1.6em} h2{margin-top:2em;border-bottom:1px solid #cbd5e0}
table{border-collapse:collapse;width:100%;font-size:.9em} th,td{text-align:left;padding:4px 8px;
border-bottom:1px solid #e2e8f0;vertical-align:top} td.num{text-align:right;white-space:nowrap}
.verdict{font-weight:600;white-space:nowrap} .holds{color:#276749} .market-higher,.market-lower{color:#b7791f}
.not-supported{color:#c53030} .too-little-data{color:#718096} .figures{display:flex;gap:2em;flex-wrap:wrap}
.figure b{display:block;font-size:1.5em}
figure{margin:1em 0} figcaption{color:#4a5568;font-size:.9em} .empty{color:#718096} .note{color:#4a5568;font-size:.9em}
"""

Progress = Callable[[str], None]
MIN_PERIOD_POSTINGS = 5  # a trend line's period needs this many dated ML postings
PERIOD_COVERAGE = 0.8  # ... and such periods must hold this share of them, else a coarser period is used
MAX_PERIODS = 60


def report(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY,
           progress: Progress = lambda step: None) -> str:
    """The whole HTML document; NoData when nothing matches the filters."""
    progress("roles")
    roles = reports.roles(con, guide, filters)
    progress("skills")
    skills = reports.skills(con, guide, filters, top=20)
    progress("salaries")
    pay = reports.salaries(con, guide, filters)
    progress("trends")
    trends = reports.trends(con, guide, filters)
    try:
        monthly = reports.monthly(con, filters)
    except NoData:  # undated postings: the trend charts say they have no data, the rest still stands
        monthly = pd.DataFrame(columns=["month", "kind", "name", "postings", "month_postings", "month_described",
                                        "share"])
    progress("verdicts")
    verdicts = compare(con, guide, filters)
    latest = reports.sample_postings(con, filters, limit=25)
    body = [
        f"<h1>The ML job market beside the guide</h1><p class=note>Generated {datetime.now(UTC):%Y-%m-%d %H:%M} "
        f"UTC from {escape(guide.source)}{_filters(filters)}.</p>",
        _summary(roles, pay, verdicts, monthly),
        "<h2>The guide's claims against the market</h2>", _verdicts(verdicts),
        "<h2>Role mix</h2>", charts.bars(_role_bars(roles), "Share of ML postings per guide role (95% CI)"),
        "<h2>Top skills, beside the guide</h2>",
        "<p class=note>Dark bars: skills the guide names; grey: skills it doesn't. Shares are of the "
        f"{skills.attrs['summary']['described_postings']:,} ML postings with a description (at least "
        f"{reports.MIN_DESCRIPTION_CHARS} characters); titles-only listings can't name a skill.</p>",
        charts.bars(_skill_bars(skills), "Share of described ML postings asking for each skill"),
        "<h2>Pay per level against the guide's bands</h2>",
        "<p class=note>Green span: the guide's band; blue box: the market's P25–P75; black tick: median "
        "(annual USD, postings that disclose pay).</p>",
        charts.pay(_pay_rows(pay), "Annual pay per seniority level"),
        "<h2>Trends</h2>",
        charts.lines(_series(monthly, "role", roles["role"].tolist()), "Share of ML postings per role"),
        charts.lines(_series(monthly, "skill", _trend_skills(trends), total="month_described"),
                     "Share of described ML postings: the guide's emerging trends and the fastest-rising skills"),
        "<h2>Latest ML postings</h2>", _latest(latest),
    ]
    return (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>mljobs report</title>"
            f"<style>{STYLE}</style></head><body>{''.join(body)}</body></html>\n")


def _filters(filters: Filters) -> str:
    described = filters.describe()
    return f"; filters: {escape(described)}" if described else ""


def _summary(roles: pd.DataFrame, pay: pd.DataFrame, verdicts: pd.DataFrame, monthly: pd.DataFrame) -> str:
    r, s, v = roles.attrs["summary"], pay.attrs["summary"], verdicts.attrs["summary"]
    months = sorted(monthly["month"].unique())
    figures = [
        ("postings", count(r["postings"])),
        ("ML postings", f"{count(r['ml_postings'])} ({percent(r['ml_share'])})"),
        ("disclose pay", percent(s["disclosure_rate"])),
        ("dated", f"{months[0]} – {months[-1]}" if months else "no dates"),
        ("verdicts", ", ".join(f"{v[name]} {name}" for name in VERDICT_STYLES if v.get(name))),
    ]
    cells = "".join(f"<div class=figure><b>{escape(value)}</b>{escape(label)}</div>" for label, value in figures)
    return f"<h2>Summary</h2><div class=figures>{cells}</div>"


def _verdicts(frame: pd.DataFrame) -> str:
    rows = []
    for r in frame.itertuples(index=False):
        fmt = money if r.kind == "salary" else percent
        ci = interval(r.ci_low, r.ci_high, fmt) if r.kind != "trend" else ""
        css = r.verdict.replace(" ", "-")
        rows.append(f"<tr><td>{escape(r.kind)}</td><td>{escape(r.claim)}</td><td>{escape(r.evidence)}</td>"
                    f"<td class=num>{escape(ci)}</td><td class='verdict {css}'>{escape(r.verdict)}</td></tr>")
    return ("<table id=verdicts><thead><tr><th>claim</th><th></th><th>market evidence</th><th>95% CI</th>"
            f"<th>verdict</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _role_bars(roles: pd.DataFrame) -> list[charts.Bar]:
    rows = roles.itertuples(index=False)
    return [charts.Bar(r.name.split(" (")[0], r.share, r.share_low, r.share_high) for r in rows]


def _skill_bars(skills: pd.DataFrame) -> list[charts.Bar]:
    overall = skills[(skills["scope"] == reports.ALL_ML) & (skills["postings"] > 0)].head(20)
    return [charts.Bar(r.skill, r.share, highlight=bool(r.in_guide)) for r in overall.itertuples(index=False)]


def _pay_rows(pay: pd.DataFrame) -> list[charts.PayRow]:
    levels = pay[(pay["dimension"] == "level") & pay["band_low"].notna()]
    return [charts.PayRow(r.group, int(r.disclosed), _num(r.p25), _num(r.median), _num(r.p75),
                          _num(r.band_low), _num(r.band_high)) for r in levels.itertuples(index=False)]


def _trend_skills(trends: pd.DataFrame) -> list[str]:
    chosen = trends[trends["group"] == "guide trend"]["name"].tolist()
    return chosen + trends[trends["group"] == "rising"]["name"].head(10 - len(chosen)).tolist()


def _series(monthly: pd.DataFrame, kind: str, names: list[str],
            total: str = "month_postings") -> dict[str, list[tuple[str, float]]]:
    """Each name's share per period of the postings counted in column `total` (month_described for
    skills), 0 where a period has postings but none with that name.

    The period is the finest of month, quarter and year in which periods holding at least
    MIN_PERIOD_POSTINGS dated ML postings carry most of them; thinner periods are left out, since a share
    of two postings only draws noise (HN history is yearly, a fresh crawl monthly)."""
    months = monthly.drop_duplicates("month").set_index("month")[total]
    for label in (_month, _quarter, _year):
        totals = months.groupby(months.index.map(label)).sum()
        kept = totals[totals >= MIN_PERIOD_POSTINGS]
        if len(kept) >= 2 and kept.sum() >= PERIOD_COVERAGE * totals.sum() and len(kept) <= MAX_PERIODS:
            break
    rows = monthly[monthly["kind"] == kind]
    counts = rows.groupby([rows["month"].map(label), "name"])["postings"].sum()
    return {name: [(p, float(counts.get((p, name), 0)) / float(n)) for p, n in kept.items()]
            for name in names}


def _month(month: str) -> str:
    return month


def _quarter(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def _year(month: str) -> str:
    return month[:4]


def _latest(frame: pd.DataFrame) -> str:
    rows = []
    for r in frame.itertuples(index=False):
        title = escape(r.title or "(no title)")
        url = str(r.url or "")
        if url.startswith(("https://", "http://")):
            title = f"<a href='{escape(url, quote=True)}'>{title}</a>"
        posted = "" if pd.isna(r.posted) else f"{pd.Timestamp(r.posted):%Y-%m-%d}"
        cells = [r.company, r.location, r.role, r.seniority, money(r.pay_usd), r.source, posted]
        rows.append(f"<tr><td>{title}</td>" + "".join(f"<td>{escape(_text(c))}</td>" for c in cells) + "</tr>")
    headers = "".join(f"<th>{h}</th>" for h in ("title", "company", "location", "role", "level", "pay", "source",
                                               "posted"))
    return f"<table id=latest><thead><tr>{headers}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
