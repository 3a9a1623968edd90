"""Small field readers for the spiders' declarative field maps: a dotted path, or one of these callables.

They only reach into the source's JSON and reformat timestamps to ISO 8601; meaning (salary, seniority,
remote policy) is pipeline/'s business.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

Job = dict[str, Any]
Reader = Callable[[Job], Any]


def get(job: Any, path: str) -> Any:
    """job["a"]["b"] for "a.b"; None as soon as a step is missing."""
    value = job
    for step in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value


def read(job: Job, spec: str | Reader | None) -> Any:
    if spec is None:
        return None
    return spec(job) if callable(spec) else get(job, spec)


def pick(*keys: str) -> Reader:
    """The source's own fields under their own names, e.g. {"salary_min": 0, "salary_max": 0}; None if none."""

    def reader(job: Job) -> dict[str, Any] | None:
        found = {key: job[key] for key in keys if job.get(key) is not None}
        return found or None

    return reader


def epoch(path: str, unit: float = 1.0) -> Reader:
    """An epoch number (unit=1000 for milliseconds) as ISO 8601 UTC."""

    def reader(job: Job) -> str | None:
        value = get(job, path)
        try:
            return datetime.fromtimestamp(float(value) / unit, UTC).isoformat(timespec="seconds")
        except (TypeError, ValueError, OverflowError, OSError):
            return None

    return reader


def names(path: str, key: str = "name") -> Reader:
    """A list of {"name": ...} objects (or plain strings) joined with "; "."""

    def reader(job: Job) -> str | None:
        values = get(job, path) or []
        if not isinstance(values, list):
            values = [values]
        parts = [str(v.get(key) if isinstance(v, dict) else v) for v in values]
        return "; ".join(p for p in parts if p and p != "None") or None

    return reader


def equals(path: str, *truthy: str, falsy: tuple[str, ...] = ()) -> Reader:
    """True/False when the field says one of the listed values, else None (the source did not say)."""

    def reader(job: Job) -> bool | None:
        value = get(job, path)
        if value in truthy:
            return True
        return False if value in falsy else None

    return reader


def const(value: Any) -> Reader:
    return lambda job: value


def text(path: str) -> Reader:
    """A number or string id as a string."""

    def reader(job: Job) -> str | None:
        value = get(job, path)
        return None if value is None else str(value)

    return reader
