"""mljobs' skill shares checked against ryanwi/hiringtrends, the long-running monthly keyword series of HN
"Who is hiring?" threads (its data file web/data/data-YYYYMMDD.js, MIT).

Three readings per term and month: the published share; hiringtrends' own counting rule re-run here on
our local copy of the month's posts (this separates "different posts" from "different rule"); and
mljobs' extractor on the same posts. Shares are over ALL top-level posts of a month, as published.

hiringtrends' rule (lib/hiringtrends/job_posting.rb, item.rb): a post counts for a term when its
lower-cased raw HTML, split at whitespace and !|\\;:,.?/'()[], has the term as a token; a term holding a
space or a dot is a plain substring test instead; "Term/alias[a|b]" tries each alias, "Term/js[x]" tries
x, x.js and xjs; "golang" also counts a capital-G "Go" token. A post without text counts in the
denominator only.

    python -m mljobs.analysis.hiringtrends --archive DIR --series FILE [--thread-2011 FILE] [--rows]
"""

import argparse
import json
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mljobs.pipeline import extract

Shares = dict[str, float]
Month = dict[str, Any]  # {"posts": int, "terms": Shares, "counts": {term: int}, "rules": {term: rule}}

WITHIN_PP = 2.0  # the agreement bar of the summary, in percentage points

# Published term → what mljobs extracts for it. mljobs has no "Data science" skill: the closest thing
# it reads is the data-scientist role (a post hiring a data scientist), a narrower question than
# "the phrase 'data science' appears anywhere".
MLJOBS_READING: dict[str, Callable[[dict[str, Any]], bool]] = {
    "Python": lambda facts: "Python" in facts["skills"],
    "Machine Learning": lambda facts: "Machine learning" in facts["skills"],
    "Data Science": lambda facts: facts["role"] == "data-scientist",
    "TensorFlow": lambda facts: "TensorFlow" in facts["skills"],
    "PyTorch": lambda facts: "PyTorch" in facts["skills"],
    "AWS": lambda facts: "AWS" in facts["skills"],
}
TERMS = tuple(MLJOBS_READING)

# --- the published series ------------------------------------------------------------------------

# The data file is a JS object literal (`data=[{month:"May24",...,percentage:.49,...}];`): bare keys and
# numbers without a leading zero are quoted / padded outside string literals only.
_JS_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(?<=[{,])[A-Za-z_$][\w$]*(?=:)|(?<=[:\[,])-?\.\d')
_MONTHS = {name: i for i, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def _to_json(js: str) -> str:
    body = js[js.index("=") + 1 :] if js.lstrip().startswith("data") else js
    body = body.strip().rstrip(";")

    def fix(m: re.Match[str]) -> str:
        token = m.group()
        if token.startswith('"'):
            return token
        if token[-2:-1] == ".":
            return token.replace(".", "0.")
        return f'"{token}"'

    return _JS_TOKEN.sub(fix, body)


def month_key(label: str) -> str:
    """hiringtrends' month label ("Apr11", made of the thread title's month's first 3 letters) as "2011-04"."""
    return f"20{label[3:5]}-{_MONTHS[label[:3].lower()]:02d}"


def load_series(path: Path) -> dict[str, Month]:
    """The published monthly series: per month "YYYY-MM" the number of posts (top-level comments), each
    term's share (count / posts, exact rather than the rounded percentage), its count and its rule."""
    series: dict[str, Month] = {}
    for entry in json.loads(_to_json(Path(path).read_text(encoding="utf-8"))):
        posts = int(entry["num_comments"])
        terms = entry["terms"]
        series[month_key(entry["month"])] = {
            "posts": posts,
            "terms": {t: v["count"] / posts for t, v in terms.items()},
            "counts": {t: v["count"] for t, v in terms.items()},
            "rules": {t: v["full_term"] for t, v in terms.items()},
        }
    return dict(sorted(series.items()))


# --- hiringtrends' counting rule -----------------------------------------------------------------

# Ruby's [[:space:]] on a UTF-8 string is Unicode White_Space (Python's \s also takes \x1c-\x1f).
_WHITE_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPLIT = re.compile(rf"[{_WHITE_SPACE}!|\\;:,.?/'()\[\]]")
_MODIFIER_DATA = re.compile(r"\[(.*?)\]")


class _Posting:
    """One comment as hiringtrends' JobPosting sees it."""

    def __init__(self, markup: str) -> None:
        self.original = markup
        self.text = markup.lower()
        self.words = {w for w in (p.strip(" \t\n\v\f\r\x00") for p in _SPLIT.split(self.text)) if w}
        self._original_words: set[str] | None = None

    def has(self, rule: str) -> bool:
        parts = rule.split("/")
        while len(parts) > 1 and not parts[-1]:  # Ruby's split drops trailing empty fields
            parts.pop()
        if len(parts) > 1:
            modifier = parts[1]
            found = _MODIFIER_DATA.search(modifier)
            data = found.group(1) if found else ""
            if modifier.startswith("js["):
                return any(self.has(v) for v in (data, f"{data}.js", f"{data}js"))
            if modifier.startswith("alias["):
                return any(self.has(a) for a in data.split("|"))
            return False
        term = rule.lower()
        if " " in term or "." in term:
            if term in self.text:
                return True
        elif term in self.words:
            return True
        return term == "golang" and "Go" in self.original_words()

    def original_words(self) -> set[str]:
        if self._original_words is None:
            self._original_words = set(_SPLIT.split(self.original))
        return self._original_words


def count_like_hiringtrends(posts_html: list[str], rules: dict[str, str]) -> dict[str, int]:
    """How many of `posts_html` hiringtrends counts for each term, given the term's rule ("Machine
    Learning/alias[Machine Learning|ML]"). A post without text is "" (it counts in no term)."""
    postings = [_Posting(p) for p in posts_html if p]
    return {term: sum(p.has(rule) for p in postings) for term, rule in rules.items()}


def shares_like_hiringtrends(posts_html: list[str], rules: dict[str, str]) -> Shares:
    counts = count_like_hiringtrends(posts_html, rules)
    return {term: n / len(posts_html) for term, n in counts.items()} if posts_html else {}


# --- mljobs' reading -----------------------------------------------------------------------------


def mljobs_facts(posts_html: list[str]) -> list[dict[str, Any]]:
    """mljobs' extracted facts of each post, read as the pipeline reads an HN comment (source "hn")."""
    return [extract.extract({"description": p, "source": "hn"}) for p in posts_html]


def mljobs_shares(posts_html: list[str]) -> Shares:
    """Per compared term, the share of ALL `posts_html` whose extracted facts include it."""
    facts = mljobs_facts(posts_html)
    return {t: sum(map(read, facts)) / len(facts) for t, read in MLJOBS_READING.items()} if facts else {}


# --- the comparison ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    term: str
    month: str
    published_posts: int
    local_posts: int
    published: float  # shares, 0..1
    rule: float  # hiringtrends' rule on our local posts
    mljobs: float


@dataclass(frozen=True)
class TermSummary:
    term: str
    months: int
    rule_mean_pp: float  # |rule - published|, percentage points
    rule_max_pp: float
    rule_within: float  # share of months within WITHIN_PP
    mljobs_mean_pp: float
    mljobs_max_pp: float
    mljobs_within: float


def compare(series: dict[str, Month], months: dict[str, list[str]]) -> tuple[list[Row], list[TermSummary]]:
    """Per term and month (months present in both), the three shares; and per term the summary."""
    rows: list[Row] = []
    for month in sorted(set(series) & set(months)):
        posts, published = months[month], series[month]
        rule = shares_like_hiringtrends(posts, {t: published["rules"][t] for t in TERMS})
        ours = mljobs_shares(posts)
        rows += [Row(t, month, published["posts"], len(posts), published["terms"][t], rule[t], ours[t]) for t in TERMS]
    return rows, [_summary(term, [r for r in rows if r.term == term]) for term in TERMS]


def _summary(term: str, rows: list[Row]) -> TermSummary:
    def gaps(reading: str) -> list[float]:
        return [abs(getattr(r, reading) - r.published) * 100 for r in rows] or [float("nan")]

    rule, ours = gaps("rule"), gaps("mljobs")
    return TermSummary(
        term, len(rows),
        statistics.fmean(rule), max(rule), sum(g <= WITHIN_PP for g in rule) / len(rule),
        statistics.fmean(ours), max(ours), sum(g <= WITHIN_PP for g in ours) / len(ours),
    )  # fmt: skip


# --- local posts ---------------------------------------------------------------------------------


def load_archive(directory: Path) -> dict[str, list[str]]:
    """The archive's posts (gaganpreet/hn-hiring-mapped's YYYY-MM.json, key `full_html`) by month, as archived.

    From 2015-08 the posts are in the HN API's form, "/" and "'" escaped as &#x2F; and &#x27;, the form
    hiringtrends read (its 2015-08 counts are reproduced to one post). Earlier months are copies of the
    HN page with a literal "/": there the rule splits "Python/Django" where hiringtrends, reading
    "Python&#x2F;Django", did not (README section)."""
    return {
        f.stem: [p.get("full_html") or "" for p in json.loads(f.read_text(encoding="utf-8"))]
        for f in sorted(Path(directory).glob("[0-9][0-9][0-9][0-9]-[0-9][0-9].json"))
    }


def load_thread(path: Path) -> list[str]:
    """A whole thread saved from Algolia's items API: its top-level comments' HTML ("" when deleted)."""
    return [c.get("text") or "" for c in json.loads(Path(path).read_text(encoding="utf-8"))["children"]]


def format_summary(summary: list[TermSummary]) -> str:
    within = f"<={WITHIN_PP:g}pp"
    head = (f"{'term':<17}{'months':>7}  {'rule mean|d|':>12}{'max|d|':>8}{within:>7}"
            f"  {'mljobs mean|d|':>14}{'max|d|':>8}{within:>7}")  # fmt: skip
    lines = [head]
    for s in summary:
        lines.append(
            f"{s.term:<17}{s.months:>7}  {s.rule_mean_pp:>12.2f}{s.rule_max_pp:>8.2f}{s.rule_within:>7.0%}"
            f"  {s.mljobs_mean_pp:>14.2f}{s.mljobs_max_pp:>8.2f}{s.mljobs_within:>7.0%}"
        )
    return "\n".join(lines)


def format_rows(rows: list[Row]) -> str:
    lines = [f"{'term':<17}{'month':<9}{'posts pub/ours':>15}{'published':>10}{'rule':>7}{'mljobs':>8}"]
    for r in rows:
        lines.append(
            f"{r.term:<17}{r.month:<9}{f'{r.published_posts}/{r.local_posts}':>15}"
            f"{r.published:>10.1%}{r.rule:>7.1%}{r.mljobs:>8.1%}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m mljobs.analysis.hiringtrends",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, required=True, help="directory of YYYY-MM.json post archives")
    parser.add_argument("--series", type=Path, required=True, help="hiringtrends' data-YYYYMMDD.js")
    parser.add_argument("--thread-2011", type=Path, help="the April 2011 thread as saved from Algolia's items API")
    parser.add_argument("--rows", action="store_true", help="print every term and month, not only the summary")
    args = parser.parse_args(argv)
    months = load_archive(args.archive)
    if args.thread_2011:
        months["2011-04"] = load_thread(args.thread_2011)
    rows, summary = compare(load_series(args.series), months)
    if args.rows:
        print(format_rows(rows), end="\n\n")
    print(format_summary(summary))


if __name__ == "__main__":
    main()
