"""Amounts → US dollars with the ECB reference rates that currencyconverter ships (offline, dated)."""

from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path

import currency_converter
from currency_converter import CurrencyConverter, RateNotFoundError


@cache
def _converter() -> CurrencyConverter:
    # Building it parses the whole rate history (~0.3 s): once per process, and only for a dated amount.
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


@cache
def _latest() -> CurrencyConverter:
    # The package's one-day file (the history's last day, 1 ms to read): undated amounts need no history.
    return CurrencyConverter(str(Path(currency_converter.__file__).with_name("eurofxref.csv")))


def as_date(value: "date | str | None") -> date | None:
    """A posting date given as a date, datetime or ISO string; None when unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@lru_cache(maxsize=4096)
def usd_rate(currency: str, on: date | None = None) -> float | None:
    """USD per one unit of `currency` on `on` (nearest available date; latest when None), or None
    for a currency the ECB does not publish."""
    if currency == "USD":
        return 1.0
    converter = _latest() if on is None and currency in _latest().currencies else _converter()
    if currency not in converter.currencies:
        return None
    try:
        return float(converter.convert(1.0, currency, "USD", date=on))
    except (RateNotFoundError, ValueError):
        return None
