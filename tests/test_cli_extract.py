"""`mljobs extract` run as a user runs it: real postings plus bad lines, through the installed command."""

import json
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "extract" / "postings.jsonl"
MLJOBS = Path(sys.executable).parent / "mljobs"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(MLJOBS), "extract", *args], input=stdin, capture_output=True, timeout=120)


def test_extract_file_to_file(tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    done = run("--input", str(FIXTURE), "--output", str(out))
    assert done.returncode == 0, done.stderr
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = [json.loads(line)["id"] for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    assert [f["id"] for f in facts] == ids
    by_id = {f["id"]: f for f in facts}
    research = next(i for i in ids if i.startswith("ashby-cursor-") and by_id[i]["role"] == "ai-research-scientist")
    assert by_id[research]["is_ml"] is True
    assert sum(f["is_ml"] for f in facts) == 3  # ML Research, Research Scientist, ML Infrastructure
    assert done.stdout == b""
    assert done.stderr.decode().strip() == f"extracted {len(ids)} postings, 0 errors"


def test_bad_lines_are_counted_and_the_rest_processed(tmp_path: Path) -> None:
    good = FIXTURE.read_bytes().splitlines()
    big = json.dumps({"id": "big", "description": "x" * (10 * 1024 * 1024 + 10)}).encode()
    payload = b"\n".join([good[0], b"not json at all", big, b"\x89PNG\x1a\x00\xff\xd8", b'"a string"', good[1]])
    done = run("--input", "-", stdin=payload + b"\n")
    assert done.returncode == 1
    facts = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [f["id"] for f in facts] == [json.loads(good[0])["id"], json.loads(good[1])["id"]]
    errors = done.stderr.decode().splitlines()
    reported = [json.loads(line) for line in errors[:-1]]
    assert [r["error"] for r in reported] == ["not_json", "too_large", "invalid_utf8", "not_object"]
    assert [r["line"] for r in reported] == [2, 3, 4, 5]
    assert errors[-1] == "extracted 2 postings, 4 errors: invalid_utf8 1, not_json 1, not_object 1, too_large 1"


def test_missing_input_file_is_one_clear_line(tmp_path: Path) -> None:
    done = run("--input", str(tmp_path / "nope.jsonl"))
    assert done.returncode == 2
    assert done.stderr.decode().strip().startswith("mljobs: extract: cannot open")
    assert "Traceback" not in done.stderr.decode()
