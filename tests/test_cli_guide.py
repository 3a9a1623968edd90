"""`mljobs guide` and the global options, run as a user runs them."""

import json
import os
import subprocess
import sys
from pathlib import Path

from mljobs.guide import baseline

MLJOBS = [sys.executable, "-m", "mljobs"]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*MLJOBS, *args], capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=60)


def test_guide_json_has_six_roles_and_three_bands():
    result = run("guide", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["roles"]) == 6
    assert all(role["skills"] for role in data["roles"])
    assert [(b["level"], b["min"], b["max"]) for b in data["salary_bands"]] == [
        ("entry", 90000, 120000), ("mid", 120000, 150000), ("senior", 150000, 250000)]
    assert data["salary_bands"][2]["open_upper"] is True


def test_guide_table_is_readable():
    result = run("guide")
    assert result.returncode == 0
    assert "machine-learning-engineer" in result.stdout
    assert "150,000" in result.stdout and "250,000+" in result.stdout


def test_another_guide_file(tmp_path):
    text = (Path(baseline.__file__).parent / baseline.DEFAULT_GUIDE).read_text(encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(text.replace("$90,000 – $120,000", "$80,000 – $110,000"), encoding="utf-8")
    data = json.loads(run("guide", "--format", "json", "--guide", str(other)).stdout)
    assert (data["salary_bands"][0]["min"], data["salary_bands"][0]["max"]) == (80000, 110000)


def test_unparseable_guide_is_one_clear_error(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("Just some prose about careers.\n", encoding="utf-8")
    result = run("guide", "--guide", str(broken))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("mljobs: guide section")
    assert "Traceback" not in result.stderr


def test_bad_format_is_rejected():
    result = run("guide", "--format", "xml")
    assert result.returncode == 2 and "unknown format" in result.stderr


def test_help_lists_commands():
    result = run("--help")
    assert result.returncode == 0 and "guide" in result.stdout
