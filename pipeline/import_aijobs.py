"""The `aijobs` import format.

`aijobs`: the ai-jobs.net salary survey CSV (foorilla/ai-jobs-net-salaries, CC0), plain or .gz. One survey
answer per row: a job title, an experience level, the pay in its own currency and the company's country.
Levels map to the guide's three: EN → entry, MI → mid, SE → senior, and EX (executive) → senior, since the
guide has no executive level. Only full-time rows are kept: a part-time or contract amount is not an annual
full-time salary.
"""

import csv
import hashlib
import io
import json
import math
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mljobs.pipeline.import_formats import (
    AIJOBS_NEEDED,
    UNREADABLE,
    ImportFailed,
    Posting,
    Row,
    country_name,
    open_binary,
)

AIJOBS_COLUMNS = ("work_year", "experience_level", "employment_type", "job_title", "salary", "salary_currency",
                  "salary_in_usd", "employee_residence", "remote_ratio", "company_location", "company_size")
# Strings the extractor's level reader (pipeline/seniority.py) reads as entry/mid/senior. The guide has three
# levels: executives (EX) are counted as senior.
AIJOBS_LEVELS = {"EN": "Entry level", "MI": "Mid level", "SE": "Senior level", "EX": "Senior level"}


def aijobs_postings(path: Path) -> Iterator[tuple[Row, Posting | str]]:
    """One raw posting per full-time survey answer with a salary."""
    csv.field_size_limit(sys.maxsize)
    with io.TextIOWrapper(open_binary(path), encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            missing = AIJOBS_NEEDED - set(reader.fieldnames or ())
        except UNREADABLE:
            yield 1, "unreadable_file"
            return
        if missing:
            raise ImportFailed(f"{path} is not an ai-jobs.net salaries CSV: no {', '.join(sorted(missing))} column")
        seen: Counter[str] = Counter()
        number = 1
        try:
            for number, row in enumerate(reader, 2):  # numbered as lines: row 2 is the first after the header
                yield number, _from_aijobs(row, seen)
        except UNREADABLE:
            yield number + 1, "unreadable_file"


def _from_aijobs(row: dict[str | None, str | None], seen: Counter[str]) -> Posting | str:
    if None in row or None in row.values():  # more or fewer fields than the header names
        return "wrong_column_count"
    values: dict[str, str] = {str(key): (value or "").strip() for key, value in row.items()}
    if values["employment_type"].upper() != "FT":
        return "not_full_time"
    amount = _positive(values["salary"])
    if amount is None:
        return "no_salary"
    if not values["salary_currency"]:
        return "no_currency"
    if not values["job_title"]:
        return "no_title"
    # Identical rows are distinct answers: the k-th copy in the file is "<sha1>-k", the same in every version
    # of the file that holds it. The known columns in a fixed order, so a new column would not change ids.
    digest = hashlib.sha1(json.dumps([values.get(c, "") for c in AIJOBS_COLUMNS]).encode("utf-8")).hexdigest()
    seen[digest] += 1
    raw: dict[str, Any] = dict(values)
    if values.get("work_year", "").isdigit():
        raw["work_year"] = int(values["work_year"])
    return {
        "source": "aijobs", "native_id": f"{digest}-{seen[digest]}", "board": None, "url": None,
        "title": values["job_title"], "company": None, "location": country_name(values["company_location"]),
        "remote": _remote(values["remote_ratio"]), "posted_at": None,  # the survey dates a row by year only
        "description": None,
        "salary": {"@type": "MonetaryAmount", "currency": values["salary_currency"].upper(),
                   "value": {"@type": "QuantitativeValue", "minValue": amount, "maxValue": amount,
                             "unitText": "YEAR"}},
        "level": AIJOBS_LEVELS.get(values["experience_level"].upper()), "raw": raw,
    }


def _positive(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and number > 0 else None


def _remote(ratio: str) -> bool | None:
    """Fully remote (remote_ratio 100) or not (0, or 50 = hybrid); None when the ratio is missing."""
    return int(ratio) == 100 if ratio.isdigit() else None
