"""The skill vocabulary: canonical names, aliases, categories, and what a skill implies."""

from dataclasses import dataclass, field
from functools import cache

from pipeline import vocab


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    guide: bool = False
    aliases: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    case_sensitive: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@cache
def vocabulary() -> dict[str, Skill]:
    """Every skill by canonical name, in file order."""
    skills: dict[str, Skill] = {}
    for entry in vocab.load("skills")["skill"]:
        known = {"name", "category", "guide", "aliases", "implies", "case_sensitive"}
        skill = Skill(
            name=entry["name"],
            category=entry["category"],
            guide=bool(entry.get("guide", False)),
            aliases=tuple(entry.get("aliases", ())),
            implies=tuple(entry.get("implies", ())),
            case_sensitive=bool(entry.get("case_sensitive", False)),
            extra={k: v for k, v in entry.items() if k not in known},
        )
        if skill.name in skills:
            raise ValueError(f"skills.toml: {skill.name!r} is defined twice")
        skills[skill.name] = skill
    return skills


@cache
def _by_spelling() -> dict[str, str]:
    table: dict[str, str] = {}
    for skill in vocabulary().values():
        for spelling in (skill.name, *skill.aliases):
            table.setdefault(_fold(spelling), skill.name)
    return table


def _fold(term: str) -> str:
    return " ".join(term.lower().replace("-", " ").split())


def canonical(term: str) -> str | None:
    """The canonical name of a whole term ("sklearn" → "Scikit-learn"), or None if unknown."""
    return _by_spelling().get(_fold(term.strip(" .,;:")))


def with_implied(names: list[str]) -> list[str]:
    """`names` plus what they imply (AWS SageMaker → AWS), order kept, no repeats."""
    out: list[str] = []
    for name in names:
        for n in (name, *vocabulary()[name].implies):
            if n not in out:
                out.append(n)
    return out


def extract(text: str) -> list[str]:
    """Canonical skills mentioned in `text`. (Initial version: whole-word, case-insensitive.)"""
    import re

    found = []
    for skill in vocabulary().values():
        for spelling in (skill.name, *skill.aliases):
            if re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", text, re.IGNORECASE):
                found.append(skill.name)
                break
    return with_implied(found)
