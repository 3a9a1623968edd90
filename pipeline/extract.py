"""Raw posting → facts. `extract` is a pure function over one record (DESIGN.md's "Extract"
contract); `extract_lines` streams JSON Lines, turning each bad line into a counted error."""

import contextlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mljobs.crawlers import hn_header, sources
from mljobs.pipeline import learned, location, output, roles, salary, seniority, skills, text
from mljobs.pipeline import lines as checked

_REMOTE_IN_TEXT = re.compile(
    r"\b(fully remote|100% remote|remote[- ]first|work from anywhere|this (?:is a )?(?:fully )?remote "
    r"(?:role|position|job)|(?:role|position|job) is (?:fully )?remote)\b")
_ONSITE = re.compile(r"\b(on-?site|in[- ]office|hybrid)\b")
_REMOTE = re.compile(r"\bremote\b")
_NOT_REMOTE = re.compile(r"\b(no|not|non)[- ]remote\b")


def extract(record: dict[str, Any]) -> dict[str, Any]:
    """Facts of one posting in the extract input format (id, title, company, location, description,
    salary, level, source, posted_at). Missing keys are null; unknown keys are ignored."""
    return extract_with_text(record)[0]


@dataclass(frozen=True)
class Reading:
    """What the rules read in one posting: the learned layer's input, beside the rules' own answers."""

    title: str  # the title as given, or an HN comment's header line
    body: str  # clean description text
    lowered: str  # body.lower()
    level: str | None  # the site's level field
    source: str
    is_ml: bool
    role: str | None
    seniority: str | None
    years: int | None
    title_level: str | None  # a level the title states ("none": two levels), which no model overrules
    places: list[str]
    remote: bool | None  # the HN header's flag


def read(record: dict[str, Any]) -> Reading:
    """The rules' reading of one posting in the extract input format."""
    title = _str(record.get("title"))
    body = text.clean(_str(record.get("description")))
    source = _str(record.get("source")).lower().replace(" ", "")
    declared = sources.get(source)  # "Hacker News" is hn
    source = declared.name if declared else source
    hn = source == "hn"
    place = _str(record.get("location"))

    titles, places, remote = [title], [place], None
    # An HN comment's first line is its header; with no title, a pipe-separated first line is one.
    header_line = title or body.split("\n", 1)[0]
    if hn_header.looks_like_header(header_line) and (title or hn or header_line.count("|") >= 2):
        header = hn_header.parse(header_line, company_first=True if hn or not title else None)
        titles, remote = header.roles, header.remote
        places = [place, *header.locations]
        if all(hn_header.GENERIC_ROLES.search(t) for t in titles):  # "Multiple roles": read the body
            titles = [*titles, *hn_header.roles_in_text(body)]
    elif hn:
        # an older HN comment has no header: its first line is free-form ("Montreal - PHP/MySQL
        # Developer", "GazeHawk is hiring interns and full-timers"), its roles named in its first lines
        lines = body.split("\n", 3)
        opening = "\n".join(lines[:3])
        titles = hn_header.roles_in_text(opening if title in opening else f"{title}\n{opening}")
        titles += hn_header.roles_in_text(lines[3]) if len(lines) > 3 else []

    lowered = body.lower()  # once, for roles and seniority
    is_ml, role, chosen = roles.extract(titles, body, lowered)
    if chosen and titles != [title]:
        chosen = _title_in_body(chosen, body, lowered)
    site_level = _level(record.get("level"))
    level, years = seniority.extract(chosen, site_level, body, lowered)
    title_level = "none" if seniority.two_levels(chosen) else seniority.from_title(chosen)
    return Reading(header_line, body, lowered, site_level, source, is_ml, role, level, years, title_level, places,
                   remote)


def extract_with_text(record: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The facts and the clean description text they were read from (the store keeps both, and
    cleaning is the costliest step, so it is done once)."""
    reading = read(record)
    is_ml, role, level = learned.decide(reading)
    title, body, lowered = _str(record.get("title")), reading.body, reading.lowered
    both = f"{title}\n{body}"
    both_lowered = f"{title.lower()}\n{lowered}"
    return {
        "id": record.get("id"),
        "is_ml": is_ml,
        "role": role,
        "seniority": level,
        "skills": skills.extract(both, both_lowered),
        "salary": salary.extract(record.get("salary"), both, record.get("posted_at")),
        "remote": _remote(reading.remote, reading.places, lowered),
        "country": location.country(" ; ".join(p for p in reading.places if p)),
        "years_experience": reading.years,
    }, body


def _title_in_body(role: str, body: str, lowered: str) -> str:
    """A header's short role name as the body spells it out: "ML Engineer" in the header,
    "Senior ML Engineer (Remote)" in the text, so the seniority marker is found. `lowered` is body.lower()."""
    needle = role.lower()
    if len(lowered) != len(body):  # a character whose lowercase is longer: offsets differ, use a regex
        for found in re.finditer(r"([\w.()/+-]+[ \t]+){0,3}" + re.escape(role), body, re.IGNORECASE):
            if seniority.from_title(found.group(0)):
                return found.group(0)
        return role
    # The same matches as that regex without compiling one per role (~0.7 ms each, the cache mostly
    # missed): each occurrence of the role, with the up to three words written before it.
    end = 0
    while (at := lowered.find(needle, end)) != -1:
        words = _WORDS_BEFORE.search(body, max(end, at - 300), at)
        start = words.start() if words else at
        if seniority.from_title(body[start:at + len(role)]):
            return body[start:at + len(role)]
        end = at + len(role)
    return role


_WORDS_BEFORE = re.compile(r"(?:[\w.()/+-]+[ \t]+){0,3}\Z")


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _level(value: Any) -> str | None:
    """The site's level field as one string: a string, or the first named item of a list or
    object (Himalayas ["Senior"], The Muse [{"name": "Mid Level"}], SmartRecruiters {"label": …})."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, dict):
        for key in ("label", "name", "short_name", "id"):
            if isinstance(value.get(key), str):
                return value[key]
        return None
    if isinstance(value, list):
        for item in value:
            found = _level(item)
            if found:
                return found
    return None


def _remote(header_remote: bool | None, places: list[str], lowered: str) -> bool | None:
    """True when the job can be done remotely: the HN header's flag, the location field, or an
    explicit phrase in the (lowercased) description; False when the location says on-site/hybrid
    only."""
    if header_remote is not None:
        return header_remote
    where = " ".join(places).lower()
    if _REMOTE.search(where) and not _NOT_REMOTE.search(where):
        return True
    if _ONSITE.search(where):
        return False
    for anchor in ("remote", "anywhere"):  # the phrases are rare: look only near these words
        start = 0
        while (at := lowered.find(anchor, start)) != -1:
            start = at + len(anchor)
            if _REMOTE_IN_TEXT.search(lowered, max(0, at - 30), at + 40):
                return True
    return None


@dataclass(frozen=True)
class LineError:
    """A line that could not be extracted: its 1-based number and a short reason code."""

    line: int
    error: str  # a lines.Refused reason (invalid_utf8, binary, too_large, not_json, too_deep, not_object) or failed

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "error": self.error}


@dataclass
class Summary:
    extracted: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        failed = sum(self.errors.values())
        line = f"extracted {self.extracted} postings, {failed} errors"
        if failed:
            line += ": " + ", ".join(f"{reason} {n}" for reason, n in sorted(self.errors.items()))
        return line


def extract_lines(lines: Iterable[bytes | None]) -> Iterator[dict[str, Any] | LineError]:
    """Facts per JSON line, in order, each line checked as every JSON Lines input is (pipeline/lines.py:
    size, UTF-8, NUL bytes, nesting, an object; lone surrogates repaired). `lines` are raw lines (None
    for a line cut for size, see `lines.read_lines`); blank lines are skipped."""
    for number, raw in enumerate(lines, start=1):
        record = checked.parse(raw)
        if record is None:
            continue
        if isinstance(record, checked.Refused):
            yield LineError(number, record.reason)
            continue
        try:
            yield extract(record)
        except Exception:  # noqa: BLE001 — one posting the extractors choke on must not stop the stream; counted
            yield LineError(number, "failed")


def run(stream: Any, write: Any, report: Any) -> Summary:
    """Extract every line of a binary `stream`: each result goes to `write(dict)`, each error to
    `report(dict)`. Returns the counts."""
    summary = Summary()
    for item in extract_lines(line for _, line in checked.read_lines(stream)):
        if isinstance(item, LineError):
            summary.errors[item.error] += 1
            report(item.as_dict())
        else:
            summary.extracted += 1
            write(item)
    return summary


def run_paths(input_path: str, output_path: str, report: Any) -> Summary:
    """`run` from a file (or "-" for stdin) to a file (or "-" for stdout), one JSON object a line;
    `report(dict)` gets each line error. The output file is replaced only once every line is written
    (pipeline/output.py), so a failure leaves it as it was. Raises OSError when a file can't be opened
    or written."""
    with contextlib.ExitStack() as stack:
        source = sys.stdin.buffer if input_path == "-" else stack.enter_context(open(input_path, "rb"))
        sink = sys.stdout if output_path == "-" else stack.enter_context(
            output.replacing(output_path, "w", encoding="utf-8"))
        return run(source, lambda facts: sink.write(json.dumps(facts, ensure_ascii=False) + "\n"), report)
