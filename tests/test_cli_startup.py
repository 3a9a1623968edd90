"""Start-up: `mljobs --help` and `--version` import none of the heavy modules (timings: benchmarks/startup.py)."""

import re
import shutil
import subprocess
import sys

import pytest

HEAVY = ("pandas", "duckdb", "numpy", "pyarrow", "scrapy", "rich", "mljobs.pipeline.extract",
         "mljobs.analysis.render")


def imported(*args: str, code: int = 0) -> set[str]:
    """Every module `python -m mljobs ARGS` imports, as -X importtime lists them."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "mljobs", *args], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == code, done.stderr[-2000:]
    return {m.strip() for m in re.findall(r"^import time:[^|]*\|[^|]*\|(.*)$", done.stderr, re.M)}


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["report", "--help"], ["crawl", "--help"]])
def test_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    modules = imported(*args)
    assert "typer" in modules  # the listing is real
    assert not [m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY]


def test_a_report_imports_neither_the_html_page_nor_the_extractor(tmp_path) -> None:
    modules = imported("--data-dir", str(tmp_path), "report", "roles", code=3)  # no database: exit 3
    assert {"duckdb", "mljobs.analysis.reports"} <= modules
    assert not {"mljobs.analysis.html", "mljobs.analysis.charts", "mljobs.pipeline.extract", "mljobs.pipeline.export",
                "pyarrow.parquet", "scrapy"} & modules


def test_version_is_the_installed_distributions() -> None:
    from importlib import metadata

    done = subprocess.run([sys.executable, "-m", "mljobs", "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, f"mljobs {metadata.version('mljobs')}\n")


def test_a_small_report_on_a_real_database_loads_no_pandas_and_reads_the_parsed_guide_back(
        hn_structured_data, tmp_path) -> None:
    data = tmp_path / "data"
    shutil.copytree(hn_structured_data, data, ignore=shutil.ignore_patterns("cache"))  # other tests' reports fill it
    first = imported("--data-dir", str(data), "report", "roles", "--format", "json")
    # (lazily loaded modules don't show in -X importtime; what they import does)
    assert {"mljobs.pipeline.salary_vocab", "ahocorasick_rs"} <= first  # the guide parsed, through the vocabularies ...
    assert len(list((data / "cache").glob("guide-*.json"))) == 1  # ... and kept
    again = imported("--data-dir", str(data), "report", "roles", "--format", "json")
    assert {"duckdb", "mljobs.analysis.reports"} <= again
    assert not {"pandas", "numpy", "mljobs.pipeline.salary_vocab", "ahocorasick_rs"} & again
