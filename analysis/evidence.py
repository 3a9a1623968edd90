"""analysis/evidence.toml, loaded once: how the guide's words map to what the data can count."""

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def vocabulary() -> dict[str, Any]:
    return tomllib.loads(resources.files("mljobs.analysis").joinpath("evidence.toml").read_text(encoding="utf-8"))


def industry_ids(phrase: str) -> list[str]:
    """'finance (quant roles)' -> ['finance', 'quant-finance', ...]: the ids of every key the phrase names."""
    words = set(re.findall(r"[a-z][a-z-]*", phrase.lower()))
    found: dict[str, None] = {}
    for key, ids in vocabulary()["industries"].items():
        if key in words:
            found.update(dict.fromkeys(ids))
    return list(found)


def certification(phrase: str) -> dict[str, Any] | None:
    """The certifications entry whose `guide` word the phrase contains, if any."""
    return next((c for c in vocabulary()["certifications"] if c["guide"] in phrase.lower()), None)


def experience(phrase: str) -> dict[str, Any] | None:
    """The experience entry (e.g. internships) whose `guide` word the phrase contains, if any."""
    return next((e for e in vocabulary()["experience"].values() if e["guide"] in phrase.lower()), None)
