"""Extraction accuracy on the labelling corpus (tests/fixtures/labelled/corpus.jsonl, README "Corpus"):
3,122 real postings drawn at random from every source kind, labelled for is_ml, role and seniority by
five independent labellers who never saw the extractor's output. Its `final` fifth was marked before
labelling and never used to train or choose anything; untouched.jsonl (744 more) was drawn and labelled
later, when the fifth had been scored once. The scores on these two are the honest ones.
`pytest tests/test_accuracy_corpus.py -s` prints them beside the rules alone.
"""

import json
from collections import Counter
from pathlib import Path
from typing import Any

from mljobs.pipeline import learned
from mljobs.pipeline.extract import extract, read

CORPUS = Path(__file__).parent / "fixtures/labelled/corpus.jsonl"
UNTOUCHED = Path(__file__).parent / "fixtures/labelled/untouched.jsonl"  # README "Second untouched set"
INPUT_KEYS = ("id", "title", "company", "location", "description", "salary", "level", "source")
# The untouched fifth's first scores (0.894 / 0.776 / 0.933, README "Corpus") less about two postings' worth
# each: far under the 0.95 / 0.92 / 0.90 for is_ml and role, and said so.
FLOORS = {"is_ml F1": 0.88, "role accuracy": 0.76, "seniority accuracy": 0.92}
# untouched.jsonl's one scoring (0.909 / 0.849 / 0.923, README "Second untouched set") less about two postings' worth
UNTOUCHED_FLOORS = {"is_ml F1": 0.89, "role accuracy": 0.83, "seniority accuracy": 0.91}


def _rows(path: Path = CORPUS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def _scores(rows: list[dict[str, Any]], answer: Any) -> dict[str, float]:
    ml: Counter[tuple[bool, bool]] = Counter()
    role_hits = level_hits = 0
    for row in rows:
        expected = row["expected"]
        is_ml, role, level = answer({k: row[k] for k in INPUT_KEYS if k in row})
        ml[(expected["is_ml"], is_ml)] += 1
        role_hits += expected["is_ml"] and role == expected["role"]
        level_hits += level == expected["seniority"]
    tp, fp, fn = ml[(True, True)], ml[(False, True)], ml[(True, False)]
    return {"is_ml F1": 2 * tp / (2 * tp + fp + fn), "role accuracy": role_hits / (tp + fn),
            "seniority accuracy": level_hits / len(rows)}


def _shipped(record: dict[str, Any]) -> tuple[bool, str | None, str | None]:
    facts = extract(record)
    return facts["is_ml"], facts["role"], facts["seniority"]


def _rules(record: dict[str, Any]) -> tuple[bool, str | None, str | None]:
    reading = read(record)
    return reading.is_ml, reading.role, reading.seniority


def test_corpus_is_well_formed() -> None:
    rows, untouched = _rows(), _rows(UNTOUCHED)
    assert len(rows) == 3122 and len({r["id"] for r in rows}) == len(rows)
    assert Counter(r["split"] for r in rows) == {"train": 2498, "final": 624}
    assert len(untouched) == 744 and {r["split"] for r in untouched} == {"final"}
    assert not {r["id"] for r in rows} & {r["id"] for r in untouched}
    for row in rows + untouched:
        expected = row["expected"]
        assert (expected["role"] is None) == (not expected["is_ml"]), row["id"]
        assert expected["role"] in (None, *learned.ROLES), row["id"]
        assert expected["seniority"] in (None, "entry", "mid", "senior"), row["id"]
        assert row["labeller"] in {"L1", "L2", "L3", "L4", "L5", "U1", "U2", "U3", "U4"}


def _meets(rows: list[dict[str, Any]], name: str, floors: dict[str, float]) -> None:
    shipped, rules = _scores(rows, _shipped), _scores(rows, _rules)
    ml = sum(r["expected"]["is_ml"] for r in rows)
    print(f"\n{name}: {len(rows)} postings, {ml} ML")
    print(f"{'field':<22}{'rules':>8}{'shipped':>9}{'floor':>7}")
    for field, value in shipped.items():
        print(f"{field:<22}{rules[field]:>8.3f}{value:>9.3f}{floors[field]:>7.2f}")
    failing = {field: round(value, 3) for field, value in shipped.items() if value < floors[field]}
    assert not failing, f"below floor on {name}: {failing}"


def test_untouched_fifth_meets_floors() -> None:
    _meets([r for r in _rows() if r["split"] == "final"], "the corpus's untouched fifth", FLOORS)


def test_second_untouched_set_meets_floors() -> None:
    _meets(_rows(UNTOUCHED), "untouched.jsonl", UNTOUCHED_FLOORS)
