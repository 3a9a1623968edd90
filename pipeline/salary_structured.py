"""A site's own salary field(s) → Money: schema.org MonetaryAmount, Greenhouse pay_input_ranges,
Lever salaryRange, Ashby compensation, min–max fields, or free text.

Which reader a crawled source's fields go to, under which names, is declared in crawlers/sources.toml
(`pay`, `pay_fields`); the import formats' shapes (JobSpy, a dataset's salary column, a bare MonetaryAmount or
{min, max} range) follow the sources'.
"""

from collections.abc import Callable, Mapping, Sequence
from functools import cache, partial
from typing import Any

from mljobs.crawlers import sources
from mljobs.pipeline import salary_text
from mljobs.pipeline.salary_text import Money

_LEVER_INTERVALS = {"per-year-salary": "year", "per-month-salary": "month", "per-week-salary": "week",
                    "per-day-wage": "day", "per-hour-wage": "hour"}


def extract(structured: Any) -> Money | None:
    """The pay in a site's salary field, or None when absent or unusable."""
    if isinstance(structured, str):
        return salary_text.extract(structured, is_salary_field=True)
    if not isinstance(structured, Mapping):
        return None
    for key, reader in _readers():
        if key in structured:
            money = reader(structured)
            if money is not None:
                return money
    return None


def _schema_org(d: Mapping[str, Any]) -> Money | None:
    amount = d.get("baseSalary", d)
    if isinstance(amount, list):  # several MonetaryAmounts: the first usable one
        return next((m for m in map(extract, amount) if m is not None), None)
    if isinstance(amount, str | int | float):
        amount = {"value": amount, "currency": d.get("salaryCurrency")}
    if not isinstance(amount, Mapping):
        return None
    currency = _currency(amount.get("currency") or d.get("salaryCurrency"))
    value = amount.get("value")
    unit = None
    if isinstance(value, Mapping):
        unit = value.get("unitText")
        low, high = _num(value.get("minValue")), _num(value.get("maxValue"))
        if low is None and high is None:
            low = high = _num(value.get("value"))
    elif isinstance(value, str) and _num(value) is None:
        money = salary_text.extract(value, is_salary_field=True)
        if money is None:
            return None
        low, high = money.min, money.max
        currency = currency or money.currency
        unit = amount.get("unitText") or money.period
    else:
        low = high = _num(value)
    return _money(low, high, currency, _period(unit or amount.get("unitText")))


def _schema_org_posting(d: Mapping[str, Any], fields: Sequence[str]) -> Money | None:
    """A JobPosting's baseSalary, else its estimatedSalary (each a MonetaryAmount), with salaryCurrency."""
    base, estimated, currency = fields
    money = _schema_org({"baseSalary": d[base], "salaryCurrency": d.get(currency)}) if base in d else None
    if money is None and estimated in d:
        money = _schema_org({"baseSalary": d.get(estimated), "salaryCurrency": d.get(currency)})
    return money


def _greenhouse(d: Mapping[str, Any], fields: Sequence[str]) -> Money | None:
    ranges = [r for r in _list(d.get(fields[0])) if isinstance(r, Mapping)]
    chosen = next((r for r in ranges if salary_text.mentions_ml_role(_str(r.get("title")))), None)
    for r in ([chosen] if chosen else []) + ranges:
        low, high = _cents(r.get("min_cents")), _cents(r.get("max_cents"))
        words = f"{_str(r.get('title'))} {_str(r.get('blurb'))}"
        period = _period_word(words) or ("hour" if (high or low or 0) < 1000 else "year")
        money = _money(low, high, _currency(r.get("currency_type")), period)
        if money is not None:
            return money
    return None


def _lever(d: Mapping[str, Any], fields: Sequence[str]) -> Money | None:
    """Lever's salaryRange; without a usable one, its salaryDescriptionPlain (pay written out, text rules)."""
    salary_range, description = fields
    r = d.get(salary_range)
    money = _range(r) if isinstance(r, Mapping) else None
    return money or _description(d, description)


def _description(d: Mapping[str, Any], key: str = "salaryDescription") -> Money | None:
    words = d.get(key)
    return salary_text.extract(words) if isinstance(words, str) else None


def _range(r: Mapping[str, Any]) -> Money | None:
    """{min, max, currency, interval}: Lever's salaryRange, also passed on its own."""
    interval = _str(r.get("interval"))
    period = _LEVER_INTERVALS.get(interval) or _period(r.get("interval") or r.get("period"))
    return _money(_num(r.get("min")), _num(r.get("max")), _currency(r.get("currency")), period)


def _ashby(d: Mapping[str, Any], fields: Sequence[str]) -> Money | None:
    comp = d.get(fields[0])
    if not isinstance(comp, Mapping):
        return None
    tiers = [t for t in _list(comp.get("compensationTiers")) if isinstance(t, Mapping)]
    tiers.sort(key=lambda t: not salary_text.mentions_ml_role(_str(t.get("title"))))
    components = [c for t in tiers for c in _list(t.get("components"))]
    components += _list(comp.get("summaryComponents"))
    for c in components:
        if isinstance(c, Mapping) and c.get("compensationType") == "Salary":
            money = _money(_num(c.get("minValue")), _num(c.get("maxValue")),
                           _currency(c.get("currencyCode")), _period(c.get("interval")))
            if money is not None:
                return money
    summary = comp.get("scrapeableCompensationSalarySummary")
    return salary_text.extract(summary, is_salary_field=True) if isinstance(summary, str) else None


def _min_max(d: Mapping[str, Any], fields: Sequence[str]) -> Money | None:
    """Low, high, currency and period fields, named in that order; no period is a year."""
    low_key, high_key, currency_key, period_key = fields
    period = _period(d.get(period_key)) if d.get(period_key) else "year"
    return _money(_num(d.get(low_key)), _num(d.get(high_key)), _currency(d.get(currency_key)), period)


def _salary_column(d: Mapping[str, Any]) -> Money | None:
    """A dataset row: {"salary": 81000, "salary_currency": "EUR"} (ai-jobs), or a nested field."""
    inner = d.get("salary")
    amount = _num(inner)
    if amount is None:
        return None if inner is d else extract(inner)
    currency = next((d[k] for k in ("salary_currency", "currency", "salaryCurrency") if d.get(k)), None)
    period = next((d[k] for k in ("salary_period", "period", "interval", "salaryPeriod") if d.get(k)), None)
    return _money(amount, amount, _currency(currency), _period(period))


Reader = Callable[[Mapping[str, Any]], Money | None]
_BY_NAME: dict[str, Callable[[Mapping[str, Any], Sequence[str]], Money | None]] = {
    "greenhouse": _greenhouse, "lever": _lever, "ashby": _ashby, "schema_org": _schema_org_posting,
    "min_max": _min_max,
}
# The import formats' shapes: a bare MonetaryAmount, JobSpy's columns, a dataset's salary column, Lever's
# HTML description, a {min, max, currency, interval} range.
_JOBSPY = ("min_amount", "max_amount", "currency", "interval")
_IMPORTED: list[tuple[str, Reader]] = [
    ("value", _schema_org),
    ("min_amount", lambda d: _min_max(d, _JOBSPY)),
    ("max_amount", lambda d: _min_max(d, _JOBSPY)),
    ("salary", _salary_column),
    ("salaryDescription", _description),
    ("min", _range),
    ("max", _range),
]


@cache
def _readers() -> list[tuple[str, Reader]]:
    """(key, reader) in the order tried: each declared source's pay fields, in rank order, then the imports'."""
    declared = [
        (key, partial(_BY_NAME[source.pay], fields=source.pay_fields))
        for source in sources.declared().values() if source.pay
        for key in source.pay_fields
    ]
    return declared + _IMPORTED


def _money(low: float | None, high: float | None, currency: str | None, period: str | None) -> Money | None:
    if (low is None and high is None) or period is None:
        return None
    return Money(low, high, currency or "USD", period)


def _num(value: Any) -> float | None:
    """A positive amount below MAX_AMOUNT; 0 and blanks mean unknown (RemoteOK sends 0)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = salary_text.number_in(value)  # "120000", "120,000", "$120,000", "120k"
    if isinstance(value, int | float) and 0 < value < salary_text.MAX_AMOUNT:
        return float(value)
    return None


def _cents(value: Any) -> float | None:
    amount = _num(value)
    return None if amount is None else amount / 100


def _currency(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip()
    if len(code) == 3 and code.isalpha():
        return code.upper()
    return salary_text.currency_symbol(code)


def _period(value: Any) -> str | None:
    """'1 YEAR', 'HOUR', 'yearly', 'per month'… → a period; None when it names none."""
    if value is None or value == "":
        return "year"
    return _period_word(_str(value))


_PERIOD_WORDS = {"hour": "hour", "daily": "day", "day": "day", "week": "week", "month": "month",
                 "year": "year", "annual": "year", "annum": "year"}


def _period_word(words: str) -> str | None:
    """The period the earliest period word in `words` names ('Hourly range', 'per-year', '1 MONTH')."""
    lowered = words.lower()
    hits = [(i, period) for word, period in _PERIOD_WORDS.items() if (i := lowered.find(word)) >= 0]
    return min(hits)[1] if hits else None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
