"""The HTML report's "The data behind this" section: per source what it is, how many rows, which months and
countries — and, in plain words, what those rows can't speak to. Every value from the data is escaped."""

from html import escape

import pandas as pd
from mljobs.analysis.provenance import basis
from mljobs.analysis.render import count
from mljobs.analysis.reports import KINDS

TOP_COUNTRIES = 3
# (header, class, label before the value when a phone shows a row as a card): numbers right-aligned in the table
COLUMNS = (("source", "source", ""), ("what it is", "what", ""), ("rows", "num", "rows"), ("ML rows", "num", "ML"),
           ("described ML postings", "num", "described ML"), ("dated", "wide", "dated"),
           ("countries (rows)", "wide", "countries"))


def section(sources: pd.DataFrame) -> str:
    """The table of sources with a total row, then the limits; `sources` is provenance.sources()."""
    total = sources.attrs["summary"]
    rows = [_row(r._asdict()) for r in sources.itertuples(index=False)]
    if len(sources) > 1:
        rows.append(_row({**total, "source": "all sources", "kind": None}, css=" class=total"))
    headers = "".join(f"<th class={css}>{header}</th>" for header, css, _ in COLUMNS)
    table = f"<table id=sources class=cards><thead><tr>{headers}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return ("<h2>The data behind this</h2><p class=note>Canonical rows (one per job across sources) passing the "
            "report's filters. <i>Described</i> ML postings have a whole description, the only ones a skill share "
            f"counts.</p>{table}<p><b>What this data can't speak to.</b> {escape(limits(sources))}</p>")


def limits(sources: pd.DataFrame) -> str:
    """What the data can't speak to, in a sentence per limit that applies."""
    total = sources.attrs["summary"]
    said = []
    undated = sources[sources["undated"] > 0]
    if len(undated):
        said.append(f"{count(total['undated'])} job postings carry no date ({_names(undated)}): they count in roles, "
                    "skills and pay, but are left out of every trend.")
    skills = basis(sources)
    if skills:
        said.append(f"Skill shares rest on {skills}: the skill verdicts speak for those postings and years, not for "
                    "postings of other years.")
    surveys = sources[sources["kind"] == "survey"]
    if len(surveys):
        said.append(f"The {count(surveys['rows'].sum())} salary-survey answers ({_names(surveys)}) count only in "
                    "pay, never in role, skill, trend or ML-share figures.")
    elsewhere = int(total["paid"] - total["market_paid"])
    if elsewhere:
        said.append(f"Only {total['market']} pay stated in {total['currency']} a year is held against the guide's "
                    f"bands ({count(total['market_paid'])} of {count(total['paid'])} ML rows with pay); the other "
                    f"{count(elsewhere)} — other countries, currencies or pay periods — never meet the bands.")
    return " ".join(said)


def _row(r: dict, css: str = "") -> str:
    cells = [r["source"], KINDS.get(r["kind"], "") if r["kind"] else "", count(r["rows"]), count(r["ml_rows"]),
             count(r["described_ml"]) if r["kind"] != "survey" else "", _dated(r), _countries(r["countries"])]
    tds = []
    for cell, (_, column, label) in zip(cells, COLUMNS, strict=True):
        labelled = f" data-label='{label}'" if label and cell else ""
        tds.append(f"<td class={column}{labelled}>{escape(cell)}</td>")
    return f"<tr{css}>{''.join(tds)}</tr>"


def _dated(r: dict) -> str:
    """'2013-08 – 2018-04 (52 months)', a survey's pay years, and the undated postings."""
    parts = []
    if r["months"]:
        first, last = pd.Timestamp(r["first_month"]), pd.Timestamp(r["last_month"])
        parts.append(f"{first:%Y-%m} – {last:%Y-%m} ({r['months']} month{'s' if r['months'] > 1 else ''})")
    if not pd.isna(r["first_year"]):
        years = f"{r['first_year']:.0f}" + (f"–{r['last_year']:.0f}" if r["last_year"] != r["first_year"] else "")
        parts.append(f"pay years {years}")
    if r["undated"]:
        parts.append(f"{count(r['undated'])} undated")
    return "; ".join(parts)


def _countries(found: list[tuple[str, int]]) -> str:
    shown = ", ".join(f"{country} {count(n)}" for country, n in found[:TOP_COUNTRIES])
    more = len(found) - TOP_COUNTRIES
    return shown + (f", {more} more" if more > 0 else "")


def _names(frame: pd.DataFrame) -> str:
    return ", ".join(frame["source"])
