"""One JSON line of postings, checked the same way wherever it comes in (`mljobs import --format jsonl`, and
`mljobs extract` when it calls this): each line is a posting or one short reason, never an exception.

    for number, line in read_lines(stream):
        record = parse(line)              # dict | Refused | None (a blank line)
        problem = wrong_type(record)      # None | "wrong_type:title" ...

Reasons, as `mljobs extract` reports them: too_large (over MAX_LINE_BYTES), invalid_utf8, binary (a NUL byte),
not_json, too_deep (nesting past MAX_DEPTH), not_object, wrong_type:<key> (a text key given as an object, a list
or a boolean: refused, never stored as its Python repr). A lone surrogate ("\\ud83d" escaped alone, half of an
emoji cut by some exporter) is repaired to U+FFFD, not refused; a UTF-8 byte order mark before the first line
is dropped.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

MAX_LINE_BYTES = 10 * 1024 * 1024  # a posting is a few KB; a 10 MB line is junk, not a posting
MAX_DEPTH = 64  # a posting nests a salary object in a few levels; thousands of brackets are an attack or junk
UTF8_BOM = b"\xef\xbb\xbf"
TEXT_KEYS = ("title", "company", "location", "description", "level", "source", "url", "posted_at")
ID_TYPES = (str, int)  # ids are strings; whole numbers are read as their digits
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


@dataclass(frozen=True)
class Refused:
    """Why a line is no posting: a short reason code (see the module doc)."""

    reason: str


def read_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(1-based number, raw line) of a binary stream, each read with at most `limit` + 1 bytes in memory; a
    longer line is skipped to its end and given as None. A BOM before the first line is dropped."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if number == 0:
            line = line.removeprefix(UTF8_BOM)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def parse(raw: bytes | None) -> dict[str, Any] | Refused | None:
    """The line's JSON object; None for a blank line; Refused with the reason otherwise."""
    if raw is None or len(raw) > MAX_LINE_BYTES:
        return Refused("too_large")
    if not raw.strip():
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Refused("invalid_utf8")
    if "\x00" in decoded:
        return Refused("binary")
    if _too_deep(raw):
        return Refused("too_deep")
    try:
        record = json.loads(decoded)
    except (ValueError, RecursionError):
        return Refused("not_json")
    if not isinstance(record, dict):
        return Refused("not_object")
    if _SURROGATE_ESCAPE.search(decoded):  # only a \uD800–\uDFFF escape can give one: the bytes were valid UTF-8
        record = repaired(record)
    return record


def wrong_type(record: dict[str, Any]) -> str | None:
    """'wrong_type:<key>' for the first key whose value a posting cannot have, else None: text keys hold a
    string (or a number, read as its digits), `id` a string or a whole number, `remote` a boolean, `salary`
    a string or an object."""
    for key in TEXT_KEYS:
        value = record.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int | float)):
            return f"wrong_type:{key}"
    ident = record.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, ID_TYPES)):
        return "wrong_type:id"
    if record.get("remote") is not None and not isinstance(record["remote"], bool):
        return "wrong_type:remote"
    salary = record.get("salary")
    if salary is not None and not isinstance(salary, str | dict):
        return "wrong_type:salary"
    return None


def repaired(value: Any) -> Any:
    """The JSON value with each lone surrogate replaced by U+FFFD (such a str cannot be written as UTF-8)."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {repaired(key): repaired(item) for key, item in value.items()}
    if isinstance(value, list):
        return [repaired(item) for item in value]
    return value


def _too_deep(raw: bytes) -> bool:
    """Nesting past MAX_DEPTH, counted on the bytes outside strings; walked only when the line has more
    brackets than that at all."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return False
    depth, in_string, escaped = 0, False, False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False
