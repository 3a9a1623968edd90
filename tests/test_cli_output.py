"""Output files of `export -o`, `report html --output` and `extract --output`: replaced only on success, and a
target that cannot be written (a missing directory, a directory, a full device) is one line and a non-zero exit."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mljobs.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
POSTINGS = FIXTURES / "extract" / "postings.jsonl"
MLJOBS = Path(sys.executable).parent / "mljobs"
OLD = b"yesterday's export, still wanted\n"


def mljobs(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--data-dir", str(data_dir), *args])


def extract(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(MLJOBS), "extract", *args], input=stdin, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def data(hn_structured_data: Path) -> Path:
    """A data directory holding the 12 real hn-structured rows."""
    return hn_structured_data


def leftovers(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


def unwritable(tmp_path: Path) -> list[tuple[Path, str]]:
    """Targets no output can go to, each with the reason the one-line error gives."""
    targets = [(tmp_path / "no-such-dir" / "out", "No such file or directory"), (tmp_path, "Is a directory")]
    if Path("/dev/full").exists():
        targets.append((Path("/dev/full"), "No space left on device"))
    return targets


def test_a_failed_export_leaves_the_existing_file_its_bytes(tmp_path: Path) -> None:
    target = tmp_path / "postings.jsonl"
    target.write_bytes(OLD)
    result = mljobs(tmp_path / "no-database", "export", "-o", str(target))
    assert result.exit_code == 1 and "no database" in result.stderr
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_report_html_without_a_database_leaves_the_existing_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(OLD)
    result = mljobs(tmp_path / "no-database", "report", "html", "--output", str(target))
    assert result.exit_code != 0 and "no database" in result.stderr
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_successful_export_replaces_the_file(tmp_path: Path, data: Path, fmt: str) -> None:
    target = tmp_path / f"postings.{fmt}"
    target.write_bytes(OLD)
    target.chmod(0o640)
    result = mljobs(data, "export", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert "exported 12 postings" in result.stderr
    if fmt == "jsonl":
        assert len(target.read_text(encoding="utf-8").splitlines()) == 12
    else:
        assert target.read_bytes() != OLD and target.stat().st_size > 0
    assert target.stat().st_mode & 0o777 == 0o640  # the replaced file keeps its permissions
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_to_an_unwritable_target_is_one_line(tmp_path: Path, data: Path, fmt: str) -> None:
    for target, reason in unwritable(tmp_path):
        result = mljobs(data, "export", "--format", fmt, "-o", str(target))
        assert result.exit_code == 1
        assert result.stderr.strip() == f"mljobs: export: cannot write {target}: {reason}"
    assert leftovers(tmp_path) == []


def test_report_html_to_an_unwritable_target_is_one_line(tmp_path: Path, data: Path) -> None:
    for target, reason in unwritable(tmp_path):
        result = mljobs(data, "report", "html", "--output", str(target))
        assert result.exit_code == 1
        assert result.stderr.strip().splitlines()[-1] == f"mljobs: report: cannot write {target}: {reason}"
        assert "Traceback" not in result.stderr
    assert leftovers(tmp_path) == []


def test_report_html_replaces_an_existing_file(tmp_path: Path, data: Path) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(OLD)
    result = mljobs(data, "report", "html", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_extract_to_an_unwritable_target_is_one_line(tmp_path: Path) -> None:
    for target, reason in unwritable(tmp_path):
        done = extract("--input", str(POSTINGS), "--output", str(target))
        assert done.returncode == 2
        assert done.stderr.decode().strip() == f"mljobs: extract: cannot write {target}: {reason}"
    assert leftovers(tmp_path) == []


def test_extract_refuses_the_input_as_its_output_and_leaves_it_as_it_was(tmp_path: Path) -> None:
    postings = tmp_path / "postings.jsonl"
    postings.write_bytes(POSTINGS.read_bytes())
    (tmp_path / "same.jsonl").symlink_to(postings)
    for output in (postings, tmp_path / "same.jsonl", tmp_path / "." / "postings.jsonl"):
        done = extract("--input", str(postings), "--output", str(output))
        assert done.returncode == 2
        assert done.stderr.decode().strip() == (
            f"mljobs: extract: --input and --output are the same file ({output}): it would be overwritten")
        assert postings.read_bytes() == POSTINGS.read_bytes()


def test_a_failed_extract_leaves_the_existing_output_its_bytes(tmp_path: Path) -> None:
    target = tmp_path / "facts.jsonl"
    target.write_bytes(OLD)
    done = extract("--input", str(tmp_path / "missing.jsonl"), "--output", str(target))
    assert done.returncode == 2 and done.stderr.decode().startswith("mljobs: extract: cannot open")
    assert target.read_bytes() == OLD


def test_extract_accepts_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    source = tmp_path / "excel.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + POSTINGS.read_bytes())
    out = tmp_path / "facts.jsonl"
    done = extract("--input", str(source), "--output", str(out))
    assert done.returncode == 0, done.stderr
    plain = extract("--input", str(POSTINGS))
    assert out.read_bytes() == plain.stdout


def test_a_lone_surrogate_is_repaired_not_a_failed_line() -> None:
    line = b'{"id": "x", "title": "\\ud83d ML Engineer", "description": "PyTorch and \\ud83d\\ude80 rockets"}\n'
    done = extract("--input", "-", stdin=line)
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert (facts["id"], facts["is_ml"], facts["role"]) == ("x", True, "machine-learning-engineer")
    assert "PyTorch" in facts["skills"]
    assert done.stderr.decode().strip() == "extracted 1 postings, 0 errors"


@pytest.mark.parametrize(("args", "expected"), [
    (["--ml-only"], lambda r: r["is_ml"]),
    (["--since", "2025-02"], lambda r: r["posted_at"] >= "2025-02-01"),
    (["--since", "2025-02", "--ml-only"], lambda r: r["is_ml"] and r["posted_at"] >= "2025-02-01"),
    (["--source", "hn-structured"], lambda r: True),
])
def test_export_filters_choose_the_rows_the_full_export_holds(data: Path, args: list[str], expected) -> None:
    every = [json.loads(line) for line in mljobs(data, "export").stdout.splitlines()]
    result = mljobs(data, "export", *args)
    assert result.exit_code == 0, result.stderr
    chosen = [json.loads(line) for line in result.stdout.splitlines()]
    assert chosen == [r for r in every if expected(r)]
    assert 0 < len(chosen) and (len(chosen) < len(every) or args[0] == "--source")
    assert f"exported {len(chosen)} postings" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--source", "nowhere"], "mljobs: unknown source 'nowhere': the database holds hn-structured"),
    (["--since", "March"], "mljobs: --since 'March' is not a month: use YYYY-MM, e.g. 2024-03"),
])
def test_export_refuses_an_unknown_source_or_month_in_one_line(data: Path, args: list[str], message: str) -> None:
    result = mljobs(data, "export", *args)
    assert (result.exit_code, result.stderr.strip(), result.stdout) == (2, message, "")
