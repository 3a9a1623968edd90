"""A damaged data directory: every command that opens the database says so in one line and exits non-zero."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mljobs.cli import app

REPORTS = ["roles", "skills", "salaries", "trends", "monthly", "weekly", "compare"]


def mljobs(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--data-dir", str(data_dir), *args])


@pytest.fixture(scope="module")
def whole(hn_structured_data: Path) -> Path:
    """A whole data directory: the 12 real hn-structured rows."""
    return hn_structured_data


@pytest.fixture(scope="module")
def truncated(whole: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same directory with its database cut to half its length (a copy that stopped)."""
    data_dir = tmp_path_factory.mktemp("truncated")
    full = (whole / "mljobs.duckdb").read_bytes()
    (data_dir / "mljobs.duckdb").write_bytes(full[: len(full) // 2])
    shutil.copytree(whole / "feeds", data_dir / "feeds")
    return data_dir


@pytest.fixture(scope="module")
def scribbled(whole: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same directory with 5,000 bytes overwritten in every data block but the first (metadata): it opens,
    and queries meet blocks whose checksums do not match."""
    data_dir = tmp_path_factory.mktemp("scribbled")
    damaged = bytearray((whole / "mljobs.duckdb").read_bytes())
    block = 262_144
    for start in range(3 * 4096 + block, len(damaged), block):
        damaged[start + 1000:start + 6000] = b"\xff" * 5000
    (data_dir / "mljobs.duckdb").write_bytes(bytes(damaged))
    return data_dir


def one_line_refusal(result: Result, starts: str) -> None:
    assert result.exit_code == 1, (result.exit_code, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit)  # no exception escaped the command
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"mljobs: {starts}")
    assert result.stdout == ""


@pytest.mark.parametrize("name", REPORTS)
def test_every_report_refuses_a_truncated_database(whole: Path, truncated: Path, name: str) -> None:
    assert mljobs(whole, "report", name, "--format", "json").exit_code == 0  # the whole file reports
    result = mljobs(truncated, "report", name, "--format", "json")
    one_line_refusal(result, f"{truncated / 'mljobs.duckdb'} is truncated")


def test_html_export_and_load_refuse_it_and_leave_it_as_it_was(truncated: Path, tmp_path: Path) -> None:
    database = truncated / "mljobs.duckdb"
    before = database.read_bytes()
    said = f"{database} is truncated"
    one_line_refusal(mljobs(truncated, "report", "html", "--output", str(tmp_path / "r.html")), said)
    one_line_refusal(mljobs(truncated, "export", "--format", "csv"), said)
    one_line_refusal(mljobs(truncated, "load"), said)
    assert database.read_bytes() == before and not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("args", [[name] for name in REPORTS] + [["export"]])
def test_a_damaged_block_met_mid_query_is_one_line(scribbled: Path, args: list[str]) -> None:
    database = scribbled / "mljobs.duckdb"
    command = ["export", "--format", "jsonl"] if args == ["export"] else ["report", *args, "--format", "json"]
    result = mljobs(scribbled, *command)
    one_line_refusal(result, f"cannot read {database}: Corrupt database file")
    assert result.stderr.strip().endswith("(the file is damaged: restore it from a copy)")
