"""The country (ISO 3166-1 alpha-2) a posting's location text names, when it names exactly one.
Vocabulary in pipeline/vocab/locations.toml."""

import re
from functools import cache, lru_cache

import ahocorasick_rs

from pipeline import vocab


@cache
def _names() -> tuple[ahocorasick_rs.AhoCorasick, tuple[str, ...]]:
    """An automaton over every country name, and the country code of each name by pattern index."""
    names = [(name, code) for code, spellings in vocab.load("locations")["countries"].items() for name in spellings]
    automaton = ahocorasick_rs.AhoCorasick([name for name, _ in names])
    return automaton, tuple(code for _, code in names)


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
    automaton, codes = _names()
    for index, start, end in automaton.find_matches_as_indexes(lowered, overlapping=True):
        if not ((start and lowered[start - 1].isalnum()) or (end < size and lowered[end].isalnum())):
            found.add(codes[index])
    return found.pop() if len(found) == 1 else None
