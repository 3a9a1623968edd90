"""is_ml and the guide role of a posting: title first, the description as evidence.

The rules are data (pipeline/vocab/roles.toml, ordered and commented); this module applies them.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from mljobs.pipeline import vocab
from mljobs.pipeline.terms import Terms

ROLES = (
    "machine-learning-engineer",
    "data-scientist",
    "ai-research-scientist",
    "computer-vision-engineer",
    "nlp-engineer",
    "mlops-engineer",
)
_DEFAULT_ROLE = "machine-learning-engineer"


@dataclass(frozen=True)
class Rule:
    title: re.Pattern[str]
    unless: re.Pattern[str] | None
    role: str  # a slug from ROLES, "none", "domain" or "evidence"
    check: str | None  # None, "ml", "bi" or "models"


_KINDS = ("ml", "context", "modelling", "bi", "applied", "generative", "research_org", *ROLES)


@dataclass(frozen=True)
class Evidence:
    """How many distinct terms of each evidence kind a description has: "ml" (ML work), "context"
    (AI context), "modelling", "bi", "applied", "generative", "research_org", and one count per
    role slug (that role's kind of work)."""

    counts: dict[str, int]

    def __getattr__(self, kind: str) -> int:
        return self.counts[kind]

    @property
    def ml_or_context(self) -> int:
        return self.counts["ml"] + self.counts["context"]


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@cache
def _rules() -> tuple[Rule, ...]:
    rules = []
    for entry in vocab.load("roles")["rule"]:
        role = entry["role"]
        if role not in (*ROLES, "none", "domain", "evidence"):
            raise ValueError(f"roles.toml: unknown role {role!r}")
        unless = entry.get("unless")
        rules.append(Rule(_alternation(entry["title"]), _alternation(unless) if unless else None,
                          role, entry.get("check")))
    return tuple(rules)


@cache
def _domains() -> tuple[tuple[str, re.Pattern[str]], ...]:
    table = vocab.load("roles")["domain"]
    return tuple((role, _alternation(table[name])) for name, role in table["order"])


@cache
def _evidence_terms() -> tuple[Terms, tuple[frozenset[str], ...]]:
    """Every evidence term of every kind, for one pass over a description, and the kinds each term
    counts for (by term index)."""
    table = vocab.load("roles")["evidence"]
    kinds: dict[str, set[str]] = {}
    for kind in _KINDS:
        for term in table.get(kind, ()):
            kinds.setdefault(term, set()).add(kind)
    return Terms(list(kinds)), tuple(frozenset(k) for k in kinds.values())


def _threshold(name: str) -> int:
    return int(vocab.load("roles")["evidence"][name])


def evidence(text: str) -> Evidence:
    """Count distinct whole-word evidence terms in a lowercase description."""
    terms, kinds = _evidence_terms()
    counts = dict.fromkeys(_KINDS, 0)
    for index in terms.found(text):
        for kind in kinds[index]:
            counts[kind] += 1
    return Evidence(counts)


_DOMAIN_NAME = re.compile(r"\b([a-z0-9-]+)\.(ai|io|com|co|dev)\b")


@lru_cache(maxsize=8192)  # titles repeat; the domain-name sub is a regex pass per call
def normalise(title: str) -> str:
    """Lowercase, one space between words; "&" and "+" kept (they separate or qualify roles);
    a product's domain name loses its suffix ("Claude.ai" is a product, not AI work)."""
    return _DOMAIN_NAME.sub(r"\1", " ".join(title.lower().replace("_", " ").split()))


@lru_cache(maxsize=8192)  # job titles repeat across postings
def domain_role(text: str) -> str:
    """Which of the six an ML title is, from its domain words."""
    for role, pattern in _domains():
        if pattern.search(text):
            return role
    return _DEFAULT_ROLE


@lru_cache(maxsize=8192)
def title_rule(title: str) -> Rule:
    """The first rule that decides this normalised title (the last rule matches anything)."""
    for rule in _rules():
        if rule.title.search(title) and not (rule.unless and rule.unless.search(title)):
            return rule
    raise AssertionError("roles.toml must end with a catch-all rule")


class _Description:
    """The lowercased description and its evidence, computed only when a rule asks for it."""

    def __init__(self, text: str, lowered: str | None) -> None:
        self.text = text
        self._lowered = lowered
        self._evidence: Evidence | None = None

    @property
    def lowered(self) -> str:
        if self._lowered is None:
            self._lowered = self.text.lower()
        return self._lowered

    @property
    def evidence(self) -> Evidence:
        if self._evidence is None:
            self._evidence = evidence(self.lowered)
        return self._evidence


def _classify_one(title: str, rule: Rule, description: _Description) -> str | None:
    """The role of one advertised (normalised) job title that `rule` decides, or None when it is
    not an ML role."""
    role = rule.role
    if role == "none":
        return None
    if role == "evidence":
        return _from_description(description, title)
    if role == "domain":
        role = domain_role(title)
        research_title = _RESEARCH_NOUN.search(title)
        if role == "ai-research-scientist" and not research_title and not _at_research_org(title, description):
            role = _DEFAULT_ROLE
        elif role == _DEFAULT_ROLE and description.text:
            role = _specialism(description) or role
    if description.text and rule.check == "ml" and not _mentions_ml(title):
        if description.evidence.ml_or_context < _threshold("research_threshold"):
            return None
    if rule.check == "models" and not _says_it_builds_models(description.lowered):
        return None
    if description.text and rule.check == "bi":
        found = description.evidence
        # one reporting word in a few lines (an HN comment's "our data analytics team") is no evidence
        least = _threshold("bi_min") if len(description.text) < _threshold("short_description") else 1
        if found.modelling == 0 and found.bi >= least:
            return None
    return role


_SCIENTIST = re.compile(r"\b(scientists?|researchers?)\b")
_RESEARCH_NOUN = re.compile(r"\bresearch|\bfoundation|\bfellow")


@cache
def _builds_models() -> re.Pattern[str]:
    return _alternation(vocab.load("roles")["analyst"]["builds_models"])


def _says_it_builds_models(lowered: str) -> bool:
    """An analyst's description saying the job builds predictive/ML models (roles.toml [analyst]).
    Only the text just before each "model" is searched: the phrase is rare, a description long."""
    pattern, start = _builds_models(), 0
    while (at := lowered.find("model", start)) != -1:
        start = at + 5
        if pattern.search(lowered, max(0, at - 60), at + 6):
            return True
    return False


def _at_research_org(title: str, description: _Description) -> bool:
    """An ML scientist (no "research" in the title) at a research organisation or doing research
    work (publishing), rather than applied product work; with no description, the latter."""
    if _applied_title().search(title) or not description.text:
        return False
    found = description.evidence
    threshold = int(vocab.load("roles")["domain"]["applied_threshold"])
    return found.research_org >= 1 and found.applied < threshold


@cache
def _applied_title() -> re.Pattern[str]:
    return _alternation(vocab.load("roles")["domain"]["applied_title"])


def _specialism(description: _Description) -> str | None:
    """An ML engineer whose description is mostly computer vision, language, or ML platform work
    (serving, monitoring, deployment: a higher bar, since most ML jobs mention some of it).
    Generative-model work (diffusion, GenAI) is not computer vision even when it makes images."""
    counts = description.evidence.counts
    vision, language, platform = (counts[r] for r in ("computer-vision-engineer", "nlp-engineer", "mlops-engineer"))
    if platform >= _threshold("platform_threshold") and platform > max(vision, language):
        return "mlops-engineer"
    if counts["generative"]:
        vision = 0
    best, most = ("computer-vision-engineer", vision) if vision >= language else ("nlp-engineer", language)
    return best if most >= _threshold("specialism_threshold") and most > platform else None


_ML_WORDS = re.compile(r"\b(machine learning|ml|ai|deep learning|llms?|nlp|computer vision)\b")


def _mentions_ml(title: str) -> bool:
    return bool(_ML_WORDS.search(title))


def _from_description(description: _Description, title: str = "") -> str | None:
    """The role of a generic (or missing) title, when the description shows ML work: the title's
    domain words first, then the role whose kind of work the description names most (enough of
    it), else the default role."""
    if not description.text:
        return None
    found = description.evidence
    if (_SCIENTIST.search(title) and found.research_org
            and found.ml_or_context >= _threshold("research_threshold")):
        # a scientist at a research organisation whose work is ML, as the "ml" check reads a research title
        return "ai-research-scientist"
    if len(description.text) < _threshold("short_description"):
        if found.ml_or_context < _threshold("ml_threshold_short"):
            return None
    elif found.ml < _threshold("ml_threshold"):
        return None
    role = domain_role(title)
    if role != _DEFAULT_ROLE:
        return role
    counts = description.evidence.counts
    best = max(ROLES, key=lambda r: counts[r])
    return best if counts[best] >= _threshold("role_threshold") else _DEFAULT_ROLE


# "Data Scientist / Machine Learning Engineer", "Engineer or Scientist": two job titles in one.
_ALTERNATIVES = re.compile(r"\s*/\s*|\s+or\s+")
_JOB_NOUN = re.compile(r"\b(engineers?|scientists?|developers?|researchers?|analysts?|architects?|experts?|"
                       r"specialists?|consultants?|programmers?|administrators?)\b")


def _qualified(piece: str) -> bool:
    return bool(_JOB_NOUN.search(piece)) and " " in piece


@lru_cache(maxsize=8192)
def alternatives(title: str) -> tuple[str, ...]:
    """The job titles a (normalised) title names, in order: split at "/" and "or" when every piece
    names a qualified job ("AI/ML Engineer", "Staff / Senior Engineer" and "Researcher/Data Analyst,
    Bureau of…" stay whole: a bare noun takes its meaning from the rest of the title); then at commas
    that start another qualified job ("Lead Decision Scientist, Machine Learning Engineer, UK"), a piece
    naming none staying with the title before it ("Software Engineer, Machine Learning")."""
    pieces = _ALTERNATIVES.split(title)
    if len(pieces) < 2 or not all(_qualified(piece) for piece in pieces):
        pieces = [title]
    titles: list[str] = []
    for piece in pieces:
        parts = piece.split(", ")
        titles.append(parts[0])
        for part in parts[1:]:
            if _qualified(titles[-1]) and _qualified(part):
                titles.append(part)
            else:
                titles[-1] = f"{titles[-1]}, {part}"
    return tuple(titles)


def extract(titles: list[str], description: str, lowered: str | None = None) -> tuple[bool, str | None, str]:
    """(is_ml, role, title) for a posting that advertises zero or more job titles: ML when any
    title is, labelled with the first ML title's role (a title that says it is ML before a generic
    one the description makes ML; "Data Scientist / ML Engineer" names two, in order); the title
    returned is that ML title as written (else the first one) for seniority to read. With no title
    the description alone decides.
    `lowered` is `description.lower()` when the caller already has it."""
    context = _Description(description, lowered)
    named = [t for t in titles if t.strip()]
    decided = [(t, piece, title_rule(piece)) for t in named for piece in alternatives(normalise(t))]
    for generic in (False, True):
        for title, folded, rule in decided:
            if (rule.role == "evidence") != generic:
                continue
            role = _classify_one(folded, rule, context)
            if role is not None:
                return True, role, title
    if not named:
        role = _from_description(context)
        return role is not None, role, ""
    return False, None, named[0]
