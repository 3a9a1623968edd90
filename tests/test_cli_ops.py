"""What operators reach for: `mljobs sources` (what crawl knows) and `mljobs runs` (what it did)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mljobs.cli import app

SAMPLE = Path(__file__).parent / "fixtures" / "import" / "hn_structured_sample.jsonl"
BOARDS = Path(__file__).parent / "fixtures" / "boards.toml"


def mljobs(*args: str, data_dir: Path | None = None) -> Result:
    prefix = ["--data-dir", str(data_dir)] if data_dir else []
    return CliRunner().invoke(app, [*prefix, *args], prog_name="mljobs", env={"COLUMNS": "120"})


def test_sources_lists_every_spider_with_its_boards_and_api_root() -> None:
    result = mljobs("sources", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {row["source"]: row for row in json.loads(result.stdout)["rows"]}
    assert {"greenhouse", "lever", "ashby", "hn", "jsonld"} <= set(rows)
    assert rows["greenhouse"]["base_urls"] == {"GREENHOUSE_BASE_URL": "https://boards-api.greenhouse.io"}
    assert rows["greenhouse"]["default"] and not rows["jsonld"]["default"]  # jsonld needs to be told what to read
    assert "anthropic" in rows["greenhouse"]["boards"] and rows["remoteok"]["boards"] == []
    table = mljobs("sources").stdout
    assert table.startswith("Sources") and "https://api.lever.co" in table


def test_sources_shows_what_settings_override() -> None:
    result = mljobs("sources", "--format", "json", "-s", "GREENHOUSE_BASE_URL=http://127.0.0.1:8000",
                    "-s", f"MLJOBS_BOARDS_FILE={BOARDS}")
    rows = {row["source"]: row for row in json.loads(result.stdout)["rows"]}
    assert rows["greenhouse"]["base_urls"] == {"GREENHOUSE_BASE_URL": "http://127.0.0.1:8000"}
    saved = (BOARDS.read_text(encoding="utf-8"))
    assert all(board in saved for board in rows["greenhouse"]["boards"])
    bad = mljobs("sources", "-s", "NOEQUALS")
    assert (bad.exit_code, bad.stderr.strip()) == (2, "mljobs: setting 'NOEQUALS' is not KEY=VALUE")


def test_runs_lists_each_recorded_run_newest_first(tmp_path: Path) -> None:
    for _ in range(2):
        assert mljobs("import", str(SAMPLE), "--format", "hn-structured", data_dir=tmp_path).exit_code == 0
    result = mljobs("runs", "--format", "json", data_dir=tmp_path)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert len(rows) == 2 and rows[0]["started_at"] >= rows[1]["started_at"]
    assert {(r["source"], r["postings"], r["status"]) for r in rows} == {("hn-structured", 12, "finished")}
    assert len(json.loads(mljobs("runs", "--format", "json", "--limit", "1", data_dir=tmp_path).stdout)["rows"]) == 1
    table = mljobs("runs", data_dir=tmp_path)
    assert table.stdout.startswith("Crawl runs") and "hn-structured" in table.stdout and not table.stderr


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_runs_in_other_formats(tmp_path: Path, fmt: str) -> None:
    assert mljobs("import", str(SAMPLE), "--format", "hn-structured", data_dir=tmp_path).exit_code == 0
    out = mljobs("runs", "--format", fmt, data_dir=tmp_path).stdout
    assert ("run_id,source," in out) if fmt == "csv" else out.startswith("## Crawl runs\n")


def test_runs_without_a_database_is_exit_3(tmp_path: Path) -> None:
    result = mljobs("runs", data_dir=tmp_path)
    assert result.exit_code == 3 and result.stderr.startswith("mljobs: no database at")


def test_quiet_leaves_progress_and_summaries_out_but_not_errors(tmp_path: Path) -> None:
    loud = mljobs("import", str(SAMPLE), "--format", "hn-structured", data_dir=tmp_path / "loud")
    assert "read 12 postings" in loud.stderr and "loaded 12 postings" in loud.stderr
    quiet = mljobs("--quiet", "import", str(SAMPLE), "--format", "hn-structured", data_dir=tmp_path / "quiet")
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    assert mljobs("-q", "export", data_dir=tmp_path / "quiet").stdout.count("\n") == 12  # data still on stdout
    missing = mljobs("-q", "import", str(tmp_path / "nope.jsonl"), "--format", "jsonl", data_dir=tmp_path)
    assert (missing.exit_code, missing.stderr.strip()) == (2, f"mljobs: no such file: {tmp_path / 'nope.jsonl'}")


def test_crawl_progress_off_a_terminal_is_a_line_every_few_seconds(capsys: pytest.CaptureFixture[str]) -> None:
    from mljobs.analysis.crawl_view import LiveProgress

    now = [0.0]
    sources = {"greenhouse": {"status": "running", "pages": 3, "postings": 1200, "errors": 1},
               "lever": {"status": "finished", "pages": 2, "postings": 34, "errors": 0}}
    with LiveProgress(every=5, clock=lambda: now[0]) as live:  # pytest's stderr is no terminal
        for second in range(0, 23):
            now[0] = float(second)
            live.update(sources)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 4  # at 5, 10, 15 and 20 s
    assert lines[0] == ("crawling: 1,234 postings, 5 pages, 1 errors; greenhouse 1,200 (running), "
                        "lever 34 (finished)")
    with LiveProgress(quiet=True, every=0, clock=lambda: now[0]) as live:
        live.update(sources)
    assert capsys.readouterr().err == ""


def test_report_changes_by_run_and_since_the_last_run(tmp_path: Path) -> None:
    from mljobs.pipeline import load
    from store_feeds import real_postings, write_feed

    first = real_postings()
    run = {"status": "finished", "sources": {"lever": {"pages": 1, "postings": 5, "errors": 0,
                                                        "status": "finished", "boards_complete": ["mamamoney"]}}}
    write_feed(tmp_path, "run-1", first, {**run, "started_at": "2026-11-20T09:59:00+00:00",
                                          "finished_at": "2026-11-20T10:05:00+00:00"})
    load.load_feeds(tmp_path)
    lever = [p for p in first if p["source"] == "lever"]
    gone, changed = lever[0], lever[1]
    second = [dict(p, fetched_at="2026-11-27T10:00:00+00:00", run_id="run-2") for p in first if p is not gone]
    for p in second:
        if p["native_id"] == changed["native_id"]:
            p["title"] += " (Remote)"
    second.append(dict(lever[2], native_id="brand-new", fetched_at="2026-11-27T10:00:00+00:00", run_id="run-2"))
    write_feed(tmp_path, "run-2", second, {**run, "started_at": "2026-11-27T09:59:00+00:00",
                                           "finished_at": "2026-11-27T10:05:00+00:00"})
    load.load_feeds(tmp_path)

    by_run = json.loads(mljobs("report", "changes", "--format", "json", data_dir=tmp_path).stdout)["rows"]
    assert [(r["run_id"], r["new"], r["changed"], r["closed"]) for r in by_run] == [
        ("run-2", 1, 1, 1), ("run-1", len(first), 0, 0)]
    since = mljobs("report", "changes", "--since-last", "--format", "json", data_dir=tmp_path)
    assert since.exit_code == 0, since.stderr
    body = json.loads(since.stdout)
    assert body["title"] == "Changes since the last run began (2026-11-27 09:59 UTC)"
    assert sorted((r["change"], r["native_id"]) for r in body["rows"]) == sorted(
        [("new", "brand-new"), ("changed", changed["native_id"]), ("closed", gone["native_id"])])
    assert mljobs("report", "roles", "--since-last", data_dir=tmp_path).exit_code == 2
