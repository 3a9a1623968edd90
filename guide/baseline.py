"""The career guide parsed into a structured baseline: the claims the market is checked against.

The guide is prose with light structure (see ml-careers-guide.txt). Each section is found by what it
looks like, not by its position, so a guide in the same style with other numbers or another section
order parses too. A section that can't be found raises GuideError naming it: never a half-empty baseline.
Every skill goes through the pipeline's skill vocabulary, so guide and market speak the same names.
"""

import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mljobs.lazy import lazy

if TYPE_CHECKING:
    from mljobs.pipeline import salary_text
    from mljobs.pipeline import skills as vocabulary
else:  # loaded by a parse, not by a cached guide read back (guide/cache.py)
    salary_text = lazy("mljobs.pipeline.salary_text")
    vocabulary = lazy("mljobs.pipeline.skills")

DEFAULT_GUIDE = "ml-careers-guide.txt"
LEVELS = ("entry", "mid", "senior")


class GuideError(ValueError):
    """The guide text lacks a section the baseline needs."""


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    description: str
    skills: tuple[str, ...]
    unmatched: tuple[str, ...] = ()  # skill phrases the vocabulary doesn't know ("cloud platforms")


@dataclass(frozen=True)
class SalaryBand:
    level: str
    min: float
    max: float | None
    open_upper: bool  # "$150,000 – $250,000+": the top is a floor of the range, not a cap
    currency: str
    period: str


@dataclass(frozen=True)
class Baseline:
    roles: tuple[Role, ...]
    skill_groups: dict[str, tuple[str, ...]]  # "Programming" -> ("Python", "R", "SQL")
    salary_bands: tuple[SalaryBand, ...]
    top_paying_industries: tuple[str, ...]
    growth_industries: tuple[str, ...]
    emerging_trends: tuple[str, ...]  # canonical skill names where the vocabulary has them
    certifications: tuple[str, ...]
    learning_resources: tuple[str, ...]
    source: str = ""
    unmatched: tuple[str, ...] = field(default=())
    # Claims a guide may or may not make (empty when it doesn't): what pay varies by ("role", "experience",
    # "location"), the sentence saying demand grows, and the ways to gain experience ("Internships", ...).
    pay_varies_by: tuple[str, ...] = ()
    demand_claim: str = ""
    experience_routes: tuple[str, ...] = ()

    def band(self, level: str) -> SalaryBand | None:
        return next((b for b in self.salary_bands if b.level == level), None)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def skills(self) -> tuple[str, ...]:
        """Every skill the guide names, roles first, without repeats."""
        names: dict[str, None] = {}
        for role in self.roles:
            names.update(dict.fromkeys(role.skills))
        for group in self.skill_groups.values():
            names.update(dict.fromkeys(group))
        names.update(dict.fromkeys(t for t in self.emerging_trends if vocabulary.canonical(t)))
        return tuple(names)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Baseline":
        """The inverse of to_dict (a cached parse read back); KeyError or TypeError when `data` isn't one."""
        tuples = {name: tuple(value) for name, value in data.items() if isinstance(value, list)}
        return cls(**{**data, **tuples,
                      "roles": tuple(Role(**{**r, "skills": tuple(r["skills"]), "unmatched": tuple(r["unmatched"])})
                                     for r in data["roles"]),
                      "salary_bands": tuple(SalaryBand(**b) for b in data["salary_bands"]),
                      "skill_groups": {name: tuple(group) for name, group in data["skill_groups"].items()}})


def load(path: str | Path | None = None) -> Baseline:
    """Parse the bundled guide, or the guide at `path`."""
    return parse(*read(path))


def read(path: str | Path | None = None) -> tuple[str, str]:
    """(text, source) of the bundled guide, or of the guide at `path`; GuideError if it can't be read."""
    if path is None:
        return resources.files(__package__).joinpath(DEFAULT_GUIDE).read_text(encoding="utf-8"), DEFAULT_GUIDE
    try:
        return Path(path).read_text(encoding="utf-8"), str(path)
    except (OSError, UnicodeDecodeError) as error:
        raise GuideError(f"cannot read guide {path}: {error}") from error


def parse(text: str, source: str = "") -> Baseline:
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line and line != "-"]
    unmatched: list[str] = []
    roles = _roles(lines)
    groups = _skill_groups(lines, unmatched)
    return Baseline(
        roles=roles,
        skill_groups=groups,
        salary_bands=_salary_bands(lines),
        top_paying_industries=_listing(_line_after(lines, r"top[- ]paying industries\s*:", "Top-Paying Industries")),
        growth_industries=_listing(_sentence_part(text, r"industries (?:like|such as) ([^.]+?)(?: driving| are|\.)",
                                                  "Future (growth industries)")),
        emerging_trends=tuple(_canonical_or_title(t) for t in _listing(
            _sentence_part(text, r"roles in ([^.]+?) are emerging", "Future (emerging roles)"))),
        certifications=_listing(_step_items(lines, r"certif", "How to Start (Get Certified)")),
        learning_resources=_listing(_sentence_part(text, r"courses \(([^)]+)\)", "How to Start (courses)")),
        source=source,
        unmatched=tuple(dict.fromkeys(unmatched + [u for r in roles for u in r.unmatched])),
        pay_varies_by=_listing(_optional(r"salaries vary by ([^:.]+)", text)),
        demand_claim=_optional(r"(the demand for [^.,]+? is (?:growing|rising|increasing)[^.,]*)", text),
        experience_routes=_listing(re.sub(r"^(or|and)\s+", "", _optional_step(lines, r"gain\s+experience"), flags=re.I)
                                   .replace(", or ", ", ").replace(", and ", ", ")),
    )


# --- sections -----------------------------------------------------------------------------------

ROLE_HEADING = re.compile(r"^\d+\.\s+(?P<name>.+)$")


def _roles(lines: list[str]) -> tuple[Role, ...]:
    roles: list[Role] = []
    for i, line in enumerate(lines):
        heading = ROLE_HEADING.match(line)
        if not heading:
            continue
        block = lines[i + 1 : i + 3]
        described = [b for b in block if re.match(r"^role\s*:", b, re.I)]
        needed = [b for b in block if re.match(r"^skills?( needed)?\s*:", b, re.I)]
        if not described and not needed:
            continue  # a numbered line that isn't a role
        name = heading["name"]
        if not described or not needed:
            raise GuideError(f"guide section 'Types of Machine Learning Jobs': role {name!r} lacks a "
                             f"{'Role:' if not described else 'Skills Needed:'} line")
        found: list[str] = []
        skills = _skill_phrase(needed[0].split(":", 1)[1], found)
        roles.append(Role(id=_slug(name), name=name, description=described[0].split(":", 1)[1].strip(),
                          skills=skills, unmatched=tuple(found)))
    if not roles:
        raise GuideError("guide section 'Types of Machine Learning Jobs' not found: expected numbered "
                         "roles ('1. Machine Learning Engineer') each with 'Role:' and 'Skills Needed:' lines")
    return tuple(roles)


def _skill_groups(lines: list[str], unmatched: list[str]) -> dict[str, tuple[str, ...]]:
    start = _index(lines, r"^skills required", "Skills Required for Machine Learning Jobs")
    groups: dict[str, tuple[str, ...]] = {}
    for line in lines[start + 1 :]:
        label, sep, items = line.partition(":")
        if not sep or not items.strip() or len(label) > 40:
            break  # the next heading ends the section
        groups[label.strip()] = _skill_phrase(items, unmatched)
    if not groups:
        raise GuideError("guide section 'Skills Required for Machine Learning Jobs' has no 'Label: skills' lines")
    return groups


BAND = re.compile(r"^(?P<level>entry|mid|senior)[- ]level\s*:\s*(?P<range>.+)$", re.I)


def _salary_bands(lines: list[str]) -> tuple[SalaryBand, ...]:
    start = _index(lines, r"salary", "Machine Learning Salary Expectations")
    bands: dict[str, SalaryBand] = {}
    for line in lines[start:]:
        match = BAND.match(line)
        if match:
            level = match["level"].lower()
            bands.setdefault(level, _band(level, match["range"]))
    missing = [level for level in LEVELS if level not in bands]
    if missing:
        levels = ", ".join(m + "-level" for m in missing)
        raise GuideError(f"guide section 'Machine Learning Salary Expectations': no band for {levels} "
                         "(expected e.g. 'Entry-Level: $90,000 – $120,000')")
    return tuple(bands[level] for level in LEVELS)


def _band(level: str, text: str) -> SalaryBand:
    """A band read as a posting's salary field is ("€70.000 – €90.000" is 70,000–90,000 EUR a year)."""
    money = salary_text.extract(text, is_salary_field=True)
    if money is None or money.min is None:
        missing = "no amount" if money is None else "no lower bound"
        raise GuideError(f"guide section 'Machine Learning Salary Expectations': {level}-level has {missing}")
    return SalaryBand(
        level=level, min=money.min, max=money.max,
        open_upper=text.rstrip(" .").endswith("+") or money.max is None,
        currency=money.currency, period=money.period,
    )


def _step_items(lines: list[str], pattern: str, section: str) -> str:
    """The items under a 'How to start' step label such as 'Get Certified:'."""
    for i, line in enumerate(lines):
        if line.endswith(":") and re.search(pattern, line, re.I) and i + 1 < len(lines):
            return lines[i + 1]
    raise GuideError(f"guide section '{section}' not found")


def _optional(pattern: str, text: str) -> str:
    """The first group of `pattern` in the text, or '' when the guide doesn't say it."""
    match = re.search(pattern, text, re.I)
    return match[1].strip() if match else ""


def _optional_step(lines: list[str], pattern: str) -> str:
    try:
        return _step_items(lines, pattern, "")
    except GuideError:
        return ""


# --- phrases ------------------------------------------------------------------------------------

def _skill_phrase(phrase: str, unmatched: list[str]) -> tuple[str, ...]:
    """'Python, TensorFlow/PyTorch, cloud platforms (AWS/GCP).' -> canonical skill names."""
    names: list[str] = []
    for item in _split_top_level(phrase.strip().rstrip(".")):
        outer, _, inner = item.partition("(")
        for term in [outer, *_split_top_level(inner.rstrip(")"))]:
            term = re.sub(r"^(e\.g\.|i\.e\.|such as)\s*", "", term.strip(), flags=re.I)
            if term:
                names.extend(_resolve(term, unmatched))
    return tuple(vocabulary.with_implied(list(dict.fromkeys(names))))


def _resolve(term: str, unmatched: list[str]) -> list[str]:
    name = vocabulary.canonical(term)
    if name:
        return [name]
    if "/" in term:  # "TensorFlow/PyTorch", "data cleaning/visualization" (the head word carries over)
        parts = [p.strip() for p in term.split("/")]
        head = parts[0].rsplit(" ", 1)[0] if " " in parts[0] else ""
        found = []
        for part in parts:
            name = vocabulary.canonical(part) or (head and vocabulary.canonical(f"{head} {part}"))
            if name:
                found.append(name)
            else:
                unmatched.append(part)
        return found
    if term.lower() not in {"primary", "advanced math"}:
        unmatched.append(term)
    return []


def _split_top_level(text: str) -> list[str]:
    """Split on commas and 'and' outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [re.sub(r"^and\s+", "", p.strip()) for p in parts if p.strip()]


def _listing(text: str) -> tuple[str, ...]:
    """'Tech (FAANG), finance (quant roles), and healthcare AI.' -> items."""
    return tuple(p.strip().rstrip(".") for p in _split_top_level(text.strip().rstrip(".")) if p.strip(" ."))


def _canonical_or_title(term: str) -> str:
    return vocabulary.canonical(term) or term


def _slug(name: str) -> str:
    name = re.sub(r"\(.*?\)", "", name)
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _index(lines: list[str], pattern: str, section: str) -> int:
    for i, line in enumerate(lines):
        if re.search(pattern, line, re.I) and _is_heading(line):
            return i
    raise GuideError(f"guide section '{section}' not found")


def _is_heading(line: str) -> bool:
    """Headings are short lines with no colon and no closing full stop."""
    return len(line) < 80 and ":" not in line and not line.endswith(".")


def _line_after(lines: list[str], pattern: str, section: str) -> str:
    for line in lines:
        match = re.search(pattern + r"(.+)$", line, re.I)
        if match:
            return match[1]
    raise GuideError(f"guide section '{section}' not found")


def _sentence_part(text: str, pattern: str, section: str) -> str:
    match = re.search(pattern, text, re.I)
    if not match:
        raise GuideError(f"guide section '{section}' not found")
    return match[1]
