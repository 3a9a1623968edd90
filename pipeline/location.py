"""The country (ISO 3166-1 alpha-2) a posting's location text names, when it names exactly one.
Vocabulary in pipeline/vocab/locations.toml."""

import re
from functools import cache, lru_cache

import ahocorasick

from pipeline import vocab


@cache
def _names() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for code, names in vocab.load("locations")["countries"].items():
        for name in names:
            automaton.add_word(name, (name, code))
    automaton.make_automaton()
    return automaton


@cache
def _state_code() -> re.Pattern[str]:
    table = vocab.load("locations")["codes"]
    codes = "|".join(table["us_states"] + table["ca_provinces"])
    return re.compile(rf",\s*({codes})\b(?!\.\w)")


@lru_cache(maxsize=8192)  # a board's few locations repeat on every posting
def country(place: str) -> str | None:
    """"San Francisco, CA" → US, "Berlin, Germany" → DE, "London or Berlin" → None."""
    if not place:
        return None
    found: set[str] = set()
    provinces = vocab.load("locations")["codes"]["ca_provinces"]
    for match in _state_code().finditer(place):
        found.add("CA" if match.group(1) in provinces else "US")
    lowered = place.lower()
    size = len(lowered)
    for end, (name, code) in _names().iter(lowered):
        start = end - len(name) + 1
        before = lowered[start - 1] if start > 0 else " "
        after = lowered[end + 1] if end + 1 < size else " "
        if not (before.isalnum() or after.isalnum()):
            found.add(code)
    return found.pop() if len(found) == 1 else None
