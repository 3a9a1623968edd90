"""The `mljobs` command line: each command parses options, calls one library function, renders."""

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperArgument, TyperCommand, TyperGroup

from mljobs.lazy import lazy

if TYPE_CHECKING:
    from mljobs import paths
    from mljobs.analysis import catalog, render
    from mljobs.guide import baseline
    from mljobs.guide import cache as guide_cache
    from mljobs.pipeline import db, derive, export, filters, importers, load
    from mljobs.pipeline import extract as extraction
    from mljobs.pipeline import output as output_file
else:  # each loads when a command first touches it: --help and --version import none of them
    catalog = lazy("mljobs.analysis.catalog")
    render = lazy("mljobs.analysis.render")
    baseline = lazy("mljobs.guide.baseline")
    guide_cache = lazy("mljobs.guide.cache")
    db = lazy("mljobs.pipeline.db")
    derive = lazy("mljobs.pipeline.derive")
    export = lazy("mljobs.pipeline.export")
    filters = lazy("mljobs.pipeline.filters")
    importers = lazy("mljobs.pipeline.importers")
    load = lazy("mljobs.pipeline.load")
    paths = lazy("mljobs.paths")
    extraction = lazy("mljobs.pipeline.extract")
    output_file = lazy("mljobs.pipeline.output")

REPORT_FORMATS = "[table|json|csv|markdown]"


class _Argument(TyperArgument):
    """An argument shown by its metavar alone: no Python type ('FILE', not 'FILE <path>'), no braces in usage."""

    def display_type_rich(self, ctx: Any) -> None:
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        shown = self.metavar or (self.name or "").upper()
        name = shown if self.required else f"[{shown}]"
        return [name + ("..." if self.nargs != 1 else "")]


class _UsageError(UsageError):
    """A usage error as one line ('mljobs: No such option: --bogus (see mljobs report --help)'), not click's
    usage block, hint and 'Error:' line."""

    def show(self, file: Any = None) -> None:
        where = f" (see {self.ctx.command_path} --help)" if self.ctx is not None else ""
        typer.echo(f"mljobs: {self.format_message()}{where}", err=True)


def _one_line(error: UsageError) -> UsageError:
    if isinstance(error, NoArgsIsHelpError | _UsageError):
        return error
    return _UsageError(error.format_message(), error.ctx)


class _OneLineUsage:
    """Usage errors while parsing a command line come out as one line."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except UsageError as error:
            raise _one_line(error) from None


class _Group(_OneLineUsage, TyperGroup):
    """The command group: an unknown command or option is one line too."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            raise _one_line(error) from None


class _Command(_OneLineUsage, TyperCommand):
    """A command whose help names values by their metavars (FILE, YYYY-MM, [table|json]), never Python types."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument
        return params


app = typer.Typer(
    cls=_Group,
    help="What the machine-learning job market really asks for, beside a career guide's claims.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,  # plain help: rich's boxes cost 3x the start-up of `import typer`, and pipe badly
)


class State:
    data_dir: Path | None = None
    data_dir_option: str | None = None
    quiet: bool = False


state = State()


def data_dir() -> Path:
    """The data directory, created on first use (only commands that need it call this)."""
    if state.data_dir is None:
        try:
            state.data_dir = paths.data_dir(state.data_dir_option)
        except OSError as error:
            fail(f"cannot use {error.filename or state.data_dir_option} as the data directory: {error.strerror}")
    return state.data_dir


def fail(message: str, code: int = 1) -> None:
    """One clear line on stderr and a non-zero exit."""
    typer.echo(f"mljobs: {message}", err=True)
    raise typer.Exit(code)


def _version(shown: bool) -> None:
    if shown:
        from mljobs import __version__  # the one place the version is written (pyproject reads it too)

        typer.echo(f"mljobs {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    data_dir_option: Annotated[
        str | None,
        typer.Option("--data-dir", envvar="MLJOBS_DATA_DIR", metavar="DIR",
                     help="Where the DuckDB file and raw feeds live."),
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only on stderr: no progress, no summaries.")
                     ] = False,
) -> None:
    state.data_dir_option = data_dir_option
    state.data_dir = None
    state.quiet = quiet


@app.command("guide", cls=_Command)
def guide_command(
    fmt: Annotated[str, typer.Option("--format", metavar="[table|json]", help="How to print it.")] = "table",
    guide_file: Annotated[Path | None, typer.Option("--guide", metavar="FILE",
                                                    help="Another guide in the same style.")] = None,
) -> None:
    """The career guide parsed into a baseline: roles, skills, salary bands, industries, trends.

    Example: mljobs guide --format json
    """
    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}: use table or json", 2)
    try:
        parsed = baseline.load(guide_file)
    except baseline.GuideError as error:
        fail(str(error))
    render.guide(parsed, fmt)


def _say(message: str) -> None:
    """Progress and summaries on stderr (errors go through `fail`); --quiet leaves them out."""
    if not state.quiet:
        typer.echo(message, err=True)


def _reason(error: OSError) -> str:
    """The OS's words for a failed write ("No space left on device"); a library that re-raises without an
    errno (pyarrow) only has its message."""
    return error.strerror or str(error)


@app.command("extract", cls=_Command)
def extract_command(
    input_path: Annotated[str, typer.Option("--input", metavar="FILE|-",
                                            help="Postings as JSON Lines (a file, or - for stdin).")],
    output: Annotated[str, typer.Option("--output", metavar="FILE|-",
                                        help="Facts as JSON Lines (a file, or - for stdout).")] = "-",
) -> None:
    """Postings in, facts out: is_ml, role, seniority, skills, salary, remote, country, years_experience.

    A bad line (not JSON, not an object, invalid UTF-8, over 10 MB, nested too deep) is reported on stderr as
    {"line": N, "error": REASON} and counted, the other lines still go through; the exit code is 1
    when any line failed. Example: mljobs extract --input postings.jsonl --output facts.jsonl
    """
    if input_path != "-" and os.path.isfile(output) and os.path.exists(input_path) \
            and os.path.samefile(input_path, output):
        fail(f"extract: --input and --output are the same file ({output}): it would be overwritten", 2)
    try:
        summary = extraction.run_paths(input_path, output, lambda error: typer.echo(json.dumps(error), err=True))
    except OSError as error:
        if error.filename == input_path:
            fail(f"extract: cannot open {input_path}: {error.strerror}", 2)
        fail(f"extract: cannot write {output}: {_reason(error)}", 2)
    _say(str(summary))
    if summary.errors:
        raise typer.Exit(1)


@contextmanager
def _writing() -> Iterator[None]:
    """Around work that writes the data directory: a store error, a full disk or a read-only directory is one
    line naming the cause (DuckDB's first error, not the 'cannot rollback' it can raise while cleaning up)."""
    try:
        yield
    except typer.Exit:  # already said (fail)
        raise
    except db.StoreError as error:
        fail(str(error))
    except Exception as error:
        root = _root_cause(error)
        if not isinstance(root, OSError) and not type(root).__module__.startswith(("duckdb", "_duckdb")):
            raise
        fail(f"cannot write to {data_dir()}: {_first_line(root)}")


def _root_cause(error: BaseException) -> BaseException:
    """The first error of a chain (DuckDB's 'No space left on device' under the failed ROLLBACK it caused)."""
    seen = {id(error)}
    while (earlier := error.__cause__ or error.__context__) is not None and id(earlier) not in seen:
        seen.add(id(earlier))
        error = earlier
    return error


def _first_line(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}" + (f" ({error.filename})" if error.filename else "")
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _summarise(loaded: "load.LoadResult | None", derived: "derive.DeriveResult | None") -> None:
    if loaded is not None:
        _say(f"loaded {loaded.postings:,} postings from {loaded.feeds} feed(s): {loaded.new:,} new, "
             f"{loaded.changed:,} changed, {loaded.reopened:,} re-opened, {loaded.closed:,} closed")
        if loaded.problems:
            reasons = ", ".join(f"{reason} {count:,}" for reason, count in loaded.problems.most_common())
            _say(f"skipped or trimmed lines: {reasons}")
            for feed, line, reason in loaded.bad_lines[:10]:
                _say(f"  {feed}:{line}: {reason}")
    if derived is not None:
        _say(f"derived facts for {derived.postings:,} postings ({derived.ml:,} ML) in {derived.seconds:.1f} s; "
             f"{derived.clusters:,} jobs seen on several sources, {derived.duplicates:,} duplicate postings")
        if derived.problems:
            _say("left pending: " + ", ".join(f"{r} {n:,}" for r, n in derived.problems.items()))


@app.command("crawl", cls=_Command)
def crawl_command(
    sources: Annotated[list[str] | None, typer.Argument(
        metavar="SOURCE", show_default=False, help="Sources to crawl (default: every API source).")] = None,
    board: Annotated[list[str] | None, typer.Option("--board", metavar="SLUG", help="Board slug (repeatable).")] = None,
    setting: Annotated[list[str] | None, typer.Option("-s", "--set", metavar="KEY=VALUE",
                                                      help="Scrapy setting (repeatable).")] = None,
    no_load: Annotated[bool, typer.Option("--no-load", help="Only write the raw feed; load it later.")] = False,
    since: Annotated[str | None, typer.Option("--since", metavar="YYYY-MM",
                                              help="hn: backfill every monthly thread from this month on "
                                                   "(months already complete are skipped; one line per "
                                                   "thread on stderr).")] = None,
    frontier: Annotated[str | None, typer.Option("--frontier", metavar="REDIS_URL",
                                                 help="Be one worker of a distributed crawl sharing this "
                                                      "Redis (redis://host:6379/0): one queue, one "
                                                      "duplicate filter, a feed per worker.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="Scrapy's warnings and tracebacks on stderr too.")] = False,
) -> None:
    """Crawl public job sources into a raw feed, then load it and derive facts.

    Exits 1 when any source fetched nothing (one line each says why), 2 on bad options. Scrapy's log goes to
    <data dir>/logs/<run_id>.log (the last stderr line names it); --verbose shows it on stderr too.

    Example: mljobs crawl greenhouse --board anthropic -s MLJOBS_MAX_PAGES=5

    Example: mljobs crawl hn --since 2011-04
    """
    from mljobs.analysis import crawl_view  # Scrapy loads only for this command
    from mljobs.crawlers import run as crawling

    try:
        overrides = crawling.parse_overrides(setting or [])
        if since is not None:
            sources = crawling.backfill_sources(sources, since, overrides)
        with crawl_view.LiveProgress(quiet=state.quiet) as live:
            summary = crawling.run_crawl(sources, data_dir(), board, overrides, live.update, log_level="WARNING",
                                         verbose=verbose, frontier=frontier)
    except crawling.CrawlError as error:
        fail(str(error), 2)
    crawl_view.summary(summary)
    if not no_load:
        with _writing():
            _summarise(*derive.load_and_derive(data_dir(), progress=_say))
    nothing = summary.fetched_nothing()
    for source, why in nothing.items():
        typer.echo(f"mljobs: {source}: {why}", err=True)
    if summary.status == "failed":
        typer.echo(f"mljobs: crawl {summary.run_id} failed: no source fetched anything", err=True)
    _say(f"mljobs: log: {summary.log_path}")
    if nothing or summary.status == "failed":
        raise typer.Exit(1)


@app.command("sources", cls=_Command)
def sources_command(
    fmt: Annotated[str, typer.Option("--format", metavar=REPORT_FORMATS, help="How to print it.")] = "table",
    setting: Annotated[list[str] | None, typer.Option("-s", "--set", metavar="KEY=VALUE",
                                                      help="Scrapy setting, as crawl takes it (repeatable).")] = None,
) -> None:
    """The sources `mljobs crawl` knows: whether each crawls by default, its boards, the API roots it fetches.

    Example: mljobs sources --format json
    """
    from mljobs.crawlers import listing, run

    if fmt not in render.FORMATS:
        fail(f"unknown format {fmt!r}: use one of {', '.join(render.FORMATS)}", 2)
    try:
        found = listing.sources(run.parse_overrides(setting or []))
    except (run.CrawlError, ValueError) as error:
        fail(str(error), 2)
    render.listing("Sources", found, {
        "source": lambda r: r["source"],
        "default": lambda r: "yes" if r["default"] else "no",
        "boards": lambda r: f"{len(r['boards'])}: {', '.join(r['boards'][:3])}{', …' if len(r['boards']) > 3 else ''}"
        if r["boards"] else "",
        "base URL": lambda r: " ".join(r["base_urls"].values()),
    }, fmt)


@app.command("runs", cls=_Command)
def runs_command(
    fmt: Annotated[str, typer.Option("--format", metavar=REPORT_FORMATS, help="How to print it.")] = "table",
    limit: Annotated[int, typer.Option(metavar="N", help="The newest N rows (a row per run and source).")] = 20,
) -> None:
    """Crawl history, newest first: per run and source, pages, postings, errors by reason, status.

    Exit 3 when no crawl is recorded yet. Example: mljobs runs --limit 5
    """
    if fmt not in render.FORMATS:
        fail(f"unknown format {fmt!r}: use one of {', '.join(render.FORMATS)}", 2)
    database, _ = catalog.database(data_dir())
    try:
        found = catalog.runs(database, limit)
    except catalog.NoData as error:
        fail(str(error), 3)
    except db.StoreError as error:
        fail(str(error))
    render.listing("Crawl runs", found, {
        "source": lambda r: r["source"],
        "started": lambda r: f"{r['started_at']:%Y-%m-%d %H:%M}" if r["started_at"] else "",
        "pages": lambda r: f"{r['pages'] or 0:,}",
        "postings": lambda r: f"{r['postings'] or 0:,}",
        "errors": lambda r: ", ".join(f"{k} {v}" for k, v in r["error_reasons"].items()) or str(r["errors"] or 0),
        "status": lambda r: r["status"] or "",
        "run": lambda r: r["run_id"],
    }, fmt)


@app.command("load", cls=_Command)
def load_command() -> None:
    """Load new raw feed lines from the data directory into the database and derive their facts.

    Example: mljobs load
    """
    with _writing():
        _summarise(*derive.load_and_derive(data_dir(), progress=_say))


@app.command("rebuild", cls=_Command)
def rebuild_command(
    workers: Annotated[int | None, typer.Option(metavar="N", help="Extraction processes (default: up to 2).")] = None,
) -> None:
    """Re-derive every posting's facts from the stored raw postings (after a vocabulary change).

    Example: mljobs rebuild
    """
    with _writing():
        _summarise(None, derive.rebuild(data_dir(), workers=workers, progress=_say))


@app.command("import", cls=_Command)
def import_command(
    file: Annotated[Path, typer.Argument(metavar="FILE",
                                         help="The file (or, for hn-archive, a directory of month files).")],
    fmt: Annotated[str | None, typer.Option(
        "--format", metavar="[jsonl|jobspy|aijobs|hn-archive|hn-structured]",
        help="The file's format (default: recognised from the file).",
    )] = None,
) -> None:
    """Import postings from a file, then derive their facts.

    Formats: jsonl (the extract input format), jobspy (a JobSpy CSV of LinkedIn/Indeed results), aijobs (the
    ai-jobs.net salary survey CSV, .gz too: pay answers, never counted as postings), hn-archive (whole HN
    "Who is hiring?" posts: YYYY-MM.json month files or a directory of them, as in gaganpreet/hn-hiring-mapped).

    Without --format the file's name and first row say which it is (stderr names the format recognised).

    Example: mljobs import salaries.csv --format aijobs
    """
    try:
        if fmt is None:
            fmt = importers.recognise(file)
            _say(f"recognised {file} as {fmt} (--format chooses another)")
        with _writing():
            written = importers.write_feed(file, fmt, data_dir())
    except importers.ImportFailed as error:
        fail(str(error), 2)
    _say(f"read {written.postings:,} postings from {file}")
    if written.replaced:
        _say(f"{written.replaced:,} rows repeated the id of a later row: the later row of each id is kept")
    if written.problems:
        _say("skipped rows: " + ", ".join(f"{r} {n:,}" for r, n in written.problems.most_common()))
        for row, reason in written.bad_rows[:10]:
            _say(f"  {file}:{row}: {reason}")
    with _writing():
        _summarise(*derive.load_and_derive(data_dir(), progress=_say))


@app.command("export", cls=_Command)
def export_command(
    fmt: Annotated[str, typer.Option("--format", metavar="[jsonl|csv|parquet]", help="The file format.")] = "jsonl",
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE|-",
                                        help="File to write, or - for stdout.")] = "-",
    ml_only: Annotated[bool, typer.Option("--ml-only", help="Only ML postings (is_ml).")] = False,
    since: Annotated[str | None, typer.Option(
        metavar="YYYY-MM", help="Only postings dated in or after this month (undated: first seen then).")] = None,
    source: Annotated[str | None, typer.Option(metavar="SOURCE", help="Only this source, e.g. greenhouse.")] = None,
    partition: Annotated[bool, typer.Option("--partition",
                                            help="parquet: a directory (--output) of files per source and "
                                                 "month, source=<s>/month=<YYYY-MM>/, for Spark, Trino, "
                                                 "DuckDB.")] = False,
) -> None:
    """Every posting with its facts (extract output keys, source, url, company, title, location, dates,
    clean description).

    Example: mljobs export --ml-only --since 2025-01 --format parquet --output postings.parquet

    Example: mljobs export --format parquet --partition --output postings/
    """
    if fmt not in export.FORMATS:
        fail(f"unknown format {fmt!r}: use {', '.join(export.FORMATS)}", 2)
    if partition:
        if fmt != "parquet" or output == "-":
            fail("--partition writes Parquet into a directory: give --format parquet --output DIR", 2)
        from mljobs.analysis.query import month as month_of
        from mljobs.pipeline.export_partitioned import export_partitioned

        try:
            first = month_of(since, "--since")
        except ValueError as error:
            fail(str(error), 2)
        try:
            rows, files = export_partitioned(data_dir(), output.rstrip("/") or output, source, ml_only, first)
        except db.StoreError as error:
            fail(str(error))
        except OSError as error:
            fail(f"export: cannot write {output}: {_reason(error)}")
        _say(f"exported {rows:,} postings into {files:,} files under {output}")
        return
    from mljobs.analysis.query import month

    try:
        first = month(since, "--since")
    except ValueError as error:
        fail(str(error), 2)
    try:
        chosen = {"source": source, "ml_only": ml_only, "since": first}
        if output == "-":
            rows = export.export(data_dir(), fmt, typer.get_binary_stream("stdout"), **chosen)
        else:
            with output_file.replacing(output) as out:
                rows = export.export(data_dir(), fmt, out, **chosen)
    except filters.UnknownSource as error:
        fail(str(error), 2)
    except db.StoreError as error:
        fail(str(error))
    except OSError as error:
        fail(f"export: cannot write {output}: {_reason(error)}")
    _say(f"exported {rows:,} postings")


REPORT_HELP = """Reports over the crawled postings, beside the guide. NAME is one of:

roles: ML postings per guide role, and the ML share of all postings.

skills: top skills overall and per role, with the guide's skills ranked.

salaries: pay per level against the guide's bands, per role and source.

trends: rising and falling roles and skills, the guide's emerging trends.

monthly: the monthly shares behind the trends.

weekly: the weekly shares over the latest 12 weeks of crawling.

compare: a verdict on each claim of the guide.

changes: what each of the latest runs changed (postings new, changed, closed); with --since-last, every posting
new, changed or closed since the latest crawl began.

html: all of it in one self-contained HTML file (needs --output).

Exit codes: 2 bad options; 3 nothing to report (empty database, no match).

Examples:

  mljobs report compare

  mljobs report skills --role machine-learning-engineer --format markdown

  mljobs report salaries --since 2024-01 --source greenhouse --format json

  mljobs report trends --remote --country US --format csv

  mljobs report html --output report.html

  mljobs report changes --since-last --format csv
"""


@app.command("report", cls=_Command, help=REPORT_HELP)
def report_command(
    name: Annotated[str, typer.Argument(metavar="NAME",
                                        help="roles, skills, salaries, trends, monthly, weekly, compare or html.")],
    fmt: Annotated[str, typer.Option("--format", metavar=REPORT_FORMATS, help="How to print it.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="The HTML file to write (html).")] = None,
    since: Annotated[str | None, typer.Option(metavar="YYYY-MM", help="First month.")] = None,
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM", help="Last month.")] = None,
    source: Annotated[str | None, typer.Option(metavar="SOURCE", help="Only this source, e.g. greenhouse.")] = None,
    role: Annotated[str | None, typer.Option(metavar="ROLE", help="Only this guide role, e.g. mlops-engineer.")] = None,
    country: Annotated[str | None, typer.Option(metavar="CC",
                                                help="Only this country (ISO-2, e.g. US; UK means GB).")] = None,
    remote: Annotated[bool | None, typer.Option("--remote/--on-site", help="Only remote, or only on-site.")] = None,
    market: Annotated[str, typer.Option(
        metavar="CC",
        help="The country (ISO-2) whose pay is held against the guide's bands; others get rows of their own.")] = "US",
    guide_file: Annotated[Path | None, typer.Option("--guide", metavar="FILE",
                                                    help="Another guide in the same style.")] = None,
    since_last: Annotated[bool, typer.Option(
        "--since-last", help="changes: the postings changed since the latest run began.")] = False,
) -> None:
    if name not in catalog.NAMES:
        fail(f"unknown report {name!r}: use one of {', '.join(catalog.NAMES)}", 2)
    if fmt not in render.FORMATS:
        fail(f"unknown format {fmt!r}: use one of {', '.join(render.FORMATS)}", 2)
    if name == "html" and output is None:
        fail("report html needs --output FILE", 2)
    if since_last and name != "changes":
        fail("--since-last applies to report changes only", 2)
    if name == "changes":
        _changes(since_last, fmt)
        return
    try:
        guide = guide_cache.load(guide_file, data_dir() / "cache")
        chosen = catalog.filters(guide, since, until, source, role, country, remote, market)
    except (baseline.GuideError, ValueError) as error:
        fail(str(error), 2)
    database, note = catalog.database(data_dir())
    if note:
        _say(f"mljobs: {note}")
    try:
        if name == "html":
            page = catalog.build_html(database, guide, chosen, progress=lambda s: _say(f"report: {s}"))
            try:
                with output_file.replacing(output, "w", encoding="utf-8") as out:
                    out.write(page)
            except OSError as error:
                fail(f"report: cannot write {output}: {_reason(error)}")
            _say(f"wrote {output}")
        else:
            render.report(name, catalog.build(name, database, guide, chosen), fmt)
    except catalog.NoData as error:
        fail(str(error), 3)
    except filters.UnknownSource as error:
        fail(str(error), 2)
    except db.StoreError as error:
        fail(str(error))


def _changes(since_last: bool, fmt: str) -> None:
    database, note = catalog.database(data_dir())
    if note:
        _say(f"mljobs: {note}")
    try:
        title, rows = catalog.changes(database, since_last)
    except catalog.NoData as error:
        fail(str(error), 3)
    except db.StoreError as error:
        fail(str(error))
    if since_last:
        columns = {"change": lambda r: r["change"], "source": lambda r: r["source"],
                   "company": lambda r: r["company"] or "", "title": lambda r: r["title"] or "",
                   "ML role": lambda r: r["role"] or "", "url": lambda r: r["url"] or ""}
    else:
        columns = {"started": lambda r: f"{r['started_at']:%Y-%m-%d %H:%M}", "new": lambda r: f"{r['new']:,}",
                   "changed": lambda r: f"{r['changed']:,}", "closed": lambda r: f"{r['closed']:,}",
                   "sources": lambda r: r["sources"], "run": lambda r: r["run_id"]}
    render.listing(title, rows, columns, fmt)


@app.command("demo", cls=_Command)
def demo_command(
    fmt: Annotated[str, typer.Option("--format", metavar=REPORT_FORMATS, help="How to print it.")] = "table",
) -> None:
    """The whole job offline: replay bundled real API responses on 127.0.0.1, crawl them with the real
    spiders, load, extract, and print the guide-vs-market verdicts and the path of the HTML report.

    The demo's data goes to <data dir>/demo (replaced on every run), never into your own database.

    Example: mljobs demo --format markdown
    """
    from mljobs.analysis import demo

    if fmt not in render.FORMATS:
        fail(f"unknown format {fmt!r}: use one of {', '.join(render.FORMATS)}", 2)
    try:
        result = demo.run(data_dir() / "demo", progress=lambda message: _say(f"demo: {message}"))
    except (demo.DemoFailed, db.StoreError) as error:
        fail(str(error))
    render.report("compare", result.verdicts, fmt)
    _say(f"demo: {result.postings:,} rows ({result.ml_postings:,} ML: postings and salary-survey answers) in "
         f"{result.seconds:.0f} s")
    _say(f"demo: HTML report: {result.html}")
    _say("demo: explore it: mljobs report compare (or skills, salaries, trends; until you crawl or import, "
         "reports read the demo's data)")
