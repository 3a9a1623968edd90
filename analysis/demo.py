"""`mljobs demo`: the whole job offline. Real saved API responses (analysis/demo_data/, sources in its
README) are served on 127.0.0.1 at the real APIs' paths; the real spiders crawl them through their
`<SOURCE>_BASE_URL` settings; the feeds are loaded and extracted into a fresh database; the result is the
guide-vs-market verdict table and the HTML report.

Each crawl runs in a child process: Scrapy's Twisted reactor can run only once per process.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mljobs.analysis import catalog
from mljobs.analysis.compare import compare
from mljobs.analysis.query import ANY
from mljobs.analysis.replay import ReplayServer
from mljobs.analysis.table import Table
from mljobs.guide import baseline
from mljobs.pipeline import db, derive, importers

from mljobs import paths

DATA = resources.files("mljobs.analysis").joinpath("demo_data")
# The API paths each saved response answers, as the real API serves them.
ROUTES = {
    "/v1/boards/luno/jobs": "luno_jobs_content_true.json",
    "/v1/boards/stripe/jobs": "stripe_jobs_content_true_trimmed.json",
    "/v0/postings/mamamoney": "mamamoney_postings_mode_json.json",
    "/v0/postings/matchgroup": "hinge_matchgroup_postings_trimmed_salaryRange.json",
    "/posting-api/job-board/linear": "linear_job_board_trimmed.json",
    "/api/v3/accounts/huggingface/jobs": "workable_v3_accounts_jobs_trimmed.json",
    "/api": "remoteok_api_first5.json",
    "/api/remote-jobs": "remotive_remote_jobs_first5.json",
    "/api/v2/remote-jobs": "jobicy_api_v2_remote_jobs_first5.json",
    "/api/job-board-api": "arbeitnow_job_board_api_first5.json",
    "/api/v1/items/2396027": "algolia_items_2396027_whoishiring_2011-04.json",
}
API_SOURCES = ["greenhouse", "lever", "ashby", "workable", "remoteok", "remotive", "jobicy", "arbeitnow"]
HN_THREADS = "2396027"  # "Ask HN: Who is hiring? (April 2011)": the history the trends need
# Real market data, imported as a user imports a file (sources and licences in demo_data/README.md):
# (file, --format, what the progress line calls it).
IMPORTS = (
    # Whole HN "Who is hiring?" posts 2013-08 → 2018-04, dated by their thread's month: roles, skills, ML share
    # and their monthly history.
    ("hn_whoishiring_2013_2018.jsonl.xz", "hn-archive", "Hacker News 'Who is hiring?' posts (2013–2018)"),
    # Titles, pay and places parsed from HN "Who is hiring?" posts 2022-12 → 2025-10 (MIT), one title per post and
    # no text: recent months' ML share, roles and pay, as a source of its own.
    ("hn_whoishiring_2022_2025.jsonl.xz", "hn-structured",
     "Hacker News 'Who is hiring?' job titles and pay (2022–2025, no post text)"),
    # The ai-jobs.net salary survey (CC0), 2020–2025, mostly US: pay per level, role, country and year.
    ("aijobs_salaries.csv.gz", "aijobs", "ai-jobs.net salary-survey answers (2020–2025)"),
    # British data-science/ML postings (MIT), undated and mostly snippets: a labelled non-US sample, its pay
    # in rows of its own, never against the guide's US bands.
    ("uk_ds_ml_jobs_2024.jsonl", "jsonl", "UK postings (2024, a non-US sample)"),
)
SETTINGS = {"AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "WARNING", "MLJOBS_BOARDS_FILE": str(DATA / "boards.toml")}
CRAWL_TIMEOUT = 120

API_CRAWL = """
import json, sys
from pathlib import Path
from mljobs.crawlers.run import run_crawl
args = json.loads(sys.argv[1])
summary = run_crawl(args["sources"], Path(args["data_dir"]), None, args["settings"])
print(json.dumps({"postings": summary.postings, "status": summary.status}))
"""


@dataclass(frozen=True)
class Demo:
    directory: Path
    database: Path
    html: Path
    postings: int
    ml_postings: int
    verdicts: Table
    seconds: float


class DemoFailed(RuntimeError):
    """A demo step failed; the message says which and why."""


def run(directory: Path, progress: Callable[[str], None] = lambda message: None) -> Demo:
    """Serve, crawl, load, extract and report into `directory` (emptied first: the demo's own data)."""
    started = time.monotonic()
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    with serve() as url:
        progress(f"serving {len(ROUTES)} saved API responses on {url}")
        settings = {**SETTINGS, **{f"{source.upper()}_BASE_URL": url for source in API_SOURCES},
                    "HN_ALGOLIA_BASE_URL": url, "MLJOBS_DATA_DIR": str(directory)}
        progress(f"crawling {', '.join(API_SOURCES)} with the real spiders")
        _child([sys.executable, "-c", API_CRAWL,
                json.dumps({"sources": API_SOURCES, "data_dir": str(directory), "settings": settings})])
        progress("crawling Hacker News 'Who is hiring?' (April 2011)")
        _child([sys.executable, "-m", "scrapy", "crawl", "hn", "-a", f"threads={HN_THREADS}",
                *[arg for key, value in settings.items() for arg in ("-s", f"{key}={value}")]])
    for name, fmt, what in IMPORTS:
        with resources.as_file(DATA.joinpath(name)) as imported:
            progress(f"importing {importers.write_feed(imported, fmt, directory).postings:,} {what}")
    progress("loading the feeds and extracting roles, skills, seniority and pay")
    loaded, derived = derive.load_and_derive(directory, progress=progress)
    progress(f"{loaded.postings:,} rows loaded, {derived.ml:,} of them ML; comparing with the guide")
    guide = baseline.load()
    database = paths.database(directory)
    with db.opened(database, read_only=True) as con:
        verdicts = compare(con, guide, ANY)
    html = directory / "report.html"
    html.write_text(catalog.build_html(database, guide, ANY, progress=lambda step: None), encoding="utf-8")
    return Demo(directory, database, html, loaded.postings, derived.ml, verdicts, time.monotonic() - started)


def _child(command: list[str]) -> None:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "mljobs.crawlers.settings"}  # wherever the demo is run from
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CRAWL_TIMEOUT, env=env)
    except subprocess.TimeoutExpired as error:
        raise DemoFailed(f"crawl took longer than {CRAWL_TIMEOUT} s") from error
    if done.returncode != 0:
        raise DemoFailed(f"crawl failed (exit {done.returncode}): {done.stderr.strip()[-1500:]}")


@contextmanager
def serve() -> Iterator[str]:
    """The saved responses on http://127.0.0.1:<free port>, for as long as the block runs."""
    with ReplayServer() as server:
        for path, name in ROUTES.items():
            server.serve(path, DATA.joinpath(name).read_bytes())
        yield server.url
