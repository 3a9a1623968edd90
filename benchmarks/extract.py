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
        ("  roles.pick", rate(lambda r: roles.pick([r["title"]], bodies[id(r)], lowered[id(r)]), records)),
        ("  seniority.assess", rate(lambda r: seniority.assess(r["title"], None, bodies[id(r)], lowered[id(r)]),
                                    records)),
        ("  skills.extract", rate(lambda r: skills.extract(f"{r['title']}\n{bodies[id(r)]}"), records)),
        ("  salary.parse", rate(lambda r: salary.parse(None, f"{r['title']}\n{bodies[id(r)]}"), records)),
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


def end_to_end(records: list[dict]) -> tuple[float, float]:
    """postings/s of `mljobs extract --input F --output G` (its CPU time, start-up included: wall time
    on this shared machine measures the neighbours) and of
    extract_lines over the same bytes in this process (JSON parsing and dumping included)."""
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch, "in.jsonl")
        lines = [json.dumps(p, ensure_ascii=False).encode() + b"\n" for p in records] * REPEAT_CLI
        source.write_bytes(b"".join(lines))
        cli = Path(sys.executable).with_name("mljobs")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([str(cli), "extract", "--input", str(source), "--output", os.path.join(scratch, "out.jsonl")],
                       check=True, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        cli_rate = len(lines) / cpu
    start = time.process_time()
    for item in extract_lines(lines):
        json.dumps(item, ensure_ascii=False)
    lines_rate = len(lines) / (time.process_time() - start)
    return cli_rate, lines_rate


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
    cli_rate, lines_rate = end_to_end(records)
    print(f"{'extract_lines (JSON in and out), in process':<52}{lines_rate:>12,.0f}")
    print(f"{f'mljobs extract, {REPEAT_CLI}x the mix, CPU time':<52}{cli_rate:>12,.0f}")
    print(f"{'mljobs extract / in process':<52}{cli_rate / lines_rate:>12.2f}")
    print(f"\n{'streamed through extract_lines':<52}{'peak MB':>12}")
    for times in (1, 5):
        print(f"{f'{times * len(records):,} postings':<52}{peak_streaming(records, times):>12.2f}")
    print(f"\nmax RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    print(f"target ≥ 3,000 postings/s on the mix: {'met' if extract_rate >= 3000 else 'NOT met'}")


if __name__ == "__main__":
    main()
