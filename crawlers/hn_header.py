"""The first line of a Hacker News "Who is hiring?" comment, e.g.
`Acme | ML Engineer, Backend Engineer | Remote (US) | $150k-$200k | https://acme.com`:
pipe-separated segments naming the company, the roles, locations, flags and pay, in any order."""

import re
from dataclasses import dataclass, field

_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(com|io|ai|co|org|net|dev|app|tech|xyz|so|sh)\b", re.I)
_PAY = re.compile(r"[$€£¥₹]|\b\d+(\.\d+)?\s*k\b|\b\d{2,3},\d{3}\b|\b(usd|eur|gbp|salary|equity)\b", re.I)
_FLAGS = re.compile(
    r"\b(remote|onsite|on-site|on site|in-office|in office|hybrid|visa|intern(ship)?s?|full[- ]?time|part[- ]?time|"
    r"contract(or)?|freelance|permanent|relocation|sponsorship)\b",
    re.I,
)
_ROLE = re.compile(
    r"\b(engineers?|engineering|scientists?|developers?|devs?|researchers?|designers?|managers?|analysts?|"
    r"architects?|leads?|head of|director|vp|cto|ceo|swe|sde|mle|mleng|eng|mlops|sre|devops|roles|programmers?|"
    r"hackers?|founding|"
    r"generalists?|specialists?|consultants?|administrators?|product|marketing|sales|"
    r"recruiters?|writers?|interns?|phd|postdoc|(multiple|many|several|various|all|open) (roles|positions)|"
    # Portuguese and Spanish job nouns (LinkedIn titles: "Cientista de Dados Sênior | Data & AI")
    r"cientistas?|cient[ií]fic[oa]s?|engenheir[oa]s?|ingenier[oa]s?|desenvolvedor(es|as?)?|desarrollador(es|as?)?)\b",
    re.I,
)
_NOT_REMOTE = re.compile(r"\b(no|not)\s+remote\b", re.I)
_REMOTE = re.compile(r"\bremote\b", re.I)
_ONSITE = re.compile(r"\b(onsite|on-site|on site|in-office|in office|hybrid)\b", re.I)
# A role list is split at commas, semicolons, " & ", " and ", " + " and " / " outside parentheses,
# when each piece names a role.
_ROLE_SPLIT = re.compile(r"(\s*(?:,|;|\s&\s|\sand\s|\s\+\s|\s/\s)\s*)", re.I)


# A field named as one item of a list of jobs ("Engineer, Designer, ML"): a job in that field (but in
# "Senior Backend, ML, AI Research Engineers" the items share the last noun and the first qualifier).
_FIELD = re.compile(r"(ml|ai|nlp|machine learning|data science|computer vision|mlops)", re.I)


@dataclass
class Header:
    company: str | None = None
    roles: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    remote: bool | None = None
    pay: str | None = None


# A header role that names no particular job ("Multiple roles", "several full-time roles:",
# "Engineering"): the body says which jobs.
GENERIC_ROLES = re.compile(r"\b(roles|positions|openings)\b|^\W*(engineering|engineers|developers|hiring)\W*$", re.I)


def looks_like_header(title: str) -> bool:
    """A pipe-separated line with at least two segments (a plain job title has none)."""
    return title.count("|") >= 1 and len([s for s in title.split("|") if s.strip()]) >= 2


def _split_roles(segment: str) -> list[str]:
    """"ML Engineer, Backend Engineer" → two roles; "Software Engineer, ML Infra" stays one."""
    roles: list[str] = []
    parts = _ROLE_SPLIT.split(segment)  # pieces at even indexes, separators at odd ones
    depth = 0
    for index in range(0, len(parts), 2):
        piece = parts[index]
        separator = parts[index - 1] if index else ""
        field_job = bool(roles and _FIELD.fullmatch(piece) and _ROLE.search(roles[-1]))
        if roles and (depth > 0 or not piece or not (_ROLE.search(piece) or field_job)):
            roles[-1] = f"{roles[-1]}{separator}{piece}"
        else:
            roles.append(piece)
        depth += piece.count("(") - piece.count(")")
    return [role.strip() for role in roles if role.strip()]


def parse(line: str, company_first: bool | None = None) -> Header:
    """Company, roles, locations, remote flag and pay text of an HN header line. HN convention
    puts the company first (company_first=True for HN posts); left None, a first segment that
    names a role is the company only when a later segment names a role too."""
    header = Header()
    segments = [s.strip() for s in line.split("|") if s.strip()]
    if not segments:
        return header
    if company_first is None:
        company_first = not _looks_like_role(segments[0]) or any(_looks_like_role(s) for s in segments[1:])
    for index, segment in enumerate(segments):
        without_flags = _FLAGS.sub("", segment).strip(" ()/,&-–")
        if index == 0 and company_first:
            header.company = segment
            continue
        if _URL.search(segment) and not _ROLE.search(_URL.sub("", segment)):
            continue
        if _PAY.search(segment) and not _ROLE.search(segment):
            header.pay = segment if header.pay is None else f"{header.pay} | {segment}"
            continue
        if _REMOTE.search(segment) and not _NOT_REMOTE.search(segment):
            header.remote = True
        elif _ONSITE.search(segment) and header.remote is None:
            header.remote = False
        if _looks_like_role(segment):
            header.roles.extend(_split_roles(segment))
        elif without_flags:
            header.locations.append(segment)
    return header


def _looks_like_role(segment: str) -> bool:
    """A role segment names a job noun; a flags-only segment ("REMOTE", "Full-time") does not."""
    return bool(_ROLE.search(_FLAGS.sub("", segment)))


# A job title written out in the comment body: up to four words before the job noun
# ("A Senior ML Engineer to build…", "- Machine Learning Engineering Manager"), and a capitalised
# specialism after a dash that ends the line ("Staff Software Engineer - Search, Ranking, & Recommendations").
_BODY_ROLE = re.compile(
    r"(?:(?:[A-Za-z][\w.+/()-]*|/|&)[ \t]+){0,4}?(?:[A-Za-z][\w.+/()-]*[ \t]+)"
    r"(?:engineers?|engineering manager|scientists?|researchers?|developers?|folks|experts|hackers)\b"
    # ...unless the rest of the line names another job: then the dash separates a list of jobs
    # ("iOS Software Engineer - Android Engineer - Data Scientist")
    r"(?:[ \t]+[-–—][ \t]+(?![^\n]*?\b(?:engineer|scientist|researcher|developer)s?\b)"
    r"(?-i:[A-Z])[\w&,/+ \t-]{0,60}?(?=[ \t]*(?:\n|$)))?",
    re.I,
)
_LEADING = re.compile(r"^(?:(?:a|an|the|and|or|for|hiring|seeking|looking|we|are|is|our|one|two|several)\s+)+", re.I)


# Where _BODY_ROLE's job noun can start: after a space or tab, as the pattern has it.
_NOUN = re.compile(r"(?<=[ \t])(?:engineer|scientist|researcher|developer|folks|experts|hackers)", re.I)
_CHUNK = re.compile(r"[^ \t]+")
_REACH = 6  # a match holds at most five words before its noun, so it starts within the six chunks before it


def roles_in_text(body: str) -> list[str]:
    """Job titles named in an HN comment's body, in order (for headers that say "Multiple roles"
    or name no role). The pattern, tried at every position of a whole post, cost ~1 ms a post; a
    match ends on a job noun a few words after its start and never crosses a line, so each search
    starts a few words before the next noun instead (the same matches, as finditer would give them)."""
    found = []
    for line in body.split("\n"):
        at = 0
        while noun := _NOUN.search(line, at):
            chunks = [m.start() for m in _CHUNK.finditer(line, max(at, noun.start() - 1000), noun.start())]
            start = max(at, chunks[-_REACH] if len(chunks) >= _REACH else max(at, noun.start() - 1000))
            match = _BODY_ROLE.search(line, start)
            if match is None:
                break
            found.append(_LEADING.sub("", match.group(0)).strip())
            at = match.end()
        found += _fields_hired(line)
    return found


# Jobs named by their field in a list: "data engineering, data science, and machine learning roles",
# "we're hiring in data science and design". Each field becomes a title ("data science").
_FIELDS_BEFORE = re.compile(r"([^.:;!?()\n]{1,120}?)\s+(?:roles|positions|openings)\b", re.I)
_FIELDS_AFTER = re.compile(r"\bhiring\s+(?:in|for|across)\s+([^.:;!?()\n]{1,120})", re.I)
_FIELD_SPLIT = re.compile(r"\s*(?:,|;|/|&|\band\b|\bor\b)\s*", re.I)
_FIELD_WORDS = re.compile(r"^[A-Za-z][\w+-]*(?:\s+[A-Za-z][\w+-]*){0,2}$")
# words of a sentence, not of a field's name ("to that end, … the exact positions", "for another month")
_NOT_FIELD = re.compile(r"\b(?:a|an|the|to|that|this|we|our|you|of|for|in|is|are|be|all|open|new|other|another|"
                        r"some|many|several|various|exact|few|two|three|month|year|now|currently)\b", re.I)


def _fields_hired(line: str) -> list[str]:
    if "roles" not in line and "positions" not in line and "openings" not in line and "hiring" not in line:
        return []  # most lines: no regex at all
    fields = []
    for pattern, step in ((_FIELDS_BEFORE, -1), (_FIELDS_AFTER, 1)):
        for match in pattern.finditer(line):
            # the list runs back from "roles" (forward from "hiring in") while its pieces name fields
            pieces = [p.strip(" -*•") for p in _FIELD_SPLIT.split(match.group(1))][::step]
            named = []
            for piece in filter(None, pieces):
                if not _FIELD_WORDS.match(piece) or _NOT_FIELD.search(piece):
                    break
                named.append(piece)
            fields += named[::step]
    return fields
