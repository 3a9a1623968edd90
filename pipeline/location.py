"""The country (ISO 3166-1 alpha-2) a posting's location text names, when it names exactly one.
Vocabulary in pipeline/vocab/locations.toml."""

import re
from functools import cache, lru_cache

from mljobs.pipeline import vocab
from mljobs.pipeline.terms import Terms


@cache
def _names() -> tuple[Terms, tuple[str, ...]]:
    """Every country name, and the country code of each name by index."""
    names = [(name, code) for code, spellings in vocab.load("locations")["countries"].items() for name in spellings]
    return Terms([name for name, _ in names]), tuple(code for _, code in names)


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
    names, codes = _names()
    found |= {codes[index] for index in names.found(place.lower())}
    return found.pop() if len(found) == 1 else None
