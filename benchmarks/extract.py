"""Extract-path speed and memory on ~4 KB HTML postings, beside the bare floor (lxml parse + lowercase).

Run on demand: `.venv/bin/python benchmarks/extract.py [N]`. Postings are real descriptions
(Cursor's Ashby board and The Muse: the copies in tests/fixtures/payloads) cut or repeated to ~4 KB.
Prints postings/s (best of 7 rounds, the floor's and extract's interleaved) and the tracemalloc
peak while streaming N and 10N postings through `extract_lines`, to show memory stays flat.
"""

import itertools
import json
import resource
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from mljobs.pipeline import roles, salary, seniority, skills, text
from mljobs.pipeline.extract import extract, extract_lines
from timing import rate, rates  # benchmarks/ is on sys.path when a benchmark runs as a script

PAYLOADS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "payloads"  # the repo's copies
SIZE = 4096
ROUNDS = 7  # best of 7: on this shared 2-core VM a round can run 1.5x slow


def _descriptions() -> list[tuple[str, str]]:
    cursor = json.loads((PAYLOADS / "ashby/cursor_job_board_includeCompensation.json").read_text())
    muse = json.loads((PAYLOADS / "themuse/themuse_public_jobs_results_first25.json").read_text())
    found = [(j["title"], j["descriptionHtml"]) for j in cursor["jobs"]]
    found += [(j["name"], j["contents"]) for j in muse]
    return [(title, _about(html)) for title, html in found if len(html) > 1000]


def _about(html: str) -> str:
    """The HTML cut at a tag boundary or repeated to about SIZE characters."""
    while len(html) < SIZE:
        html += html
    cut = html.rfind(">", 0, SIZE)
    return html[: cut + 1]


def postings(n: int) -> Iterator[dict]:
    samples = _descriptions()
    for i, (title, html) in zip(range(n), itertools.cycle(samples)):
        yield {"id": i, "title": title, "company": "Acme", "location": "Remote (US)", "description": html}



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


def floor(record: dict) -> str:
    return lxml.html.fromstring(record["description"]).text_content().lower()


def peak_streaming(n: int) -> float:
    """Peak traced memory (MB) while n postings stream through extract_lines as JSON lines."""
    lines = (json.dumps(p).encode() + b"\n" for p in postings(n))
    tracemalloc.start()
    for _ in extract_lines(lines):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    records = list(postings(n))
    mean_size = sum(len(r["description"]) for r in records) / len(records)
    for record in records:  # load vocabularies and rate tables once, outside the timing
        extract(record)
    floor_rate, extract_rate = rates([floor, extract], records, rounds=ROUNDS)
    print(f"{n} postings, mean description {mean_size:,.0f} chars of HTML, one core\n")
    print(f"{'path':<44}{'postings/s':>12}")
    print(f"{'floor: lxml parse + text_content().lower()':<44}{floor_rate:>12,.0f}")
    print(f"{'extract(): clean+roles+seniority+skills+salary':<44}{extract_rate:>12,.0f}")
    print(f"{'extract / floor':<44}{extract_rate / floor_rate:>12.2f}")
    print("stages alone:")
    for name, stage_rate in stages(records):
        print(f"{name:<44}{stage_rate:>12,.0f}")
    print(f"\n{'streamed through extract_lines':<44}{'peak MB':>12}")
    for count in (n, 10 * n):
        print(f"{f'{count:,} postings':<44}{peak_streaming(count):>12.2f}")
    print(f"\nmax RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    print(f"target ≥ 3,000 postings/s: {'met' if extract_rate >= 3000 else 'NOT met'}"
          f" (a quiet run of this machine's floor is ≈17k/s; a lower floor means a busy machine)")


if __name__ == "__main__":
    main()
