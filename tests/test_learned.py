"""The learned layer (pipeline/learned.py): the shipped weights, the run-time lookup against the
training features, and where the rules keep the last word."""

import json
from pathlib import Path

import numpy as np
import pytest
from mljobs.pipeline import learned
from mljobs.pipeline.extract import extract, read

CORPUS = Path(__file__).parent / "fixtures/labelled/corpus.jsonl"
INPUT_KEYS = ("id", "title", "company", "location", "description", "salary", "level", "source")


def _corpus_inputs(limit: int) -> list[dict]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").split("\n")[:limit] if line]
    return [{k: row[k] for k in INPUT_KEYS if k in row} for row in rows]


def test_shipped_model_is_whole() -> None:
    model = learned.model()
    width = 1 + len(learned.ROLES) + len(learned.LEVELS)
    rows = len(model.title) + len(model.pairs) + len(model.body) + len(model.other)
    assert model.weights.shape == (rows, width)
    assert model.bias.shape == (width,)
    assert set(model.use) == {"is_ml", "role", "seniority"}
    assert set(model.use.values()) <= {"combined", "rules"}
    assert np.isfinite(model.weights).all() and np.isfinite(model.cut)
    # the rules' own answers are features of the combined model
    assert {"r:ml:True", "r:ml:False"} <= set(model.other)


def test_run_time_lookup_sums_the_training_features() -> None:
    """Model.scores looks features up without naming them; it must add exactly the weights of the
    names `features` gives the training script, or the shipped model reads other postings than it learned."""
    model = learned.model()
    names = {**{f"t:{w}": r for w, r in model.title.items()}, **{f"tt:{a}_{b}": r for (a, b), r in model.pairs.items()},
             **{f"b:{w}": r for w, r in model.body.items()}, **model.other}
    for record in _corpus_inputs(60):
        reading = read(record)
        found = learned.features(reading)
        expected = model.weights[[names[f] for f in found if f in names]].sum(axis=0) + model.bias
        assert np.allclose(model.scores(reading), expected, atol=1e-4), record["id"]


def test_a_level_the_title_states_stands() -> None:
    for title, level in (("Senior Data Scientist", "senior"), ("Machine Learning Intern", "entry"),
                         ("Data Scientist II", "mid"), ("Junior and Senior ML Engineers", None)):
        facts = extract({"title": title, "description": "Build forecasting models in Python. 10+ years."})
        assert facts["seniority"] == level, title


@pytest.mark.parametrize(("title", "is_ml", "role"), [
    ("Machine Learning Engineer", True, "machine-learning-engineer"),
    ("Computer Vision Engineer", True, "computer-vision-engineer"),
    ("Payroll Administrator", False, None),
])
def test_plain_titles(title: str, is_ml: bool, role: str | None) -> None:
    facts = extract({"title": title})
    assert (facts["is_ml"], facts["role"]) == (is_ml, role)


def test_role_is_null_exactly_when_not_ml() -> None:
    for record in _corpus_inputs(300):
        facts = extract(record)
        assert (facts["role"] is None) == (not facts["is_ml"]), record["id"]
        assert facts["role"] in (None, *learned.ROLES)
