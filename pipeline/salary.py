"""Salary: structured fields and free text → {min, max, currency, period, annual_*_usd, source}.
(Initial version; see the extraction issue.)"""

from typing import Any


def parse(structured: Any, text: str) -> dict[str, Any] | None:
    return None
