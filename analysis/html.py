"""The HTML report: one self-contained file (inline CSS and SVG, no script, nothing fetched) with the
summary, the data behind it, the guide-vs-market verdicts, charts and the latest postings. It reads on a
390-px phone: charts scale to the screen, the verdicts and sources become cards, the postings table scrolls
inside its own box.

Every string that came from a posting or the database is escaped here (html.escape), and links are
kept only for http(s) URLs, so a posting titled `<script>…</script>` shows as text."""

from collections.abc import Callable
from datetime import UTC, datetime
from html import escape

import duckdb
import pandas as pd
from mljobs.analysis import charts, html_data, provenance, reports, salaries, timeline, trends
from mljobs.analysis.compare import compare
from mljobs.analysis.compare_market import indeed_series
from mljobs.analysis.query import ANY, Filters, NoData
from mljobs.analysis.render import UNIT_FORMATS, VERDICT_STYLES, count, interval, money, percent
from mljobs.analysis.svg import Key
from mljobs.guide.baseline import Baseline

STYLE = """
body{font-family:system-ui,sans-serif;max-width:980px;margin:0 auto;padding:.5em 1em 2em;color:#1a202c;
line-height:1.45;overflow-wrap:break-word}
h1{font-size:1.6em;line-height:1.2} h2{font-size:1.3em;margin-top:2em;border-bottom:1px solid #cbd5e0}
table{border-collapse:collapse;width:100%;font-size:.9em} th,td{text-align:left;padding:4px 8px;
border-bottom:1px solid #e2e8f0;vertical-align:top} th.num{text-align:right}
td.num{text-align:right;white-space:nowrap}
.scroll{overflow-x:auto} .scroll>table{min-width:42em} tr.total td{font-weight:600;border-top:2px solid #cbd5e0}
#sources .source,#sources .what,#latest td+td{white-space:nowrap} #latest td:first-child{min-width:12em}
#verdicts .kind{width:1%} #verdicts .claim{width:35%}
.verdict{font-weight:600;white-space:nowrap} .holds{color:#276749} .market-higher,.market-lower{color:#b7791f}
.not-supported{color:#c53030} .borderline{color:#805ad5} .too-little-data{color:#718096}
.figures{display:flex;gap:.5em 2em;flex-wrap:wrap}
.figure b{display:block;font-size:1.5em}
figure{margin:1em 0} figure svg{display:block;width:100%;max-width:560px;height:auto}
figcaption{color:#4a5568;font-size:.9em} .empty{color:#718096} .note{color:#4a5568;font-size:.9em}
.halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round} .bold{font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:.1em 1.2em;list-style:none;padding:0;margin:.3em 0;font-size:.85em}
.key{display:inline-block;width:1.5em;margin-right:.4em;vertical-align:middle}
.key.line{border-top:3px solid} .key.dashed{border-top:3px dashed} .key.box{height:.8em;border:2px solid}
.key.tick{width:0;height:1em;border-left:3px solid;margin:0 .7em}
@media (max-width:640px){
 body{padding:.25em .75em 2em} h1{font-size:1.35em} .figure b{font-size:1.25em}
 #verdicts thead{display:none} #verdicts,#verdicts tbody{display:block}
 #verdicts tr{display:grid;grid-template-columns:1fr auto;align-items:baseline;padding:.5em 0;
 grid-template-areas:"kind verdict" "claim claim" "evidence evidence" "ci ci";border-bottom:1px solid #cbd5e0}
 #verdicts td,#verdicts .kind,#verdicts .claim{border:0;padding:0;width:auto}
 #verdicts .kind{grid-area:kind;color:#718096;font-size:.85em}
 #verdicts .claim{grid-area:claim;font-weight:600} #verdicts .evidence{grid-area:evidence}
 #verdicts .verdict{grid-area:verdict} #verdicts .num{grid-area:ci;text-align:left;color:#4a5568}
 #verdicts .num:not(:empty)::before{content:"95% CI "} #verdicts .num:empty{display:none}
 .cards thead{display:none} .cards,.cards tbody{display:block}
 .cards tr{display:flex;flex-wrap:wrap;gap:0 .9em;padding:.5em 0;border-bottom:1px solid #cbd5e0}
 .cards td,.cards tr.total td{border:0;padding:0} .cards td:empty{display:none} .cards td.wide{flex-basis:100%}
 .cards .source{font-weight:600} .cards tr.total{border-top:2px solid #cbd5e0}
 .cards td[data-label]::before{content:attr(data-label) " ";color:#718096}
}
"""

Progress = Callable[[str], None]
MIN_PERIOD_POSTINGS = 5  # a trend line's period needs this many dated ML postings
PERIOD_COVERAGE = 0.8  # ... and such periods must hold this share of them, else a coarser period is used
MAX_PERIODS = 60
SKILL_KEYS = (Key("named by the guide", charts.GUIDE, "box"), Key("not named by it", charts.OTHER, "box"))
KIND_NAMES = {"posting": "postings", "survey": "survey"}
INDEED_NAME = "Indeed Hiring Lab: AI share of US postings (CC BY 4.0)"
INDEED_URL = "https://github.com/hiring-lab/ai-tracker"


def report(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY,
           progress: Progress = lambda step: None) -> str:
    """The whole HTML document; NoData when nothing matches the filters."""
    progress("roles")
    roles = reports.roles(con, guide, filters).frame()
    progress("sources")
    sources = provenance.sources(con, filters, reports.band_currency(guide))
    progress("skills")
    skills = reports.skills(con, guide, filters, top=20).frame()
    progress("salaries")
    pay = salaries.salaries(con, guide, filters).frame()
    progress("trends")
    moves = trends.trends(con, guide, filters).frame()
    try:
        monthly = reports.monthly(con, filters).frame()
    except NoData:  # undated postings: the trend charts say they have no data, the rest still stands
        monthly = pd.DataFrame(columns=["month", "kind", "name", "postings", "month_postings", "month_described",
                                        "share"])
    progress("verdicts")
    verdicts = compare(con, guide, filters, sources).frame()
    latest = reports.sample_postings(con, filters, limit=25).frame()
    body = [
        f"<h1>The ML job market beside the guide</h1><p class=note>Generated {datetime.now(UTC):%Y-%m-%d %H:%M} "
        f"UTC from {escape(guide.source)}{_filters(filters)}.</p>",
        _summary(roles, pay, verdicts, monthly),
        html_data.section(sources),
        "<h2>The guide's claims against the market</h2>", _verdicts(verdicts),
        "<h2>Role mix</h2>", charts.bars(_role_bars(roles), "Share of ML postings per guide role (95% CI)"),
        "<h2>Top skills, beside the guide</h2>",
        f"<p class=note>Shares are of the {skills.attrs['summary']['described_postings']:,} ML postings with a "
        "whole description; titles-only listings, snippets and cut texts can't name most skills.</p>",
        charts.bars(_skill_bars(skills), "Share of described ML postings asking for each skill", SKILL_KEYS),
        "<h2>Pay per level against the guide's bands</h2>", _pay_note(pay, sources),
        charts.pay(_pay_rows(pay), "Annual pay per seniority level", pay.attrs["summary"]["currency"]),
        "<h2>Trends</h2>",
        _ml_share(con, filters),
        timeline.lines(_series(monthly, "role", {r.role: _role_label(r.role, r.name) for r in roles.itertuples()}),
                       "Share of ML postings per role"),
        timeline.lines(_series(monthly, "skill", {s: s for s in _trend_skills(moves)}, total="month_described"),
                       "Share of described ML postings: the guide's emerging trends and the fastest-rising skills"),
        "<h2>Latest ML postings</h2>", _latest(latest),
    ]
    return (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
            f"<meta name=viewport content=\"width=device-width,initial-scale=1\"><title>mljobs report</title>"
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
        ("ML postings dated", f"{months[0]} – {months[-1]}" if months else "no dates"),
        ("verdicts", ", ".join(f"{v[name]} {name}" for name in VERDICT_STYLES if v.get(name))),
    ]
    cells = "".join(f"<div class=figure><b>{escape(value)}</b>{escape(label)}</div>" for label, value in figures)
    return f"<h2>Summary</h2><div class=figures>{cells}</div>"


def _verdicts(frame: pd.DataFrame) -> str:
    rows = []
    for r in frame.itertuples(index=False):
        ci = interval(r.ci_low, r.ci_high, UNIT_FORMATS.get(r.unit, percent))
        css = r.verdict.replace(" ", "-")
        rows.append(f"<tr><td class=kind>{escape(r.kind)}</td><td class=claim>{escape(r.claim)}</td>"
                    f"<td class=evidence>{escape(r.evidence)}</td><td class=num>{escape(ci)}</td>"
                    f"<td class='verdict {css}'>{escape(r.verdict)}</td></tr>")
    return ("<table id=verdicts><thead><tr><th>claim</th><th></th><th>market evidence</th><th>95% CI</th>"
            f"<th>verdict</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _role_bars(roles: pd.DataFrame) -> list[charts.Bar]:
    rows = roles.itertuples(index=False)
    return [charts.Bar(_role_label(r.role, r.name), r.share, r.share_low, r.share_high) for r in rows]


def _role_label(role: str, name: str) -> str:
    """The guide's name of a role without its parenthesis ('NLP Engineer'), else the role's id."""
    return role if name.startswith("(") else name.split(" (")[0]


def _skill_bars(skills: pd.DataFrame) -> list[charts.Bar]:
    overall = skills[(skills["scope"] == reports.ALL_ML) & (skills["postings"] > 0)].head(20)
    return [charts.Bar(r.skill, r.share, highlight=bool(r.in_guide)) for r in overall.itertuples(index=False)]


def _pay_note(pay: pd.DataFrame, sources: pd.DataFrame) -> str:
    s, total = pay.attrs["summary"], sources.attrs["summary"]
    elsewhere = int(total["paid"] - total["market_paid"])
    return (f"<p class=note>{escape(s['market'])} pay stated in {escape(s['currency'])} a year, job postings and "
            "salary-survey answers apart (n: rows with pay). Pay from other countries, or in other currencies or "
            f"periods ({count(elsewhere)} ML rows), is not held against the guide's bands: "
            "<code>mljobs report salaries</code> gives it per country, in USD.</p>")


def _pay_rows(pay: pd.DataFrame) -> list[charts.PayRow]:
    """A row per level and kind, a level's kinds together (the chart draws the level's band once behind them)."""
    levels = pay[(pay["dimension"] == "level") & pay["band_low"].notna()]
    order = {level: i for i, level in enumerate(dict.fromkeys(levels["group"]))}
    rows = sorted(levels.itertuples(index=False), key=lambda r: order[r.group])
    return [charts.PayRow(r.group, KIND_NAMES.get(r.kind, r.kind), int(r.disclosed), _num(r.p25), _num(r.median),
                          _num(r.p75), _num(r.band_low), _num(r.band_high)) for r in rows]


def _ml_share(con: duckdb.DuckDBPyConnection, filters: Filters) -> str:
    """Each source's ML share of its dated postings per month, beside Indeed's AI share of US postings."""
    caption = "ML share of all dated postings per month, per source"
    if filters.role is not None:  # every posting left by a role filter is an ML posting
        return f"<p class=empty>{escape(caption)}: not drawn with a role filter.</p>"
    frame = provenance.ml_share(con, filters)
    series = [timeline.Line(f"{source}: ML share of its postings", list(zip(g["month"], g["share"], strict=True)))
              for source, g in frame.groupby("source", sort=False)]
    if not series:  # the Indeed line alone would say nothing of this data
        return timeline.lines([], caption)
    reference = timeline.Line(INDEED_NAME, [(year, share / 100) for year, share in indeed_series()], dashed=True)
    note = (f"Months with at least {provenance.MIN_MONTH_POSTINGS} dated postings, sources with at least "
            f"{provenance.MIN_SOURCE_MONTHS} of them. Dashed: <a href='{INDEED_URL}'>"
            "Indeed Hiring Lab's AI tracker</a> (CC BY 4.0), the yearly mean share of US Indeed postings that mention "
            "AI — an outside reference for direction, not the same measure.")
    return timeline.lines([*series, reference], caption, note)


def _trend_skills(trends: pd.DataFrame) -> list[str]:
    chosen = trends[trends["group"] == "guide trend"]["name"].tolist()
    return chosen + trends[trends["group"] == "rising"]["name"].head(10 - len(chosen)).tolist()


def _series(monthly: pd.DataFrame, kind: str, names: dict[str, str],
            total: str = "month_postings") -> list[timeline.Line]:
    """A line per name (`names`: the name in `monthly` -> the line's label): its share per period of the
    postings counted in column `total` (month_described for skills), 0 where a period has postings but none
    with that name.

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
    return [timeline.Line(label, [(p, float(counts.get((p, name), 0)) / float(n)) for p, n in kept.items()])
            for name, label in names.items()]


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
    return (f"<div class=scroll><table id=latest><thead><tr>{headers}</tr></thead><tbody>{''.join(rows)}</tbody>"
            "</table></div>")


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
