"""is_ml and the guide role of a posting: title first, the description as evidence.

The rules are data (pipeline/vocab/roles.toml, ordered and commented); this module applies them.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import ahocorasick

from pipeline import vocab

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
    check: str | None  # None, "ml" or "bi"


_KINDS = ("ml", "modelling", "bi", *ROLES)


@dataclass(frozen=True)
class Evidence:
    """How many distinct terms of each evidence kind a description has: "ml", "modelling", "bi",
    and one count per role slug (that role's kind of work)."""

    counts: dict[str, int]

    def __getattr__(self, kind: str) -> int:
        return self.counts[kind]


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
    return tuple((role, _alternation(table[role])) for role in table["order"])


@cache
def _evidence_automaton() -> ahocorasick.Automaton:
    """One Aho-Corasick pass over a description finds every evidence term of every kind."""
    automaton = ahocorasick.Automaton()
    table = vocab.load("roles")["evidence"]
    for kind in _KINDS:
        for term in table.get(kind, ()):
            kinds = automaton.get(term, (term, set()))[1]
            kinds.add(kind)
            automaton.add_word(term, (term, kinds))
    automaton.make_automaton()
    return automaton


def _threshold(name: str) -> int:
    return int(vocab.load("roles")["evidence"][name])


def evidence(text: str) -> Evidence:
    """Count distinct whole-word evidence terms in a lowercase description."""
    seen: dict[str, set[str]] = {}
    size = len(text)
    for end, (term, kinds) in _evidence_automaton().iter(text):
        start = end - len(term) + 1
        if (start > 0 and text[start - 1].isalnum()) or (end + 1 < size and text[end + 1].isalnum()):
            continue
        seen[term] = kinds
    counts = dict.fromkeys(_KINDS, 0)
    for kinds in seen.values():
        for kind in kinds:
            counts[kind] += 1
    return Evidence(counts)


def normalise(title: str) -> str:
    """Lowercase, one space between words; "&" and "+" kept (they separate or qualify roles)."""
    return " ".join(title.lower().replace("_", " ").split())


def domain_role(text: str) -> str:
    """Which of the six an ML title (or description) is, from its domain words."""
    for role, pattern in _domains():
        if pattern.search(text):
            return role
    return _DEFAULT_ROLE


def title_rule(title: str) -> Rule:
    """The first rule that decides this normalised title (the last rule matches anything)."""
    for rule in _rules():
        if rule.title.search(title) and not (rule.unless and rule.unless.search(title)):
            return rule
    raise AssertionError("roles.toml must end with a catch-all rule")


class _Description:
    """The lowercased description and its evidence, computed only when a rule asks for it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._evidence: Evidence | None = None

    @property
    def evidence(self) -> Evidence:
        if self._evidence is None:
            self._evidence = evidence(self.text.lower())
        return self._evidence


def _classify_one(title: str, description: _Description) -> str | None:
    """The role of one advertised job title, or None when it is not an ML role."""
    rule = title_rule(title)
    role = rule.role
    if role == "none":
        return None
    if role == "evidence":
        if not description.text or description.evidence.ml < _threshold("ml_threshold"):
            return None
        return _description_role(title, description)
    if role == "domain":
        role = domain_role(title)
    if description.text and rule.check == "ml" and not _mentions_ml(title):
        if description.evidence.ml < _threshold("research_threshold"):
            return None
    if description.text and rule.check == "bi":
        found = description.evidence
        if found.bi and (found.modelling == 0 or (
                found.modelling <= _threshold("bi_max_modelling") and found.bi >= _threshold("bi_min"))):
            return None
    return role


def _mentions_ml(title: str) -> bool:
    return bool(re.search(r"\b(machine learning|ml|ai|deep learning|llms?|nlp|computer vision)\b", title))


def _description_role(title: str, description: _Description) -> str:
    """A generic title shown to be ML by its description: the title's domain words first, then the
    role whose kind of work the description names most (enough of it), else the default."""
    role = domain_role(title)
    if role != _DEFAULT_ROLE:
        return role
    counts = description.evidence.counts
    best = max(ROLES, key=lambda r: counts[r])
    return best if counts[best] >= _threshold("role_threshold") else _DEFAULT_ROLE


def classify_titles(titles: list[str], description: str) -> tuple[bool, str | None]:
    """(is_ml, role) for a posting that advertises one or more job titles: ML when any title is,
    labelled with the first ML title's role."""
    context = _Description(description)
    for title in titles:
        role = _classify_one(normalise(title), context)
        if role is not None:
            return True, role
    return False, None


def classify(title: str, text: str) -> tuple[bool, str | None]:
    """(is_ml, role) of a posting with one job title and its clean-text description."""
    return classify_titles([title], text)
