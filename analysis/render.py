"""The one place that formats output: terminal tables, JSON, CSV, Markdown."""

import csv
import html
import json
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

from mljobs.analysis.query import span
from mljobs.analysis.reports import KINDS
from mljobs.analysis.table import Table, missing
from mljobs.guide.baseline import Baseline
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable


def console() -> Console:
    """Rich console on stdout, at most 100 columns so tables stay readable in narrow terminals."""
    return Console(file=sys.stdout, width=min(Console().width, 100), soft_wrap=False)


def guide(baseline: Baseline, fmt: str) -> None:
    """The parsed guide: roles with skills, skill groups, salary bands, industries and trends."""
    if fmt == "json":
        sys.stdout.write(json.dumps(baseline.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    out = console()
    roles = RichTable(title=f"Roles in the guide ({baseline.source})")
    roles.add_column("id", no_wrap=True)
    roles.add_column("name", overflow="fold")
    roles.add_column("skills", overflow="fold")
    for role in baseline.roles:
        roles.add_row(role.id, role.name, ", ".join(role.skills))
    out.print(roles)
    groups = RichTable(title="Skills the guide requires")
    groups.add_column("group")
    groups.add_column("skills", overflow="fold")
    for name, skills in baseline.skill_groups.items():
        groups.add_row(name, ", ".join(skills))
    out.print(groups)
    bands = RichTable(title="Salary bands")
    for column in ("level", "min", "max", "currency", "period"):
        bands.add_column(column, justify="right" if column in ("min", "max") else "left")
    for band in baseline.salary_bands:
        top = "open" if band.max is None else f"{band.max:,.0f}" + ("+" if band.open_upper else "")
        bands.add_row(band.level, f"{band.min:,.0f}", top, band.currency, band.period)
    out.print(bands)
    facts = RichTable(title="Industries and trends", show_header=False)
    facts.add_column("claim")
    facts.add_column("values", overflow="fold")
    for label, values in (
        ("top-paying industries", baseline.top_paying_industries),
        ("growth industries", baseline.growth_industries),
        ("emerging trends", baseline.emerging_trends),
        ("certifications", baseline.certifications),
        ("learning resources", baseline.learning_resources),
    ):
        facts.add_row(label, ", ".join(values))
    out.print(facts)


# --- reports --------------------------------------------------------------------------------------

FORMATS = ("table", "json", "csv", "markdown")
VERDICT_STYLES = {"holds": "green", "market higher": "yellow", "market lower": "yellow",
                  "not supported": "red", "borderline": "magenta", "too little data": "dim",
                  "not measurable": "blue"}


def percent(value: object, digits: int = 1) -> str:
    return "" if missing(value) else f"{float(value):.{digits}%}"


def money(value: object) -> str:
    """Annual USD in thousands: 152400 -> '$152k'."""
    return "" if missing(value) else f"${float(value) / 1000:,.0f}k"


def count(value: object) -> str:
    return "" if missing(value) else f"{int(value):,}"


def interval(low: object, high: object, fmt=percent) -> str:
    return "" if missing(low) or missing(high) else f"{fmt(low)}…{fmt(high)}"


def points(value: object, unit: str = " pp") -> str:
    """A change in share in percentage points, signed."""
    return "" if missing(value) else f"{float(value) * 100:+.1f}{unit}"


def bare_points(value: object) -> str:
    return points(value, unit="")


def report(name: str, table: Table, fmt: str) -> None:
    """A report on stdout in `fmt`: its rows as they are for json and csv, a readable table for the terminal
    and Markdown."""
    title = table.title or name
    if fmt == "json":
        body = {"report": name, "title": title, "summary": table.summary, "rows": table.rows}
        sys.stdout.write(json.dumps(body, indent=2, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        _csv(table.columns, ([row[c] for c in table.columns] for row in table.rows))
    else:
        sections = _sections(name, table)
        if fmt == "markdown":
            sys.stdout.write(_markdown(title, _summary(name, table), sections))
        else:
            _rich(title, _summary(name, table), sections)


FORMULA = re.compile(r"^[=+\-@\t\r]")  # a spreadsheet's formula start (as pipeline.export's CSV)


def _csv(columns: list[str], rows: Iterable[list[Any]]) -> None:
    """CSV on stdout, missing values empty. Text cells a spreadsheet would run as a formula get a leading
    apostrophe; numbers stay numbers."""
    def cell(value: object) -> object:
        if missing(value):
            return ""
        return f"'{value}" if isinstance(value, str) and FORMULA.match(value) else value

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(columns)
    out.writerows([cell(value) for value in row] for row in rows)


def listing(title: str, rows: list[dict[str, Any]], columns: dict[str, Callable[[dict[str, Any]], str]],
            fmt: str) -> None:
    """An operator's listing (sources, runs) on stdout: json has the rows as they are, csv one flat line per
    row (lists joined with '; ', dicts as JSON), table and markdown the `columns` (header -> cell text)."""
    if fmt == "json":
        sys.stdout.write(json.dumps({"title": title, "rows": rows}, indent=2, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        def flat(value: object) -> object:
            if isinstance(value, list):
                return "; ".join(map(str, value))
            return json.dumps(value, default=str) if isinstance(value, dict) else value

        columns = list(dict.fromkeys(key for row in rows for key in row))
        _csv(columns, ([flat(row.get(c)) for c in columns] for row in rows))
    else:
        cells = [[cell(row) for cell in columns.values()] for row in rows]
        if fmt == "markdown":
            sys.stdout.write(_markdown(title, "", [("", list(columns), cells)]))
            return
        table = RichTable(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for i, header in enumerate(columns):
            numeric = bool(cells) and all(_numeric(row[i]) for row in cells if row[i])
            table.add_column(header, justify="right" if numeric else "left", no_wrap=True)
        for row in cells:
            table.add_row(*(escape(cell) for cell in row))
        Console(file=sys.stdout, width=max(160, console().width), soft_wrap=False).print(table)  # ids unbroken


# A section is (title, headers, rows of formatted cells); the table and Markdown views share them.
Section = tuple[str, list[str], list[list[str]]]


def _sections(name: str, table: Table) -> list[Section]:
    rows = table.rows
    if name == "roles":
        return [("", ["role", "postings", "share", "95% CI"],
                 [[r["role"], count(r["postings"]), percent(r["share"]), interval(r["share_low"], r["share_high"])]
                  for r in rows])]
    if name == "skills":
        return [(f"scope: {scope} (shares of {count(group[0]['described'])} described postings)",
                 ["rank", "skill", "postings", "share", "in guide"],
                 [["" if missing(r["rank"]) else str(r["rank"]), r["skill"], count(r["postings"]), percent(r["share"]),
                   "yes" if r["in_guide"] else ""] for r in group])
                for (scope,), group in _groups(rows, "scope")]
    if name == "salaries":
        market = table.summary.get("market", "")
        return [_salary_section(kind, dimension, group, market)
                for (kind, dimension), group in _groups(rows, "kind", "dimension")]
    if name == "trends":
        titles = {"role": "roles", "guide trend": "the guide's emerging trends", "rising": "fastest-rising skills",
                  "falling": "fastest-falling skills"}
        return [(titles.get(group, group), ["name", "n", "pp/year", "before", "recent", "change pp", "95% CI"],
                 [[r["name"], count(r["postings"]), bare_points(r["slope_per_year"]), percent(r["earlier_share"]),
                   percent(r["recent_share"]), bare_points(r["change"]),
                   interval(r["change_low"], r["change_high"], bare_points)] for r in members])
                for (group,), members in _groups(rows, "group")]
    if name in ("monthly", "weekly"):
        period = table.columns[0]
        totals = {"role": f"{period}_postings", "skill": f"{period}_described"}  # each share's denominator
        return [("", [period, "kind", "name", "postings", "of", "share"],
                 [[r[period], r["kind"], r["name"], count(r["postings"]), count(r[totals[r["kind"]]]),
                   percent(r["share"])] for r in rows])]
    if name == "compare":
        return [(kind, ["claim", "evidence", "95% CI", "verdict"],
                 [[r["claim"], r["evidence"], _compare_interval(r), r["verdict"]] for r in group])
                for (kind,), group in _groups(rows, "kind")]
    return [("", table.columns, [["" if missing(r[c]) else str(r[c]) for c in table.columns] for r in rows])]


def _groups(rows: list[dict[str, Any]], *keys: str) -> list[tuple[tuple, list[dict[str, Any]]]]:
    """Rows grouped by the values of `keys`, groups in order of first appearance."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row[k] for k in keys), []).append(row)
    return list(groups.items())


def _salary_section(kind: str, dimension: str, group: list[dict[str, Any]], market: str) -> Section:
    where = {"country": "every country, annual pay converted to USD", "source": "every country, in USD"}.get(
        dimension, f"{market}, pay stated per year in the bands' currency")
    title = {"all": "all ML", "level": "by seniority level, against the guide's bands"}.get(
        dimension, f"by {dimension}")
    title = f"{KINDS.get(kind, kind)}: {title} ({where})"
    headers = [dimension if dimension != "all" else "", "n", "disclosed", "P25", "median", "P75"]
    banded = dimension == "level"
    if banded:
        headers += ["guide band", "in band"]
    rows = []
    for r in group:
        row = [r["group"], count(r["disclosed"]), percent(r["disclosure_rate"], 0), money(r["p25"]),
               money(r["median"]), money(r["p75"])]
        if banded:
            top = "+" if missing(r["band_high"]) else money(r["band_high"])
            row += ["" if missing(r["band_low"]) else f"{money(r['band_low'])}–{top}", percent(r["in_band_share"], 0)]
        rows.append(row)
    return (title, headers, rows)


def _compare_interval(row: dict[str, Any]) -> str:
    return interval(row["ci_low"], row["ci_high"], UNIT_FORMATS.get(row["unit"], percent))


UNIT_FORMATS = {"usd": money, "pp": points, "share": percent}  # how a verdict row's value and interval read


def _summary(name: str, table: Table) -> str:
    """One or two sentences with a report's headline numbers."""
    s = table.summary
    parts = []
    if name == "roles":
        parts.append(f"{s['ml_postings']:,} of {s['postings']:,} postings are ML ({percent(s['ml_share'])}, "
                     f"95% CI {interval(s['ml_share_low'], s['ml_share_high'])}).")
    elif name == "skills":
        parts.append(f"{s['ml_postings']:,} ML postings, {s['described_postings']:,} of them described (a whole "
                     "description, not a title, a snippet or a cut text): shares are of those. "
                     f"Asked for most, not in the guide: {', '.join(s['asked_most_not_in_guide'][:8]) or 'none'}.")
    elif name == "salaries":
        parts.append(f"Market {s['market']}: {s['disclosed']:,} of {s['ml_postings']:,} ML postings there state "
                     f"pay per year in {s['currency']} ({percent(s['disclosure_rate'])}), beside {s['survey']:,} "
                     f"salary-survey answers; {s['flagged']:,} implausible salaries left out. Pay is annual, the "
                     "midpoint of the stated range; only that market's pay is held against the guide's bands, other "
                     "countries have rows of their own (converted to USD).")
    elif name == "trends":
        if s.get("source"):
            parts.append(f"Within {s['source']}, the source with the longest dated history (--source for another): "
                         "a change from one source's era to another's would be no trend.")
        parts.append(f"Recent = the last {s['recent_months']} months ({span(s['recent_from'], s['last_month'], ': ')}"
                     f"{s['recent_postings']:,} dated ML postings, {s['recent_described']:,} described); before "
                     f"({span(s['first_month'], s['earlier_until'], ': ')}{s['earlier_postings']:,}, "
                     f"{s['earlier_described']:,} described). Role shares are of all of them, skill shares of "
                     "the described ones. 'per year' is the slope of the monthly share.")
    elif name == "compare":
        parts.append(", ".join(f"{s[v]} {v}" for v in VERDICT_STYLES if s.get(v)) + ".")
        parts.append(f"Pay compared within market {s['market']}; trends and demand read within "
                     f"{s['history_source'] or 'all sources'}.")
        parts += [f"{what} read over {s[key]}." for what, key in (("Roles", "role_basis"), ("Skills", "skill_basis"))
                  if s.get(key)]
    if s.get("filters"):
        parts.append(f"Filters: {s['filters']}.")
    return " ".join(parts)


def _rich(title: str, summary: str, sections: list[Section]) -> None:
    out = console()
    out.print(f"[bold]{title}[/bold]", highlight=False)
    if summary:
        out.print(summary, highlight=False)
    for heading, headers, rows in sections:
        table = RichTable(title=heading or None, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for i, header in enumerate(headers):
            numeric = bool(rows) and all(_numeric(row[i]) for row in rows if row[i])
            table.add_column(header, justify="right" if numeric else "left", overflow="fold")
        for row in rows:
            styled = [f"[{VERDICT_STYLES[cell]}]{cell}[/]" if cell in VERDICT_STYLES else escape(cell)
                      for cell in row]
            table.add_row(*styled)
        out.print(table)


def _numeric(cell: str) -> bool:
    return bool(re.fullmatch(r"[$+\-−]?[\d,.]+\s*(%|k|pp)?", cell))


def _markdown(title: str, summary: str, sections: list[Section]) -> str:
    lines = [f"## {_inline(title)}", ""]
    if summary:
        lines += [_inline(summary), ""]
    for heading, headers, rows in sections:
        if heading:
            lines += [f"### {_inline(heading)}", ""]
        lines.append("| " + " | ".join(_cell(h) for h in headers) + " |")
        lines.append("|" + "|".join("---" for _ in headers) + "|")
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines) + "\n"


def _inline(text: str) -> str:
    """Text as Markdown shows it, never as HTML: a posting's "<script>" or "<img onerror=…>" reaches a
    Markdown viewer as characters (&lt;script&gt;), not markup."""
    return html.escape(text, quote=False)


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|").replace("\n", " ")
