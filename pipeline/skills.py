"""The skill vocabulary (pipeline/vocab/skills.toml) and the skill matcher over posting text.

The matcher is one Aho-Corasick pass over the lowercased text (every spelling of every skill, nested
and overlapping matches included, so "AWS SageMaker" yields both; ahocorasick-rs's DFA, ~2.8× faster
than pyahocorasick for 1,100+ spellings), a word-boundary check, and — only for the few
ambiguous spellings the vocabulary marks (R, Go, C, Julia, Ray, …) — an exact-case check and a
context rule written as data in the TOML: `reject` patterns veto a match, `cue` patterns or another
technical skill within `context_window` characters confirm it.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

import ahocorasick_rs
from mljobs.pipeline import vocab


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    guide: bool = False
    aliases: tuple[str, ...] = ()  # matched in any case, as whole words
    exact_case: tuple[str, ...] = ()  # matched only in exactly this case
    in_context: tuple[str, ...] = ()  # exact case, and only with a cue or another tech skill nearby
    implies: tuple[str, ...] = ()
    reject: tuple[re.Pattern[str], ...] = ()  # a match covering the mention vetoes it
    cue: tuple[re.Pattern[str], ...] = ()  # a match covering the mention confirms an in_context spelling
    context_window: int = 0  # chars either side searched for another tech skill (0: the file's default)
    context_categories: frozenset[str] | None = None  # what counts as context (None: default; empty: cues only)

    def spellings(self) -> tuple[str, ...]:
        """Every spelling that names this skill in running text."""
        return (self.name, *self.aliases, *self.exact_case, *self.in_context)


_LIST_FIELDS = ("aliases", "exact_case", "in_context", "implies")
_KNOWN_FIELDS = {"name", "category", "guide", "reject", "cue", "context_window", "context_categories", *_LIST_FIELDS}


def _skill(entry: dict[str, Any]) -> Skill:
    unknown = set(entry) - _KNOWN_FIELDS
    if unknown:
        raise ValueError(f"skills.toml: {entry.get('name')!r} has unknown keys {sorted(unknown)}")
    return Skill(
        name=entry["name"],
        category=entry["category"],
        guide=bool(entry.get("guide", False)),
        **{f: tuple(entry.get(f, ())) for f in _LIST_FIELDS},
        reject=tuple(re.compile(p) for p in entry.get("reject", ())),
        cue=tuple(re.compile(p) for p in entry.get("cue", ())),
        context_window=int(entry.get("context_window", 0)),
        context_categories=frozenset(entry["context_categories"]) if "context_categories" in entry else None,
    )


@cache
def vocabulary() -> dict[str, Skill]:
    """Every skill by canonical name, in file order."""
    data = vocab.load("skills")
    categories = set(data["categories"])
    skills: dict[str, Skill] = {}
    for entry in data["skill"]:
        skill = _skill(entry)
        if skill.name in skills:
            raise ValueError(f"skills.toml: {skill.name!r} is defined twice")
        if skill.category not in categories or not (skill.context_categories or set()) <= categories:
            raise ValueError(f"skills.toml: {skill.name!r} names an unknown category")
        skills[skill.name] = skill
    for skill in skills.values():
        missing = [n for n in skill.implies if n not in skills]
        if missing:
            raise ValueError(f"skills.toml: {skill.name!r} implies unknown skills {missing}")
    return skills


@cache
def _by_spelling() -> dict[str, str]:
    table: dict[str, str] = {}
    for skill in vocabulary().values():
        for spelling in skill.spellings():
            owner = table.setdefault(_fold(spelling), skill.name)
            if owner != skill.name:
                raise ValueError(f"skills.toml: {spelling!r} names both {owner!r} and {skill.name!r}")
    return table


def _fold(term: str) -> str:
    return " ".join(term.lower().replace("-", " ").split())


def canonical(term: str) -> str | None:
    """The canonical name of a whole term ("sklearn" → "Scikit-learn"), or None if unknown."""
    return _by_spelling().get(_fold(term.strip(" .,;:")))


@cache
def _closures() -> dict[str, tuple[str, ...]]:
    """Each name followed by everything it implies, transitively, depth first."""

    def closure(name: str, seen: list[str]) -> list[str]:
        if name not in seen:
            seen.append(name)
            for implied in vocabulary()[name].implies:
                closure(implied, seen)
        return seen

    return {name: tuple(closure(name, [])) for name in vocabulary()}


def with_implied(names: list[str]) -> list[str]:
    """`names` plus what they imply, transitively (pgvector → PostgreSQL → SQL), each right after the
    name that implies it; order kept, no repeats."""
    closures = _closures()
    out: dict[str, None] = {}
    for name in names:
        out |= dict.fromkeys(n for n in closures[name] if n not in out)
    return list(out)


# --- the matcher -------------------------------------------------------------------------------

# Hyphens and whitespace all become one space, so "fine-tuning", "fine tuning" and "fine\ntuning"
# meet the same key; every replacement is one character, so offsets stay valid in the original text.
_SPACES = "-\u2010\u2011\t\n\r\f\v\xa0"
_PLAIN, _EXACT, _IN_CONTEXT = 0, 1, 2
_REJECT_REACH = 40  # chars either side of a mention that reject patterns see
_CUE_REACH = 80  # and cue patterns ("cleaning ... data" may be 60 characters apart)


@dataclass(frozen=True)
class _Spelling:
    skill: Skill
    text: str  # the spelling, hyphens as spaces (compared with the text in the exact modes)
    mode: int


# One lowercased pattern of the automaton: whether it starts / ends with a word character (then the
# text before / after must not be one), and the spellings that share it.
_Key = tuple[bool, bool, tuple[_Spelling, ...]]


@dataclass(frozen=True)
class _Matcher:
    automaton: ahocorasick_rs.AhoCorasick
    keys: list[_Key]  # by pattern index
    singles: dict[str, _Spelling]  # one-letter spellings (R, C): str.find, not a key hit on every "r"
    window: int
    context_categories: frozenset[str]


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _spaced(text: str) -> str:
    # A chain of str.replace: many times faster than str.translate with a dict table.
    for c in _SPACES:
        if c in text:
            text = text.replace(c, " ")
    return text


@cache
def _matcher() -> _Matcher:
    data = vocab.load("skills")
    keys: dict[str, list[_Spelling]] = {}
    singles: dict[str, _Spelling] = {}
    for skill in vocabulary().values():
        # The name is an any-case spelling unless the skill lists it as exact-case or in-context.
        name = () if skill.name in (*skill.exact_case, *skill.in_context) else (skill.name,)
        modes = {_spaced(s).lower(): (s, _PLAIN) for s in (*name, *skill.aliases)}
        cased = {_spaced(s): (s, _EXACT) for s in skill.exact_case} | {
            _spaced(s): (s, _IN_CONTEXT) for s in skill.in_context
        }
        clash = sorted(s for s, _ in cased.values() if _spaced(s).lower() in modes)
        if clash:
            raise ValueError(f"skills.toml: {skill.name!r} has {clash} both as any-case and exact-case spellings")
        modes |= cased
        for spelling, mode in modes.values():
            text = _spaced(spelling)
            entry = _Spelling(skill, text, mode)
            if len(text) == 1:
                if mode == _PLAIN:
                    raise ValueError(f"skills.toml: one-letter spelling {text!r} must be exact_case or in_context")
                singles[text] = entry
            else:
                keys.setdefault(text.lower(), []).append(entry)
    automaton = ahocorasick_rs.AhoCorasick(list(keys), implementation=ahocorasick_rs.Implementation.DFA)
    records = [(_is_word(k[0]), _is_word(k[-1]), tuple(e)) for k, e in keys.items()]
    return _Matcher(automaton, records, singles, int(data["context_window"]), frozenset(data["context_categories"]))


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters lowercase to two ("İ"); keep those as they are so offsets stay aligned.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _covers(patterns: tuple[re.Pattern[str], ...], text: str, start: int, reach: int) -> bool:
    """Whether one of `patterns` matches a stretch of `text` (within `reach` characters either side)
    that includes offset `start`. (Plain loops: twice as fast as any() over a generator here.)"""
    lo = max(0, start - reach)
    snippet = text[lo : start + reach]
    offset = start - lo
    for pattern in patterns:
        for m in pattern.finditer(snippet):
            if m.start() <= offset < m.end():
                return True
    return False


_by_position = itemgetter(0, 1)
_first = itemgetter(0)


def _mentions(text: str, norm: str, low: str) -> list[tuple[int, int, _Spelling]]:
    """(start, -end, spelling) of every whole-word, right-case mention, first mention first (of two
    starting together the longer: "AWS SageMaker" before "AWS")."""
    m = _matcher()
    size = len(low)
    found: list[tuple[int, int, _Spelling]] = []
    keys = m.keys
    # The hot loop (every hit, most of them inside longer words): checks written out inline.
    for index, start, end in m.automaton.find_matches_as_indexes(low, overlapping=True):
        word_start, word_end, spellings = keys[index]
        if word_start and start and ((c := low[start - 1]).isalnum() or c == "_"):
            continue
        if word_end and end < size and ((c := low[end]).isalnum() or c == "_"):
            continue
        for sp in spellings:
            if sp.mode == _PLAIN or norm[start:end] == sp.text:
                found.append((start, -end, sp))
    for char, sp in m.singles.items():
        at = text.find(char)
        while at != -1:
            if (at == 0 or not _is_word(text[at - 1])) and (at + 1 == size or not _is_word(text[at + 1])):
                found.append((at, -at - 1, sp))
            at = text.find(char, at + 1)
    found.sort(key=_by_position)
    return found


def _vetoed(start: int, skill: Skill, text: str) -> bool:
    return bool(skill.reject) and _covers(skill.reject, text, start, _REJECT_REACH)


def _in_context(start: int, end: int, skill: Skill, confident: list[tuple[int, Skill]], text: str) -> bool:
    """Whether an in_context mention has a cue, or another (unvetoed) skill of its context categories nearby."""
    if skill.cue and _covers(skill.cue, text, start, _CUE_REACH):
        return True
    m = _matcher()
    window = skill.context_window or m.window
    categories = m.context_categories if skill.context_categories is None else skill.context_categories
    lo = bisect_left(confident, start - window, key=_first)
    hi = bisect_right(confident, end + window, key=_first)
    return any(
        other.category in categories and other is not skill and not _vetoed(at, other, text)
        for at, other in confident[lo:hi]
    )


def extract(text: str, lowered: str | None = None) -> list[str]:
    """Canonical names of the skills `text` mentions, in order of first mention, each followed by
    what it implies (SageMaker → AWS SageMaker, AWS). `lowered` is `text.lower()` when the caller
    already has it (lowercasing a posting costs as much as a fifth of this function)."""
    norm = _spaced(text)
    # No spacing character lowercases to another or from one, so spacing commutes with lowercasing;
    # a length change means a character lowercased to two ("İ"): then _lower keeps offsets aligned.
    low = _spaced(lowered) if lowered is not None and len(lowered) == len(text) else _lower(norm)
    mentions = _mentions(text, norm, low)
    confident: list[tuple[int, Skill]] | None = None  # built when an in_context mention needs it
    names: dict[str, None] = {}
    # Rules run lazily: only until a skill's first mention that passes them.
    for start, neg_end, sp in mentions:
        skill = sp.skill
        if skill.name in names or _vetoed(start, skill, text):
            continue
        if sp.mode == _IN_CONTEXT:
            if confident is None:
                confident = [(at, other.skill) for at, _, other in mentions if other.mode != _IN_CONTEXT]
            if not _in_context(start, -neg_end, skill, confident, text):
                continue
        names[skill.name] = None
    return with_implied(list(names))
