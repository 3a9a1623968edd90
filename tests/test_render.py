"""Rendering reports: JSON and CSV carry the rows as they are, tables fit 80 columns, Markdown escapes."""

import io
import json

import duckdb
import pandas as pd
import pytest
from market_db import Posting, build
from mljobs.analysis import catalog, render
from mljobs.analysis.table import Table
from mljobs.guide import baseline

GUIDE = baseline.load()
HOSTILE_HTML = '<img src=x onerror="alert(1)">'
HOSTILE_FORMULA = '=HYPERLINK("http://example.invalid","click")'


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    postings = [Posting(role="mlops-engineer", seniority="senior", pay=(200_000, 240_000),
                        skills=("Kubernetes", "[red]Rich markup[/red]", "pipe|skill", HOSTILE_HTML, HOSTILE_FORMULA),
                        month="2025-03"),
                Posting(role="data-scientist", seniority="entry", skills=("SQL",), month="2026-02"),
                Posting(is_ml=False)]
    path = build(tmp_path_factory.mktemp("render") / "market.duckdb", postings)
    return duckdb.connect(str(path), read_only=True)


def rendered(capsys: pytest.CaptureFixture[str], name: str, table: Table, fmt: str) -> str:
    render.report(name, table, fmt)
    return capsys.readouterr().out


@pytest.mark.parametrize("name", list(catalog.REPORTS))
def test_json_has_every_row_with_nulls_for_missing(market, capsys, name: str) -> None:
    frame = catalog.REPORTS[name](market, GUIDE, catalog.filters(GUIDE))
    body = json.loads(rendered(capsys, name, frame, "json"))
    assert body["report"] == name and body["title"] == frame.title
    assert len(body["rows"]) == len(frame)
    assert list(body["rows"][0]) == list(frame.columns)
    text = json.dumps(body)
    assert "NaN" not in text  # JSON has no NaN: missing values are null


@pytest.mark.parametrize("name", list(catalog.REPORTS))
def test_csv_round_trips(market, capsys, name: str) -> None:
    frame = catalog.REPORTS[name](market, GUIDE, catalog.filters(GUIDE))
    back = pd.read_csv(io.StringIO(rendered(capsys, name, frame, "csv")))
    assert list(back.columns) == list(frame.columns) and len(back) == len(frame)


@pytest.mark.parametrize("name", list(catalog.REPORTS))
def test_tables_fit_80_columns(market, capsys, monkeypatch, name: str) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    frame = catalog.REPORTS[name](market, GUIDE, catalog.filters(GUIDE))
    out = rendered(capsys, name, frame, "table")
    assert out.startswith(frame.title)
    assert max(len(line) for line in out.splitlines()) <= 80


def test_roles_table_values(market, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = rendered(capsys, "roles", catalog.REPORTS["roles"](market, GUIDE, catalog.filters(GUIDE)), "table")
    assert "2 of 3 postings are ML (66.7%" in out
    line = next(line for line in out.splitlines() if "mlops-engineer" in line)
    assert line.split()[1:3] == ["1", "50.0%"]


def test_table_shows_markup_in_data_as_text(market, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    out = rendered(capsys, "skills", catalog.REPORTS["skills"](market, GUIDE, catalog.filters(GUIDE)), "table")
    assert "[red]Rich markup[/red]" in out


def test_markdown_tables_escape_pipes(market, capsys) -> None:
    out = rendered(capsys, "skills", catalog.REPORTS["skills"](market, GUIDE, catalog.filters(GUIDE)), "markdown")
    assert out.startswith("## Skills ML postings ask for")
    assert "| rank | skill | postings | share | in guide |" in out
    assert "pipe\\|skill" in out
    row = next(line for line in out.splitlines() if "Kubernetes" in line)
    assert row == "| 1 | Kubernetes | 1 | 50.0% | yes |"


def test_compare_markdown_lists_verdicts(market, capsys) -> None:
    out = rendered(capsys, "compare", catalog.REPORTS["compare"](market, GUIDE, catalog.filters(GUIDE)), "markdown")
    assert "### salary" in out
    assert "| Senior-level pays $150,000–250,000+ (job postings) | median $220,000" in out
    assert out.count("too little data") >= len(GUIDE.salary_bands)
    described, source, first = market.execute("""
        SELECT count(*), any_value(source), min(posted_month) FROM facts
        WHERE is_canonical AND kind = 'posting' AND is_ml AND described""").fetchone()
    basis = f"Skills read over the {described:,} described ML postings, all of them {source}'s, dated {first:%Y-%m}"
    assert basis in out
    (ml,) = market.execute("SELECT count(*) FROM facts WHERE is_canonical AND kind = 'posting' AND is_ml").fetchone()
    assert f"Roles read over the {ml:,} ML postings, " in out


@pytest.mark.parametrize(("value", "text"), [(0.1234, "12.3%"), (None, ""), (float("nan"), "")])
def test_percent(value, text: str) -> None:
    assert render.percent(value) == text


def test_money_and_points() -> None:
    assert render.money(152_400) == "$152k"
    assert render.points(0.0123) == "+1.2 pp"
    assert render.interval(0.1, 0.2) == "10.0%…20.0%"


def test_a_frame_as_a_table_has_none_for_missing_values() -> None:
    frame = pd.DataFrame({"a": [1.5, float("nan")], "b": ["x", None]})
    frame.attrs.update(title="t", summary={"n": 2})
    table = Table.of(frame)
    assert table.rows == [{"a": 1.5, "b": "x"}, {"a": None, "b": None}]
    assert (table.title, table.columns, table.summary) == ("t", ["a", "b"], {"n": 2})
    assert table.frame().attrs == frame.attrs



def test_markdown_shows_html_in_data_as_text(market, capsys) -> None:
    out = rendered(capsys, "skills", catalog.REPORTS["skills"](market, GUIDE, catalog.filters(GUIDE)), "markdown")
    assert '&lt;img src=x onerror="alert(1)"&gt;' in out
    assert "<img" not in out


def test_csv_cells_a_spreadsheet_would_run_start_with_an_apostrophe(market, capsys) -> None:
    frame = catalog.REPORTS["skills"](market, GUIDE, catalog.filters(GUIDE))
    back = pd.read_csv(io.StringIO(rendered(capsys, "skills", frame, "csv")))
    assert "'" + HOSTILE_FORMULA in set(back["skill"]) and HOSTILE_FORMULA not in set(back["skill"])
    assert "Kubernetes" in set(back["skill"])  # other text as it was
    assert HOSTILE_FORMULA in set(frame.column("skill"))  # the report itself is untouched


def test_csv_neutralising_leaves_numbers_and_plain_text_alone(capsys) -> None:
    frame = pd.DataFrame({"name": ["-1 pp", "+cmd", "@SUM(A1)", "\tx", "plain", None], "change": [-1.5, 2, 0, 1, 3, 4]})
    back = pd.read_csv(io.StringIO(rendered(capsys, "trends", Table.of(frame), "csv")), keep_default_na=False)
    assert list(back["name"]) == ["'-1 pp", "'+cmd", "'@SUM(A1)", "'\tx", "plain", ""]
    assert list(back["change"]) == [-1.5, 2, 0, 1, 3, 4]
