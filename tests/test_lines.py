"""pipeline/lines.py: one JSON line of postings checked the same way by import and extract."""

import io
import json
from pathlib import Path

import pytest
from mljobs.pipeline import lines
from mljobs.pipeline.lines import Refused
from typer.testing import CliRunner

from mljobs.cli import app

GOOD = {"id": "1", "title": "ML Engineer", "company": "Acme", "description": "PyTorch."}


@pytest.mark.parametrize(("raw", "expected"), [
    (json.dumps(GOOD).encode(), GOOD),
    (b"   \n", None),
    (None, Refused("too_large")),
    (b"\xff\xfe{}", Refused("invalid_utf8")),
    (b'{"title": "a\x00b"}', Refused("binary")),
    (b"{broken", Refused("not_json")),
    (b"[1, 2]", Refused("not_object")),
    (b"[" * 65 + b"]" * 65, Refused("too_deep")),
    (b"[" * 100_000 + b"]" * 100_000, Refused("too_deep")),  # json would recurse past the stack
    (json.dumps({"title": "[" * 100}).encode(), {"title": "[" * 100}),  # brackets in a string are text
    (b'{"title": "half \\ud83d of an emoji"}', {"title": "half \ufffd of an emoji"}),
    (b'{"title": "whole \\ud83d\\ude00"}', {"title": "whole \U0001F600"}),
])
def test_parse(raw: bytes | None, expected: object) -> None:
    assert lines.parse(raw) == expected


@pytest.mark.parametrize(("record", "reason"), [
    (GOOD, None),
    ({**GOOD, "id": 42, "remote": True, "salary": {"min": 1}}, None),
    ({**GOOD, "salary": "$120k"}, None),
    ({**GOOD, "title": {"text": "ML"}}, "wrong_type:title"),
    ({**GOOD, "company": ["Acme"]}, "wrong_type:company"),
    ({**GOOD, "description": True}, "wrong_type:description"),
    ({**GOOD, "id": {"n": 1}}, "wrong_type:id"),
    ({**GOOD, "id": 1.5}, "wrong_type:id"),
    ({**GOOD, "remote": "yes"}, "wrong_type:remote"),
    ({**GOOD, "salary": [100, 200]}, "wrong_type:salary"),
])
def test_wrong_types(record: dict, reason: str | None) -> None:
    assert lines.wrong_type(record) == reason


def test_read_lines_bounds_each_line_and_drops_a_bom() -> None:
    stream = io.BytesIO(lines.UTF8_BOM + b'{"a": 1}\n' + b"x" * 50 + b"\n" + b"{}\n")
    assert list(lines.read_lines(stream, limit=20)) == [(1, b'{"a": 1}\n'), (2, None), (3, b"{}\n")]


def test_import_refuses_what_extract_refuses_and_stores_no_reprs(tmp_path: Path) -> None:
    rows = [json.dumps(GOOD), json.dumps({**GOOD, "id": "2", "title": {"text": "ML"}}), "[" * 200 + "]" * 200,
            json.dumps({**GOOD, "id": "3", "company": ["A", "B"]}),
            '{"id": "4", "title": "Data Scientist \\udc00", "description": "SQL"}']
    source = tmp_path / "in.jsonl"
    source.write_bytes(lines.UTF8_BOM + "\n".join(rows).encode() + b"\n")
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "import", str(source), "--format",
                                      "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert "read 2 postings" in result.stderr
    for number, reason in ((2, "wrong_type:title"), (3, "too_deep"), (4, "wrong_type:company")):
        assert f"{source}:{number}: {reason}" in result.stderr
    exported = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "export"]).stdout
    titles = sorted(json.loads(line)["title"] for line in exported.splitlines())
    assert titles == ["Data Scientist \ufffd", "ML Engineer"]  # the BOM'd first line read, the surrogate repaired
    assert "{'" not in exported  # no Python repr stored
