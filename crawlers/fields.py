"""Small field readers for the spiders' field maps (sources.toml's [source.fields]): a dotted path, or one of
these callables.

They only reach into the source's JSON and reformat timestamps to ISO 8601; meaning (salary, seniority,
remote policy) is pipeline/'s business.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Code:
    """A field read by a function of the source's spider module (crawlers/spiders/<source>.py)."""

    function: str


Spec = str | Reader | Code


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


# Each reader's options and their checks; its own value must be a non-empty path unless `_ARGUMENT` says.
_OPTIONS: dict[str, dict[str, Callable[[Any], bool]]] = {
    "text": {}, "pick": {}, "const": {}, "code": {},
    "epoch": {"unit": lambda v: isinstance(v, int | float) and not isinstance(v, bool) and v > 0},
    "names": {"key": lambda v: isinstance(v, str)},
    "equals": {"truthy": _strings, "falsy": _strings},
}
_ARGUMENT: dict[str, Callable[[Any], bool]] = {"pick": _strings, "const": lambda v: True}


def declared(source: str, field: str, value: Any) -> Spec:
    """One [source.fields] entry of sources.toml as a reader: a dotted path, or an inline table naming one
    reader ({ epoch = "createdAt", unit = 1000 }); a ValueError naming the source and field otherwise."""
    where = f"sources.toml [{source}.fields] {field}"
    if isinstance(value, str) and value:
        return value
    kinds = [key for key in value if key in _OPTIONS] if isinstance(value, dict) else []
    if len(kinds) != 1:
        raise ValueError(f"{where}: give a dotted path or a table naming one reader of {', '.join(_OPTIONS)}, "
                         f"not {value!r}")
    (kind,) = kinds
    argument, options = value[kind], {k: v for k, v in value.items() if k != kind}
    checks = _OPTIONS[kind]
    for option, given in options.items():
        if option not in checks:
            raise ValueError(f"{where}: {kind} takes no option {option!r} (it takes {', '.join(checks) or 'none'})")
        if not checks[option](given):
            raise ValueError(f"{where}: {kind}'s {option} = {given!r} is not what it takes")
    if not _ARGUMENT.get(kind, lambda v: isinstance(v, str) and v != "")(argument):
        raise ValueError(f"{where}: {kind} = {argument!r} is not what it takes")
    if kind == "code":
        return Code(argument)
    if kind == "pick":
        return pick(*argument)
    if kind == "equals":
        return equals(argument, *options.get("truthy", ()), falsy=tuple(options.get("falsy", ())))
    return {"text": text, "epoch": epoch, "names": names, "const": const}[kind](argument, **options)
