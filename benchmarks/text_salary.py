"""text.clean and salary.extract speed on ~4 KB postings, beside html-text and lxml text_content.

Run on demand: `.venv/bin/pip install -e ".[bench]"` (html-text, for the comparison), then
`.venv/bin/python benchmarks/text_salary.py [N]`. Descriptions are real (The Muse,
Cursor's Ashby board, Greenhouse luno entity-escaped, RemoteOK with mojibake; tests/fixtures/payloads/ and
analysis/demo_data/ payloads) cut or repeated to ~4 KB. Prints docs/s of CPU time (process_time: steadier than
wall time on a shared machine), best of 5 rounds; lxml itertext is the scale to compare machines by.
"""

import itertools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import html_text
import lxml.html
from mljobs.pipeline import salary, text
from timing import rate as best_of  # benchmarks/ is on sys.path when a benchmark runs as a script


def rate(work: Callable[[Any], object], items: list) -> float:
    return best_of(work, items, rounds=5)

ROOT = Path(__file__).resolve().parent.parent
PAYLOADS, DEMO_DATA = ROOT / "tests" / "fixtures" / "payloads", ROOT / "analysis" / "demo_data"  # the repo's copies
SIZE = 4096


def _about(markup: str) -> str:
    while len(markup) < SIZE:
        markup += markup
    cut = markup.rfind(">", 0, SIZE)
    return markup[: cut + 1] if cut > 0 else markup[:SIZE]


def descriptions(n: int) -> list[tuple[str, str]]:
    def load(path: Path) -> object:
        return json.loads(path.read_text(encoding="utf-8"))

    muse = load(PAYLOADS / "themuse/themuse_public_jobs_results_first25.json")
    found = [(j["name"], j["contents"]) for j in muse]
    cursor = load(PAYLOADS / "ashby/cursor_job_board_includeCompensation.json")["jobs"]
    found += [(j["title"], j["descriptionHtml"]) for j in cursor]
    found += [(j["title"], j["content"]) for j in load(DEMO_DATA / "luno_jobs_content_true.json")["jobs"]]
    found += [(j["position"], j["description"]) for j in load(DEMO_DATA / "remoteok_api_first5.json")[1:]]
    samples = [(title, _about(markup)) for title, markup in found if len(markup) > 1000]
    return list(itertools.islice(itertools.cycle(samples), n))



def main(n: int = 2000) -> None:
    docs = descriptions(n)
    markup = [m for _, m in docs]
    cleaned = [f"{title}\n{text.clean(m)}" for title, m in docs]
    salary.extract(None, "Salary: $100k")  # builds the vocabulary regexes and loads the ECB rates once
    with_pay = sum(salary.extract(None, t) is not None for t in cleaned)
    rows = [
        ("text.clean", rate(text.clean, markup)),
        ("html-text extract_text", rate(html_text.extract_text, markup)),
        ("lxml text_content (glues words)", rate(lambda m: lxml.html.fromstring(m).text_content(), markup)),
        ("lxml itertext joined (no lines)", rate(lambda m: " ".join(lxml.html.fromstring(m).itertext()), markup)),
        ("salary.extract(None, clean text)", rate(lambda t: salary.extract(None, t), cleaned)),
        ("clean + salary.extract", rate(lambda d: salary.extract(None, f"{d[0]}\n{text.clean(d[1])}"), docs)),
    ]
    print(f"{n} postings, mean {sum(map(len, markup)) // n} chars of HTML, {with_pay} with pay stated")
    print(f"{'step':34} {'docs/s':>9}")
    for name, docs_per_s in rows:
        print(f"{name:34} {docs_per_s:9,.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
