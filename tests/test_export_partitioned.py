"""`export --format parquet --partition --output DIR`: Hive-partitioned Parquet by source and month, read back
by pyarrow and DuckDB exactly as the single-file export."""

import json
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
from test_import_export import exported_jsonl, extract_inputs, mljobs


def imported(tmp_path: Path) -> Path:
    source = tmp_path / "postings.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in extract_inputs()) + "\n")
    data = tmp_path / "data"
    assert mljobs(data, "import", str(source)).exit_code == 0
    return data


def test_partitioned_parquet_by_source_and_month_holds_every_posting(tmp_path: Path) -> None:
    data = imported(tmp_path)
    out = tmp_path / "postings"
    result = mljobs(data, "export", "--format", "parquet", "--partition", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    rows = exported_jsonl(data)
    dirs = {p.parent.relative_to(out).as_posix() for p in out.rglob("*.parquet")}
    assert dirs and all(d.startswith("source=") and "/month=" in d for d in dirs)
    assert f"exported {len(rows):,} postings into {len(list(out.rglob('*.parquet'))):,} files" in result.stderr
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("id").to_pylist()) == sorted(row["id"] for row in rows)
    by_source = duckdb.sql(f"SELECT source, count(*) FROM read_parquet('{out}/**/*.parquet', hive_partitioning=true) "
                           "GROUP BY ALL").fetchall()
    expected: dict[str, int] = {}
    for row in rows:
        expected[row["source"]] = expected.get(row["source"], 0) + 1
    assert dict(by_source) == expected
    again = mljobs(data, "export", "--format", "parquet", "--partition", "--output", str(out))  # replaced whole
    assert again.exit_code == 0 and len(ds.dataset(out, partitioning="hive").to_table()) == len(rows)


def test_partition_needs_parquet_and_a_directory(tmp_path: Path) -> None:
    data = imported(tmp_path)
    for args in (["--format", "csv", "--partition", "--output", str(tmp_path / "x")], ["--format", "parquet",
                                                                                      "--partition"]):
        result = mljobs(data, "export", *args)
        assert result.exit_code == 2 and "--partition writes Parquet into a directory" in result.stderr
    (tmp_path / "file").write_text("keep")
    result = mljobs(data, "export", "--format", "parquet", "--partition", "--output", str(tmp_path / "file"))
    assert result.exit_code == 1 and (tmp_path / "file").read_text() == "keep"
    assert not list(tmp_path.glob(".file.*"))


def test_partitioned_export_takes_the_same_filters(tmp_path: Path) -> None:
    data = imported(tmp_path)
    rows = exported_jsonl(data)
    source = rows[0]["source"]
    out = tmp_path / "one"
    result = mljobs(data, "export", "--format", "parquet", "--partition", "--source", source, "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert {p.parts[len(out.parts)] for p in out.rglob("*.parquet")} == {f"source={source}"}
    assert len(ds.dataset(out, partitioning="hive").to_table()) == sum(row["source"] == source for row in rows)
    bad = mljobs(data, "export", "--format", "parquet", "--partition", "--since", "2025-13", "--output", str(out))
    assert bad.exit_code == 2
