"""Salary: the site's salary field(s) or the posting text → {min, max, currency, period,
annual_min_usd, annual_max_usd, source} (+ `flag` when implausible). The contract is DESIGN.md's."""

from datetime import date
from typing import Any

from mljobs.pipeline import salary_structured, salary_text
from mljobs.pipeline.currency import as_date, usd_rate
from mljobs.pipeline.salary_text import Money

PER_YEAR = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}
PLAUSIBLE_ANNUAL_USD = (5_000, 2_000_000)


def extract(structured: Any, text: str, posted_at: "date | str | None" = None) -> dict[str, Any] | None:
    """Pay of one posting. `structured` is the site's own salary field(s) (string, schema.org
    baseSalary, or the source's keys); it wins when usable, else the text (title + description) is
    read. Amounts convert to USD at the ECB rate of `posted_at` (nearest date; latest when None)."""
    money, source = salary_structured.extract(structured), "structured"
    if money is None:
        money, source = salary_text.extract(text if isinstance(text, str) else ""), "text"
    if money is None:
        return None
    return _describe(money, source, as_date(posted_at))


def _describe(money: Money, source: str, on: date | None) -> dict[str, Any]:
    low, high, flag = money.min, money.max, None
    if low is not None and high is not None and high < low:
        low, high, flag = high, low, "max_below_min"
    rate = usd_rate(money.currency, on)
    per_year = PER_YEAR[money.period]
    annual = [None if v is None or rate is None else round(v * per_year * rate) for v in (low, high)]
    result: dict[str, Any] = {
        "min": _tidy(low),
        "max": _tidy(high),
        "currency": money.currency,
        "period": money.period,
        "annual_min_usd": annual[0],
        "annual_max_usd": annual[1],
        "source": source,
    }
    known = [a for a in annual if a is not None]
    if flag is None and known:
        if max(known) > PLAUSIBLE_ANNUAL_USD[1]:
            flag = "annual_usd_above_2m"
        elif min(known) < PLAUSIBLE_ANNUAL_USD[0]:
            flag = "annual_usd_below_5k"
    if flag:
        result["flag"] = flag
    return result


def _tidy(value: float | None) -> float | int | None:
    """150000.0 → 150000; keeps cents of hourly rates (22.5)."""
    if value is None:
        return None
    return int(value) if value.is_integer() else value
