"""Extract-path speed on a realistic mix of real postings, beside the floor, and memory while streaming.

Run on demand: `.venv/bin/python benchmarks/extract.py [ROUNDS]`. The mix is the labelling corpus
(tests/fixtures/labelled/corpus.jsonl: 3,122 real postings drawn at random from every source kind —
HN posts of 2011–2024, Glassdoor and UK boards' plain text, ATS HTML, title-only rows), not a few
repeated postings. The floor is what any extractor must pay: lxml's text of the HTML and one
Aho-Corasick scan of the lowercased text over the skill vocabulary. `mljobs extract` end to end runs
on the mix repeated, so that interpreter start-up is a small part of it.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import ahocorasick_rs
import lxml.html
from mljobs.pipeline import roles, salary, seniority, skills, text
from mljobs.pipeline.extract import extract, extract_lines
from timing import rate, rates  # benchmarks/ is on sys.path when a benchmark runs as a script

CORPUS = Path(__file__).resolve().parent.parent / "tests/fixtures/labelled/corpus.jsonl"
REPEAT_CLI = 6  # the mix six times (~19k postings) for the end-to-end run
INPUT_KEYS = ("id", "title", "company", "location", "description", "salary", "level", "source")


def postings() -> list[dict]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").split("\n") if line]
    return [{key: row[key] for key in INPUT_KEYS if key in row} for row in rows]


def _kind(record: dict) -> str:
    description = record.get("description") or ""
    if not description:
        return "title only"
    if record["source"] == "hackernews":
        return "HN post (HTML)"
    return "HTML" if "<" in description else "plain text"


def _floor_automaton() -> ahocorasick_rs.AhoCorasick:
    spellings = {spelling.lower() for skill in skills.vocabulary().values()
                 for spelling in (skill.name, *skill.aliases) if len(spelling) > 1}
    return ahocorasick_rs.AhoCorasick(sorted(spellings), implementation=ahocorasick_rs.Implementation.DFA)


_AUTOMATON = _floor_automaton()


def floor(record: dict) -> object:
    description = record.get("description") or ""
    plain = lxml.html.fromstring(description).text_content() if "<" in description else description
    return _AUTOMATON.find_matches_as_indexes(f"{record.get('title') or ''}\n{plain}".lower(), overlapping=True)


def stages(records: list[dict]) -> list[tuple[str, float]]:
    """postings/s of each stage alone, on the same postings (clean text computed once beforehand)."""
    bodies = {id(r): text.clean(r["description"]) for r in records}
    lowered = {key: body.lower() for key, body in bodies.items()}
    return [
        ("  text.clean (HTML → text)", rate(lambda r: text.clean(r["description"]), records)),
        ("  roles.extract", rate(lambda r: roles.extract([r["title"]], bodies[id(r)], lowered[id(r)]), records)),
        ("  seniority.extract", rate(lambda r: seniority.extract(r["title"], None, bodies[id(r)], lowered[id(r)]),
                                    records)),
        ("  skills.extract", rate(lambda r: skills.extract(f"{r['title']}\n{bodies[id(r)]}"), records)),
        ("  salary.extract", rate(lambda r: salary.extract(None, f"{r['title']}\n{bodies[id(r)]}"), records)),
    ]


def peak_streaming(records: list[dict], times: int) -> float:
    """Peak traced memory (MB) while the mix, `times` over, streams through extract_lines as JSON lines."""
    lines = (json.dumps(p).encode() + b"\n" for _ in range(times) for p in records)
    tracemalloc.start()
    for _ in extract_lines(lines):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def _cli_seconds(source: Path, scratch: str) -> float:
    """CPU seconds of one `mljobs extract --input source --output …` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [str(Path(sys.executable).with_name("mljobs")), "extract", "--input", str(source),
               "--output", os.path.join(scratch, "out.jsonl")]
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def end_to_end(records: list[dict], rounds: int) -> tuple[float, float, float, float]:
    """`mljobs extract --input F --output G` on the mix REPEAT_CLI times over, by its CPU time (wall time on
    this shared machine measures the neighbours): postings/s start-up included; its fixed cost (start-up,
    the exchange-rate tables), from a run on the mix's first 200 postings; postings/s after that cost; and
    extract_lines over the same lines in this process (JSON parsing and dumping included). Best of `rounds`."""
    lines = [json.dumps(p, ensure_ascii=False).encode() + b"\n" for p in records] * REPEAT_CLI
    whole = small = in_process = float("inf")
    with tempfile.TemporaryDirectory() as scratch:
        source, first = Path(scratch, "in.jsonl"), Path(scratch, "first.jsonl")
        source.write_bytes(b"".join(lines))
        first.write_bytes(b"".join(lines[:200]))
        for _ in range(rounds):
            whole, small = min(whole, _cli_seconds(source, scratch)), min(small, _cli_seconds(first, scratch))
            start = time.process_time()
            for item in extract_lines(lines):
                json.dumps(item, ensure_ascii=False)
            in_process = min(in_process, time.process_time() - start)
    per_posting = (whole - small) / (len(lines) - 200)
    fixed = small - 200 * per_posting
    return len(lines) / whole, fixed, 1 / per_posting, len(lines) / in_process


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    records = postings()
    for record in records:  # load vocabularies and rate tables once, outside the timing
        extract(record)
    kinds = Counter(_kind(r) for r in records)
    print(f"mix: {len(records):,} real postings — " + ", ".join(f"{k} {n:,}" for k, n in kinds.most_common()))
    floor_rate, extract_rate = rates([floor, extract], records, rounds=rounds)
    print("one core, best of", rounds, "rounds, CPU time\n")
    print(f"{'path':<52}{'postings/s':>12}")
    print(f"{'floor: lxml text + one Aho-Corasick skill scan':<52}{floor_rate:>12,.0f}")
    print(f"{'extract(): the whole path':<52}{extract_rate:>12,.0f}")
    print(f"{'extract / floor':<52}{extract_rate / floor_rate:>12.2f}")
    print("stages alone:")
    for name, stage_rate in stages(records):
        print(f"{name:<52}{stage_rate:>12,.0f}")
    cli_rate, fixed, steady, lines_rate = end_to_end(records, max(2, rounds // 2))
    print(f"{'extract_lines (JSON in and out), in process':<52}{lines_rate:>12,.0f}")
    print(f"{f'mljobs extract, {REPEAT_CLI}x the mix, CPU time':<52}{cli_rate:>12,.0f}")
    print(f"{'  its fixed cost (start-up, rate tables), seconds':<52}{fixed:>12.2f}")
    print(f"{'  after the fixed cost':<52}{steady:>12,.0f}")
    ratios = f"{cli_rate / lines_rate:>6.2f}{steady / lines_rate:>6.2f}"
    print(f"{'mljobs extract / in process (after the fixed cost)':<52}{ratios}")
    print(f"\n{'streamed through extract_lines':<52}{'peak MB':>12}")
    for times in (1, 5):
        print(f"{f'{times * len(records):,} postings':<52}{peak_streaming(records, times):>12.2f}")
    print(f"\nmax RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    print(f"target ≥ 3,000 postings/s on the mix: {'met' if extract_rate >= 3000 else 'NOT met'}")


if __name__ == "__main__":
    main()
