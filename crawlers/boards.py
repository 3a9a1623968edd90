"""Which boards an ATS spider lists: `-a boards=a,b`, else a user's boards file, else pipeline/vocab/boards.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

from mljobs.pipeline import vocab


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
    table = from_file(boards_file) if boards_file else {
        name: list(entry.get("boards", [])) for name, entry in vocab.load("boards").items()
    }
    return table.get(source, [])
