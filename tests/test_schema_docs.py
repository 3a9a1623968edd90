"""The DuckDB file explains itself: a `postings` view of what the reports count, a comment on every table,
view and column."""

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from mljobs.cli import app

SAMPLE = Path(__file__).parent / "fixtures" / "import" / "hn_structured_sample.jsonl"


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    data_dir = tmp_path_factory.mktemp("schema")
    result = CliRunner().invoke(app, ["--data-dir", str(data_dir), "import", str(SAMPLE), "--format", "hn-structured"])
    assert result.exit_code == 0, result.stderr
    return duckdb.connect(str(data_dir / "mljobs.duckdb"), read_only=True)


def test_every_table_view_and_column_has_a_comment(con: duckdb.DuckDBPyConnection) -> None:
    tables = con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal AND NOT temporary "
                         "UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE NOT internal "
                         "AND NOT temporary").fetchall()
    assert {"raw_postings", "facts", "posting_skills", "crawl_runs", "postings"} <= {name for name, _ in tables}
    assert [name for name, comment in tables if not comment] == []
    columns = con.execute("SELECT table_name, column_name, comment FROM duckdb_columns() "
                          "WHERE NOT internal AND schema_name = 'main'").fetchall()
    assert len(columns) > 80
    assert [(table, column) for table, column, comment in columns if not comment] == []


def test_the_postings_view_is_the_canonical_postings_with_their_facts(con: duckdb.DuckDBPyConnection) -> None:
    view = con.execute("SELECT id, is_ml, role, skills, annual_min_usd FROM postings ORDER BY id").fetchall()
    facts = con.execute("""
        SELECT f.source || ':' || f.native_id, f.is_ml, f.role,
               (SELECT list(skill ORDER BY skill) FROM posting_skills s
                WHERE s.source = f.source AND s.native_id = f.native_id), f.annual_min_usd
        FROM facts f WHERE f.is_canonical ORDER BY 1""").fetchall()
    assert view == facts and len(view) == 12
    assert sum(1 for row in view if row[1]) == 6  # the sample's six ML postings
    assert any(row[3] for row in view) and any(row[4] for row in view)  # skills and pay are there
