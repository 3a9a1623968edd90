"""Seniority (entry / mid / senior / None): title markers, then the site's level field, then a level
the description states outright, then the minimum years of experience asked.
Vocabulary in pipeline/vocab/seniority.toml."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from mljobs.pipeline import vocab

_FOLD = re.compile(r"[\s_\-–/]+")
_GRADES = ("entry", "mid", "senior")


def _table() -> dict[str, Any]:
    return vocab.load("seniority")


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@cache
def _title_patterns() -> dict[str, re.Pattern[str]]:
    return {name: _alternation(patterns) for name, patterns in _table()["title"].items()}


@cache
def _numeral_pattern() -> re.Pattern[str]:
    numerals = _table()["numerals"]
    nouns = "|".join(numerals["nouns"])
    romans = "|".join(sorted(numerals["roman"], key=len, reverse=True))
    # the level number follows a job noun (maybe after a comma or dash) and ends a word: "Engineer II,"
    return re.compile(rf"\b(?i:{nouns})s?[ ,\-–]+(?i:level[ ,\-–]*)?(?:(?P<roman>{romans})|(?P<digit>[1-9]))(?![\w.+])")


def _level_of_number(number: int) -> str:
    return "entry" if number <= 1 else "mid" if number == 2 else "senior"


@lru_cache(maxsize=8192)  # job titles repeat across postings
def from_title(title: str) -> str | None:
    """The level a job title states, or None."""
    return None if two_levels(title) else _marked_level(title)


@lru_cache(maxsize=8192)
def two_levels(title: str) -> bool:
    """Whether a title advertises its job at two levels ("Junior and Senior", "Mid-Senior", "Research
    Scientist or Senior Research Scientist", "Data Scientist I/II"): the labelling rules give it no
    level, whatever the level field or the years say."""
    return len(_named_levels(title)) > 1 or _one_job_at_two_levels(title)


def _named_levels(title: str) -> set[str]:
    t = title.lower()
    patterns = _title_patterns()
    named = {level for level in _GRADES if patterns[level].search(t)}
    if "senior" in named and patterns["senior_unless"].search(t):
        named.discard("senior")
    return named


_ALTERNATIVES = re.compile(r"\s+or\s+|\s*/\s*")
_LEADING_NUMERAL = re.compile(r"^(?:I{1,3}|IV|V|[1-5])(?![\w.+])")


def _one_job_at_two_levels(title: str) -> bool:
    """Whether a title offers the same job at two levels: "Data Scientist / Senior Data Scientist",
    "Research Scientist or Senior Research Scientist - Vision", "Data Scientist I/II". ("Senior ML
    Engineer / Data Scientist" names two jobs; its marker qualifies both.)"""
    pieces = [piece.strip() for piece in _ALTERNATIVES.split(title)]
    if len(pieces) < 2:
        return False
    for first, second in zip(pieces, pieces[1:], strict=False):
        level_a, level_b = _marked_level(first), _marked_level(second)
        if _LEADING_NUMERAL.match(second) and level_a:
            # "Data Scientist I/II": the second numeral belongs to the same noun
            return _marked_level(f"{first.rsplit(' ', 1)[0]} {second}") != level_a
        core_a, core_b = _job_words(first), _job_words(second)
        if level_a != level_b and core_a and core_b and (core_a.startswith(core_b) or core_b.startswith(core_a)):
            return True
    return False


def _job_words(piece: str) -> str:
    """A title piece without its level words: "senior research scientist" → "research scientist"."""
    t = piece.lower()
    for level in _GRADES:
        t = _title_patterns()[level].sub(" ", t)
    return " ".join(re.sub(r"[^\w ]", " ", t).split())


def _marked_level(title: str) -> str | None:
    """The one level a title (or a piece of one) names: a level word, then a level number after the
    job noun; None for none or for two."""
    named = _named_levels(title)
    if named:
        return named.pop() if len(named) == 1 else None
    numeral = _numeral_pattern().search(title)
    if numeral:
        roman = numeral.group("roman")
        number = _table()["numerals"]["roman"][roman] if roman else int(numeral.group("digit"))
        return _level_of_number(number)
    return None


@cache
def _text_pattern() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The stated-level phrases as one pattern, and the cue words one of which each phrase contains
    (a window without a cue cannot match, and most windows have none)."""
    table = _table()["text"]
    cues = tuple(table["cues"])
    for grade in _GRADES:
        for phrase in table[grade]:
            if not any(cue in phrase for cue in cues):
                raise ValueError(f"seniority.toml [text]: {phrase!r} contains no cue word")
    grades = ("|".join(rf"(?P<{grade}>\b(?:{'|'.join(table[grade])})\b)" for grade in _GRADES))
    return re.compile(grades), cues


def from_text(lowered: str) -> str | None:
    """The level a (lowercased) description states outright, or None. Only windows around the
    anchor words, and of those only windows with a cue word, are searched: the phrases are rare
    and a description is long."""
    pattern, cues = _text_pattern()
    for anchor in _table()["text"]["anchors"]:
        start = 0
        while (at := lowered.find(anchor, start)) != -1:
            start = at + len(anchor)
            window = lowered[max(0, at - 50):at + 50]
            if any(cue in window for cue in cues):
                found = pattern.search(window)
                if found:
                    return found.lastgroup
    return None


@cache
def _level_table() -> dict[str, str]:
    levels = _table()["level"]
    return {name: grade for grade in _GRADES for name in levels[grade]}


def _fold(value: str) -> str:
    return _FOLD.sub(" ", value.lower()).strip()


def from_level(level: str) -> str | None:
    """The site's level field → entry / mid / senior, "ambiguous", or None. Several levels that
    disagree ("Mid Level; Senior Level") are "ambiguous"."""
    grades = _site_grades(level)
    if len(grades) > 1:
        return "ambiguous"
    return grades.pop() if grades else None


def _site_grades(level: str) -> set[str]:
    return {_one_level(part) for part in re.split(r"[;,|]", level) if part.strip()} - {None}


def _one_level(level: str) -> str | None:
    folded = _fold(level)
    table = _level_table()
    if folded in table:
        return table[folded]
    # "Senior-level / Expert", "Entry level (0-2 years)": the first known words decide
    for size in (3, 2, 1):
        words = folded.split()
        for start in range(len(words) - size + 1):
            found = table.get(" ".join(words[start:start + size]))
            if found:
                return found
    return None


@dataclass(frozen=True)
class _YearsPatterns:
    """seniority.toml [years] compiled (see its comments)."""
    count: re.Pattern[str]  # a count of years ending where "year" starts
    experience: re.Pattern[str]
    tied: re.Pattern[str]
    cue: re.Pattern[str]
    never_after: re.Pattern[str]
    never_next: re.Pattern[str]
    never_just_before: re.Pattern[str]
    never_before: re.Pattern[str]


@cache
def _years_patterns() -> _YearsPatterns:
    years = _table()["years"]
    # not the "5" of "2.5 years" or "2,5 years"
    number = r"(?<![\d.,])\b(\d{1,2}|" + "|".join(years["words"]) + ")"
    # "5+ years", "5-7 years", "2–4 yrs", "5 (five) years", "six (6) or more years", "3 or more years":
    # the count ends at "year"
    count = re.compile(
        rf"{number}\s*(?:\(\w+\)\s*)?\+?\s*(?:(?:-|–|—|to|or)\s*(?:more\s+)?(?:{number})?\s*\+?\s*)?"
        r"(?:\(\w+\)\s*)?(?:plus\s+)?$")
    just_before = re.compile(f"(?:{'|'.join(years['never_just_before'])})\\s*$")
    return _YearsPatterns(
        count, _alternation(years["experience"]), _alternation(years["tied"]), _alternation(years["cue"]),
        _alternation(years["never_after"]), _alternation(years["never_next"]), just_before,
        _alternation(years["never_before"]))


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _table()["years"]["words"][token]


def years_asked(text: str, lowered: str | None = None) -> int | None:
    """The minimum years of experience a description asks for, or None: its first requirement (a
    count of years tied to experience or work, see `_asked`), and the lowest count on that
    requirement's line ("5 years, OR Master's and 3 years" → 3); later lines ("2+ years with
    Kubernetes") are narrower asks.
    `lowered` is `text.lower()` when the caller already has it."""
    lowered = text.lower() if lowered is None else lowered
    patterns = _years_patterns()
    most = _table()["years"]["max"]
    lowest: int | None = None
    line_end = len(lowered)
    for keyword in ("year", "yr"):
        start = 0
        while (at := lowered.find(keyword, start, line_end)) != -1:
            start = at + len(keyword)
            found = patterns.count.search(lowered, max(0, at - 30), at)
            if not found or not _asked(lowered, found, start + (lowered[start:start + 1] == "s"), patterns):
                continue
            years = _number(found.group(1))
            if years > most:
                continue
            lowest = years if lowest is None else min(lowest, years)
            if line_end == len(lowered):
                newline = lowered.find("\n", at)
                line_end = len(lowered) if newline == -1 else newline
    return lowest


_CLAUSE_END = re.compile(r"[;\n•·]|\.(?:\s|$)")  # not the dots of "min. 3 years" or "2.5"
_OPENS = re.compile(r"[\W\d_]*")  # only bullets, numbering and spaces before the count: "- ", "2. ", "(a) "
_AFTER_YEARS = re.compile(r"[ '’)+:]{0,4}")  # "years' experience", "(3+ years) of", "years: "


def _asked(lowered: str, found: re.Match[str], end: int, patterns: _YearsPatterns) -> bool:
    """Whether the count `found` (its "year(s)" ending at `end`) is experience the job asks for:
    seniority.toml [years] read on the count's clause."""
    after = _AFTER_YEARS.match(lowered, end).end()
    after_end = _clause_end(lowered, after, after + 60)
    begin = found.start()
    clause = max(begin - 60, 0)
    for ending in _CLAUSE_END.finditer(lowered, clause, begin):
        clause = ending.end()
    near_end = min(after_end, after + 25)
    if (patterns.never_after.search(lowered, after, near_end) or patterns.never_next.match(lowered, after, after_end)
            or patterns.never_just_before.search(lowered, max(clause, begin - 30), begin)
            or patterns.never_before.search(lowered, max(clause, begin - 30), begin)):
        return False
    if found.group(1) in _articles() and not _article_asks(lowered[after:after_end], lowered[clause:begin]):
        return False
    return bool(patterns.experience.search(lowered, after, after_end) or patterns.tied.match(lowered, after, after_end)
                or patterns.cue.search(lowered, clause, begin) or _OPENS.fullmatch(lowered, clause, begin))


def _clause_end(lowered: str, start: int, limit: int) -> int:
    end = _CLAUSE_END.search(lowered, start, limit)
    return end.start() if end else min(limit, len(lowered))


@cache
def _articles() -> frozenset[str]:
    return frozenset(_table()["years"]["articles"])


_EXPERIENCE_FOLLOWS = re.compile(r"(?:of\s+(?:[\w/+-]+\s+){0,5}?)?experience\b")


def _article_asks(following: str, preceding: str) -> bool:
    """ "a year" / "a couple of years" asks for experience only after "at least"-like words or
    when experience is what the years are of (it is also a pay period: "$150k a year")."""
    return bool(_EXPERIENCE_FOLLOWS.match(following)) or preceding.rstrip().endswith(
        tuple(_table()["years"]["article_before"]))


def _years_level(years: int) -> str:
    table = _table()["years"]
    return "entry" if years <= table["entry_max"] else "mid" if years <= table["mid_max"] else "senior"


def extract(title: str, level: str | None, text: str, lowered: str | None = None) -> tuple[str | None, int | None]:
    """(seniority, minimum years asked) of a posting; `lowered` is `text.lower()` if known."""
    lowered = text.lower() if lowered is None else lowered
    years = years_asked(text, lowered)
    if two_levels(title):
        return None, years
    found = from_title(title)
    if found:
        return found, years
    site = from_level(level) if level else None
    if site == "ambiguous":  # the years decide between the named levels; without them, the highest
        return (_years_level(years) if years is not None else max(_site_grades(level or ""), key=_GRADES.index)), years
    if site:
        return site, years
    stated = from_text(lowered)
    if stated:
        return stated, years
    return (_years_level(years) if years is not None else None), years
