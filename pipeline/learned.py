"""The learned layer over the rules: one linear model per field (is_ml, role, seniority) reading the
posting's words and the rules' own answers, trained offline on the labelled corpus by
`scripts/train_model.py` and shipped as `pipeline/model/extract.npz` (weights only: no scikit-learn
at run time, no download). The rules keep the last word where they are exact: a seniority marker in
the title ("Senior", "Intern", "II").

Per field, `use` says whose answer counts — the model's or the rules' — as the training chose on postings
neither had been fitted to (today: the model for is_ml, the rules for role and seniority; the numbers are in
tests/fixtures/labelled/README.md, "Corpus").
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from mljobs.pipeline.extract import Reading

BODY_CHARS = 5000  # the duties come first; the rest is benefits and boilerplate
ROLES = ("machine-learning-engineer", "data-scientist", "ai-research-scientist", "nlp-engineer",
         "computer-vision-engineer", "mlops-engineer")
LEVELS = ("entry", "mid", "senior", "none")
_TOKEN = re.compile(r"[a-z0-9+#]+")


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def features(reading: "Reading", with_rules: bool = True) -> list[str]:
    """The posting's features: title words and word pairs, the body's words, the site's level
    field, the kind of source, and (with_rules) the rules' answers."""
    title = _words(reading.title.lower())
    found = [f"t:{w}" for w in title]
    found += [f"tt:{a}_{b}" for a, b in zip(title, title[1:], strict=False)]
    body = set(_words(reading.lowered[:BODY_CHARS]))
    found += [f"b:{w}" for w in body]
    return found + _others(reading, with_rules)


def _years(years: int | None) -> str:
    return "-" if years is None else "0-2" if years <= 2 else "3-4" if years <= 4 else "5+"


@dataclass(frozen=True)
class Model:
    title: dict[str, int]  # a title word → its row of weights
    pairs: dict[tuple[str, str], int]  # a title word pair → row
    body: dict[str, int]  # a body word → row
    body_words: frozenset[str]  # body's keys, for a set intersection done in C
    other: dict[str, int]  # every other feature, by name → row
    weights: np.ndarray  # features × (1 is_ml logit + 6 roles + 4 levels)
    bias: np.ndarray
    cut: float  # the is_ml logit above which a posting is ML (the folds' best F1)
    use: dict[str, str]  # per field: "combined" (the model) or "rules", as the folds chose

    ml: list[float]  # the is_ml column as Python floats: summed without numpy for every posting

    def rows(self, reading: "Reading") -> list[int]:
        """The rows of the posting's features: the same features as `features`, looked up without
        building their names (the body's few hundred words are most of the work)."""
        title = _words(reading.title.lower())
        found = [self.title[w] for w in title if w in self.title]
        found += [self.pairs[p] for p in zip(title, title[1:], strict=False) if p in self.pairs]
        body, index = self.body, self.other
        found += [body[w] for w in self.body_words.intersection(_words(reading.lowered[:BODY_CHARS]))]
        return found + [index[f] for f in _others(reading, True) if f in index]

    def scores(self, reading: "Reading") -> np.ndarray:
        """Every column's score: the is_ml logit, then the six roles', then the four levels'."""
        return self.weights[self.rows(reading)].sum(axis=0) + self.bias


def _others(reading: "Reading", with_rules: bool) -> list[str]:
    found = [f"lvl:{' '.join(_words(reading.level.lower())) if reading.level else '-'}",
             f"src:{'hn' if reading.source == 'hn' else 'other'}",
             "desc:none" if not reading.body else "desc:some"]
    if with_rules:
        found += [f"r:ml:{reading.is_ml}", f"r:role:{reading.role}", f"r:sen:{reading.seniority}",
                  f"r:years:{_years(reading.years)}"]
    return found


@cache
def model() -> Model:
    """The shipped model, loaded once (a few ms: numpy's own format, no JSON of 100k numbers)."""
    with resources.files("mljobs.pipeline.model").joinpath("extract.npz").open("rb") as handle:
        data = np.load(handle)
        names = bytes(data["features"]).decode("utf-8").split("\n")
        weights, bias, cut = data["weights"], data["bias"], float(data["cut"])
        use = json.loads(bytes(data["use"]).decode("utf-8"))
    families: dict[str, dict] = {"t": {}, "tt": {}, "b": {}}
    other: dict[str, int] = {}
    for row, name in enumerate(names):
        family, _, value = name.partition(":")
        if family == "tt":
            families["tt"][tuple(value.split("_", 1))] = row
        elif family in families:
            families[family][value] = row
        else:
            other[name] = row
    return Model(families["t"], families["tt"], families["b"], frozenset(families["b"]), other, weights, bias, cut,
                 use, weights[:, 0].tolist())


def decide(reading: "Reading") -> tuple[bool, str | None, str | None]:
    """(is_ml, role, seniority) of a posting: the model's or the rules' answer per field, as the
    training chose, and a seniority the title states always. The role and level columns are summed
    only when the answer needs them (most postings need only is_ml's)."""
    shipped = model()
    rows = shipped.rows(reading)
    is_ml = float(shipped.bias[0]) + sum(map(shipped.ml.__getitem__, rows)) > shipped.cut
    role, level = reading.role or ROLES[0], reading.seniority or "none"
    role_needed = is_ml and (shipped.use["role"] == "combined" or not reading.role)
    level_needed = shipped.use["seniority"] == "combined" and not reading.title_level
    if role_needed or level_needed:
        scores = shipped.weights[rows].sum(axis=0) + shipped.bias
        role, level = ROLES[int(np.argmax(scores[1:7]))], LEVELS[int(np.argmax(scores[7:]))]
    return choose(reading, is_ml, role, level, shipped.use)


def choose(reading: "Reading", is_ml: bool, role: str, level: str, use: dict[str, str]
           ) -> tuple[bool, str | None, str | None]:
    """The answer from the model's (is_ml, role, level) and the rules' reading: per field, "combined"
    takes the model's, "rules" the rules' (a role the rules did not name comes from the model)."""
    if use["is_ml"] == "rules":
        is_ml = reading.is_ml
    if use["role"] == "rules" and reading.role:
        role = reading.role
    if reading.title_level:
        level = reading.title_level
    elif use["seniority"] == "rules":
        level = reading.seniority or "none"
    return is_ml, role if is_ml else None, None if level == "none" else level
