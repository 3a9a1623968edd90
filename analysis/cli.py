"""The `mljobs` command line: each command parses options, calls one library function, renders."""

from pathlib import Path
from typing import Annotated

import typer

from analysis import render
from guide import baseline
from pipeline import paths

app = typer.Typer(
    help="What the machine-learning job market really asks for, beside a career guide's claims.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class State:
    data_dir: Path | None = None
    data_dir_option: str | None = None


state = State()


def data_dir() -> Path:
    """The data directory, created on first use (only commands that need it call this)."""
    if state.data_dir is None:
        state.data_dir = paths.data_dir(state.data_dir_option)
    return state.data_dir


def fail(message: str, code: int = 1) -> None:
    """One clear line on stderr and a non-zero exit."""
    typer.echo(f"mljobs: {message}", err=True)
    raise typer.Exit(code)


@app.callback()
def main(
    data_dir_option: Annotated[
        str | None,
        typer.Option("--data-dir", envvar="MLJOBS_DATA_DIR", help="Where the DuckDB file and raw feeds live."),
    ] = None,
) -> None:
    state.data_dir_option = data_dir_option
    state.data_dir = None


@app.command("guide")
def guide_command(
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    guide_file: Annotated[Path | None, typer.Option("--guide", help="Another guide in the same style.")] = None,
) -> None:
    """The career guide parsed into a baseline: roles, skills, salary bands, industries, trends.

    Example: mljobs guide --format json
    """
    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}: use table or json", 2)
    try:
        parsed = baseline.load(guide_file)
    except baseline.GuideError as error:
        fail(str(error))
    render.guide(parsed, fmt)
