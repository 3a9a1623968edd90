"""Which boards an ATS spider lists: `-a boards=a,b`, else a user's boards file, else crawlers/sources.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

from mljobs.crawlers import sources


class BoardsFileError(ValueError):
    pass


def from_file(path: str | Path) -> dict[str, list[str]]:
    try:
        parsed = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise BoardsFileError(f"boards file {path}: {error}") from error
    return {source: list(table.get("boards", [])) for source, table in parsed.items() if isinstance(table, dict)}


def boards_for(source: str, argument: str | None = None, boards_file: str | None = None) -> list[str]:
    if argument:
        return [slug.strip() for slug in argument.split(",") if slug.strip()]
    if boards_file:
        return from_file(boards_file).get(source, [])
    declared = sources.get(source)
    return list(declared.boards) if declared else []
