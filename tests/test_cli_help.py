"""Help text names values the way a user types them (FILE, YYYY-MM, [table|json]), never as Python types."""

import re

import pytest
from typer.testing import CliRunner

from mljobs.cli import app

COMMANDS = ["guide", "extract", "crawl", "load", "rebuild", "import", "export", "report", "demo"]
PYTHON_TYPE = re.compile(r"<(str|int|float|bool|path|list\[[^\]]*\]|[a-z]+\|[a-z|]+)>")


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_help_shows_no_python_types(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], prog_name="mljobs", env={"COLUMNS": "100"})
    assert result.exit_code == 0 and result.stdout.startswith("Usage: mljobs")
    assert not PYTHON_TYPE.findall(result.stdout), result.stdout
    assert "{" not in result.stdout.splitlines()[0]  # usage names arguments plainly: FILE, not {FILE}


def test_help_lists_choices_and_metavars() -> None:
    out = CliRunner().invoke(app, ["report", "--help"], prog_name="mljobs", env={"COLUMNS": "100"}).stdout
    assert "Usage: mljobs report [OPTIONS] NAME" in out
    for shown in ("--format [table|json|csv|markdown]", "--since YYYY-MM", "--country CC", "-o, --output FILE"):
        assert shown in out
    crawl = CliRunner().invoke(app, ["crawl", "--help"], prog_name="mljobs", env={"COLUMNS": "100"}).stdout
    assert "Usage: mljobs crawl [OPTIONS] [SOURCE]..." in crawl and "--board SLUG" in crawl


@pytest.mark.parametrize(("args", "message"), [
    (["report", "--bogus"], "mljobs: No such option: --bogus (see mljobs report --help)"),
    (["frobnicate"], "mljobs: No such command 'frobnicate'. (see mljobs --help)"),
    (["--bogus"], "mljobs: No such option: --bogus (see mljobs --help)"),
    (["import"], "mljobs: Missing argument 'FILE'. (see mljobs import --help)"),
    (["rebuild", "--workers", "many"], "mljobs: Invalid value for '--workers': "),
])
def test_usage_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, args, prog_name="mljobs")
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith(message), result.stderr


def test_no_arguments_still_shows_the_help() -> None:
    result = CliRunner().invoke(app, [], prog_name="mljobs")
    assert "Usage: mljobs [OPTIONS] COMMAND" in result.stdout + result.stderr
