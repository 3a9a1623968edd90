"""Start-up time of the CLI beside the bare imports it cannot beat: `mljobs --help` and `--version` beside
`python -c "import typer"`, a small report (`report roles`) beside bare duckdb running the same SQL over the
same tiny database. Best wall time of several runs of each, interleaved so each sees the same busy spells.

    .venv/bin/python benchmarks/startup.py [--runs 7]

Targets (issue 13): --help and --version within 2x of the bare typer import, a small report within 2x of
bare duckdb. The tiny database is the 12 real rows of tests/fixtures/import/hn_structured_sample.jsonl.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "import" / "hn_structured_sample.jsonl"
SQL = ROOT / "analysis" / "sql"
NO_FILTER = {"since": None, "until": None, "source": None, "role": None, "country": None, "remote": None}

BARE_QUERY = """
import json, sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute(open(sys.argv[2]).read())
print(con.execute(open(sys.argv[3]).read(), json.loads(sys.argv[4])).fetchall())
"""


def best(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    mljobs = [sys.executable, "-m", "mljobs"]
    with tempfile.TemporaryDirectory() as data:
        subprocess.run([*mljobs, "--data-dir", data, "import", str(SAMPLE), "--format", "hn-structured"],
                       check=True, capture_output=True)
        database = str(Path(data) / "mljobs.duckdb")
        pairs = [
            ("mljobs --help", [*mljobs, "--help"], "python -c 'import typer'", [sys.executable, "-c", "import typer"]),
            ("mljobs --version", [*mljobs, "--version"], "python -c 'import typer'",
             [sys.executable, "-c", "import typer"]),
            ("mljobs report roles", [*mljobs, "--data-dir", data, "report", "roles"],
             "bare duckdb, same query", [sys.executable, "-c", BARE_QUERY, database, str(SQL / "postings.sql"),
                                         str(SQL / "roles.sql"), json.dumps(NO_FILTER)]),
        ]
        results = {label: [float("inf"), float("inf")] for label, *_ in pairs}
        for _ in range(args.runs):  # interleaved: one run of each command per round
            for label, command, _, bare in pairs:
                results[label][0] = min(results[label][0], best(command, 1))
                results[label][1] = min(results[label][1], best(bare, 1))
    print(f"{'command':<22} {'best s':>7}   {'beside':<26} {'best s':>7}  ratio (target <= 2)")
    for label, _, bare_label, _ in pairs:
        own, bare = results[label]
        print(f"{label:<22} {own:7.3f}   {bare_label:<26} {bare:7.3f}  {own / bare:5.2f}")


if __name__ == "__main__":
    main()
