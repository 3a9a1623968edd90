"""A data directory that cannot be written (a full disk, a read-only file system): one line and exit 1, no
traceback, no half-written feed left for a later load. Needs root to mount small tmpfs file systems (CI is)."""

import lzma
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mljobs.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "import"
DEMO_DATA = Path(__file__).parent.parent / "analysis" / "demo_data"
SAMPLE = (str(FIXTURES / "hn_structured_sample.jsonl"), "--format", "hn-structured")


def mljobs(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--data-dir", str(data_dir), *args])


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[callable]:
    """disk(size, read_only=False): a fresh tmpfs of that size, unmounted after the test."""
    mounted: list[Path] = []

    def mount(size: str, read_only: bool = False) -> Path:
        point = tmp_path / f"disk{len(mounted)}"
        point.mkdir()
        options = f"size={size}" + (",ro" if read_only else "")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("mounting a small tmpfs needs root")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


@pytest.fixture(scope="module")
def hn_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10,242 real hn-structured rows (the demo's), 2.2 MB of JSON Lines."""
    path = tmp_path_factory.mktemp("hn") / "hn.jsonl"
    path.write_bytes(lzma.decompress((DEMO_DATA / "hn_whoishiring_2022_2025.jsonl.xz").read_bytes()))
    return path


def one_line(result: Result, starts: str, says: str) -> None:
    assert result.exit_code == 1, (result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit)  # no exception escaped
    said = result.stderr.strip().splitlines()
    errors = [line for line in said if line.startswith("mljobs: ")]  # the rest is progress before the failure
    assert errors == said[-1:] and errors[0].startswith(starts), result.stderr
    assert says in errors[0] and "rollback" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_disk_full_while_writing_the_feed(disk, hn_rows: Path) -> None:
    data = disk("1m") / "data"
    result = mljobs(data, "import", str(hn_rows), "--format", "hn-structured")
    one_line(result, f"mljobs: cannot write to {data}: ", "No space left on device")
    assert list((data / "feeds").iterdir()) == []  # no half feed for a later load to take as a live crawl


@pytest.mark.slow
def test_a_disk_full_during_the_load(disk, hn_rows: Path) -> None:
    data = disk("7m") / "data"  # the feed fits, the database does not
    result = mljobs(data, "import", str(hn_rows), "--format", "hn-structured")
    one_line(result, f"mljobs: cannot write to {data}: ", "No space left on device")


@pytest.mark.slow
def test_a_read_only_data_directory(disk) -> None:
    read_only = disk("1m", read_only=True)
    result = mljobs(read_only / "data", "import", *SAMPLE)
    one_line(result, f"mljobs: cannot use {read_only / 'data'} as the data directory: ", "Read-only file system")
    writable = disk("20m")
    assert mljobs(writable, "import", *SAMPLE).exit_code == 0
    subprocess.run(["mount", "-o", "remount,ro", str(writable)], check=True)
    again = mljobs(writable, "import", *SAMPLE)
    one_line(again, f"mljobs: cannot write to {writable}: ", "Read-only file system")
    assert mljobs(writable, "report", "roles", "--format", "json").exit_code == 0  # reading still works
