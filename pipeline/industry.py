"""The industry a posting's employer is in: one of the guide's five (big-tech, quant-finance, finance, healthcare,
autonomous-vehicles) or an S&P 500 company's GICS sector, or None when nothing says.

The company name decides first (curated lists, then the S&P 500 list, then words in the name); the description
only when the name does not, and only through phrases about the employer's own business, found in one
leftmost-longest Aho-Corasick pass so that a perk ("health insurance") hides the industry word inside it
(pipeline/terms.py's scan reports which terms occur, overlapping; scoring needs each place's longest phrase,
counted, and where it is).
Order and scoring are documented in pipeline/vocab/industries.toml; the S&P 500 map is sp500_sectors.toml.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick_rs
from mljobs.crawlers import hn_header
from mljobs.pipeline import vocab

_MAX_NAME_WORDS = 8  # longer "names" are sentences (a free-form first line); their start is enough
# Name words ("… Health", "… Bank") are read only in names this short: a longer one is a free-form first line
# ("Director of Finance and Accounting", "We are bank of hackers based in …").
_NAME_WORDS_IN = 4

_URL_SCHEME = re.compile(r"https?://|www\.", re.I)
_BRACKETS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")  # "(AWS)", "(YC S19)", an unclosed "( http://…"
# What follows a separator is a unit, place or role, not the name: "Amazon Web Services - S3", "Block, Inc."
_SEPARATOR = re.compile(r"[,|:@•]|\s[-–—/]\s|\s[–—]|[–—]\s")
_YC_TAG = re.compile(r"\byc ?[swf]?\d{2}\b")
_APOSTROPHE = re.compile(r"['’]")
_NON_WORD = re.compile(r"[^\w]+|_")
_LEGAL_SUFFIXES = frozenset(
    "inc incorporated llc ltd limited corp corporation co company companies plc lp llp gmbh ag sa nv bv pbc srl "
    "sarl spa pty pvt private holdings holding group com io ai org net and".split()
)


def company_key(name: str) -> str:
    """A company name reduced to the words that identify it: "Google LLC" → "google", "D. E. Shaw & Co., L.P."
    → "de shaw", "Acme (YC S19)\\n4.1" → "acme"."""
    name = _BRACKETS.sub(" ", _URL_SCHEME.sub("", name.split("\n", 1)[0]))
    name = _SEPARATOR.split(name, 1)[0].lower().replace("&", " and ")
    words = _NON_WORD.split(_APOSTROPHE.sub("", _YC_TAG.sub(" ", name)))
    joined: list[str] = []
    initials = False  # the last word is a run of single letters
    for word in filter(None, words):  # initials join: "d e shaw" → "de shaw", "j p morgan" → "jp morgan"
        if len(word) == 1 and initials:
            joined[-1] += word
        else:
            joined.append(word)
            initials = len(word) == 1
    if joined[:1] == ["the"]:
        joined = joined[1:]
    while len(joined) > 1 and joined[-1] in _LEGAL_SUFFIXES:
        joined.pop()
    return " ".join(joined[:_MAX_NAME_WORDS])


@dataclass(frozen=True)
class _Name:
    industry: str
    starts_longer: bool  # also matches a longer name it starts ("goldman sachs bank usa")


@dataclass(frozen=True)
class _Vocabulary:
    curated: dict[str, _Name]  # company key → one of the five
    sp500: dict[str, _Name]  # company key → GICS sector's id
    focus: frozenset[str]  # the five ids
    name_words: tuple[tuple[str, str], ...]  # (" word ", industry) in file order
    automaton: ahocorasick_rs.AhoCorasick
    terms: tuple[tuple[str | None, int], ...]  # per pattern: industry (None: ignore) and points


def _add(table: dict[str, _Name], name: str, industry: str, brand: bool = False) -> None:
    key = company_key(name)
    known = table.get(key)
    if known and known.industry != industry:
        raise ValueError(f"industries: {name!r} is both {known.industry} and {industry}")
    table[key] = _Name(industry, brand or " " in key)


@cache
def _vocabulary() -> _Vocabulary:
    data = vocab.load("industries")
    industries = data["industry"]
    curated: dict[str, _Name] = {}
    for industry, entry in industries.items():
        for name in entry["brands"]:
            _add(curated, name, industry, brand=True)
        for name in entry["companies"]:
            _add(curated, name, industry)
    sp500: dict[str, _Name] = {}
    for sector, names in vocab.load("sp500_sectors")["sectors"].items():
        for name in names:
            _add(sp500, name, data["gics"][sector])
    patterns: dict[str, tuple[str | None, int]] = {}
    for industry, entry in industries.items():
        for points, key in ((2, "phrases"), (1, "mentions")):
            for phrase in entry[key]:
                if patterns.setdefault(phrase, (industry, points)) != (industry, points):
                    raise ValueError(f"industries: phrase {phrase!r} is listed twice")
    for phrase in data["ignore"]["phrases"]:
        if patterns.setdefault(phrase, (None, 0))[0] is not None:
            raise ValueError(f"industries: ignored phrase {phrase!r} is also an industry's")
    return _Vocabulary(
        curated=curated,
        sp500=sp500,
        focus=frozenset(industries),
        name_words=tuple((f" {company_key(w)} ", i) for i, entry in industries.items() for w in entry["name_words"]),
        automaton=ahocorasick_rs.AhoCorasick(
            list(patterns), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA,
        ),
        terms=tuple(patterns.values()),
    )


def _lookup(table: dict[str, _Name], key: str) -> str | None:
    """The industry of the longest listed name that is `key` or, when it may, starts it."""
    words = key.split(" ")
    for size in range(len(words), 0, -1):
        found = table.get(" ".join(words[:size]))
        if found and (size == len(words) or found.starts_longer):
            return found.industry
    return None


@lru_cache(maxsize=16384)  # a board's one company repeats on every posting
def _from_company(name: str) -> tuple[str | None, str | None]:
    """(the focus industry the company name says, its S&P 500 sector's id)."""
    key = company_key(name)
    if not key:
        return None, None
    known = _vocabulary()
    curated = _lookup(known.curated, key)
    sector = _lookup(known.sp500, key)
    if curated:
        return curated, sector
    if sector in known.focus:
        return sector, sector
    if key.count(" ") >= _NAME_WORDS_IN:
        return None, sector
    padded = f" {key} "
    return next((industry for word, industry in known.name_words if word in padded), None), sector


def _header_company(text: str) -> str:
    """With no company given, an HN post's first line names it: "Acme | ML Engineer | Remote" or, before the
    pipe convention, "Acme - Boston, MA" (company_key keeps what precedes the separator)."""
    end = text.find("\n")
    line = text if end < 0 else text[:end]
    if hn_header.looks_like_header(line):
        return hn_header.parse(line, company_first=True).company or ""
    return line


def _from_text(lowered: str) -> str | None:
    """The focus industry the description's business phrases point to (see industries.toml, step 4)."""
    known = _vocabulary()
    points: dict[str, int] = {}
    first: dict[str, int] = {}
    size = len(lowered)
    for index, start, end in known.automaton.find_matches_as_indexes(lowered):
        if (start and lowered[start - 1].isalnum()) or (end < size and lowered[end].isalnum()):
            continue
        industry, score = known.terms[index]
        if industry:
            points[industry] = points.get(industry, 0) + score
            first.setdefault(industry, start)
    best = max(points, key=lambda industry: (points[industry], -first[industry]), default=None)
    return best if best and points[best] >= 2 else None


def extract(company: str | None, text: str, lowered: str | None = None) -> str | None:
    """The employer's industry id, from the company name (`company`, or with none the first line of `text`) and
    the clean description `text` (`lowered`: text.lower(), when the caller has it)."""
    focus, sector = _from_company(company or _header_company(text))
    if focus:
        return focus
    return _from_text(text.lower() if lowered is None else lowered) or sector
