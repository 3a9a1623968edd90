"""The salary vocabulary (pipeline/vocab/salary.toml) compiled once into the regexes salary_text uses."""

import re
from dataclasses import dataclass
from functools import cache

from mljobs.pipeline import vocab

PERIODS = ("hour", "day", "week", "month", "year")


@dataclass(frozen=True)
class Patterns:
    """pipeline/vocab/salary.toml compiled to regexes and lookup tables."""

    amount: re.Pattern[str]  # number, multiplier, trailing currency; a leading one is found by `prefix`
    prefix: re.Pattern[str]  # a currency symbol or code just before a number
    symbols: dict[str, str]
    aliases: dict[str, str]
    factor: dict[str, float]  # multiplier word → factor; 0 marks billions and the like, never pay
    inr_mults: set[str]
    thousand_mults: set[str]
    any_period: re.Pattern[str]
    period_after: list[tuple[str, re.Pattern[str]]]
    period_before: dict[str, str]
    period_before_re: re.Pattern[str]
    pay_before: re.Pattern[str]
    pay_after: re.Pattern[str]
    not_pay_before: re.Pattern[str]
    not_pay_after: re.Pattern[str]
    shared: dict[str, dict[str, re.Pattern[str]]]  # "$" → {"CAD": Canada|Toronto…, …}
    any_cue: dict[str, re.Pattern[str]]  # place names → currency, for amounts with no currency at all
    ml: re.Pattern[str]


def _words(phrases: list[str], *, case_sensitive: bool = False) -> re.Pattern[str]:
    alts = sorted({re.escape(p).replace(r"\ ", r"\s+") for p in phrases}, key=len, reverse=True)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(alts) + r")(?![A-Za-z0-9])", flags)


def _names(names: list[str]) -> re.Pattern[str]:
    """Acronyms match in capitals only ("US", not "us"; "ML", not "ml"); other names in any case."""
    acronyms = [n for n in names if n.isupper() or "/" in n]
    others = [n for n in names if n not in acronyms]
    parts = [_words(acronyms, case_sensitive=True).pattern] if acronyms else []
    parts += [f"(?i:{_words(others).pattern})"] if others else []
    return re.compile("|".join(parts))


@cache
def patterns() -> Patterns:
    """The compiled vocabulary (built on first use, then shared)."""
    voc = vocab.load("salary")
    cur = voc["currency"]
    symbols: dict[str, str] = cur["symbols"]
    codes: list[str] = cur["codes"]
    aliases: dict[str, str] = cur["aliases"]
    mults = voc["multipliers"]
    factor = {w: 1e3 for w in mults["thousand"]} | {w: 1e6 for w in mults["million"]}
    factor |= {w: 1e5 for w in mults["lakh"]} | {w: 1e7 for w in mults["crore"]}
    factor |= {w: 0.0 for w in mults["reject"]}  # 0 = never pay
    sym = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    code = r"(?<![A-Za-z])(?:" + "|".join(codes) + r")(?![A-Za-z])"
    alias = r"(?i:(?<![A-Za-z])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![A-Za-z]))"
    mult = "|".join(re.escape(m) for m in sorted(factor, key=len, reverse=True))
    # Every alternative starts with the same [0-9] so the scan jumps from digit to digit (a leading
    # optional currency group would make the engine try every position: 5x slower; \d is slower too).
    number = (
        r"[0-9](?:[0-9]?(?:,[0-9]{2})+,[0-9]{3}(?![0-9])"  # Indian grouping 12,00,000
        r"|[0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?(?![0-9,])"
        r"|[0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]{1,2})?(?![0-9.])"  # European 70.000,00
        r"|[0-9]{0,2}(?:[ \u00a0\u202f'’][0-9]{3})+(?![0-9])"  # 70 000, CHF 120'000
        r"|[0-9]*(?:[.,][0-9]+)?)"
    )
    amount = re.compile(
        rf"(?P<num>{number})(?!\s?%)(?![0-9])"
        rf"(?:\s?(?P<mult>{mult})(?![A-Za-z]))?"
        r"(?:/-)?(?P<plus>\+)?"  # "25,000/-" (Indian notation)
        rf"(?:\s?(?P<post>{sym}|{code}|{alias}))?"
    )
    prefix = re.compile(rf"(?:{code}\s?(?:{sym})?|{sym})\s?$")
    periods = voc["periods"]
    period_after = [(p, _words(periods[p])) for p in PERIODS]
    cues = voc["cues"]
    shared = {symbol: {c: _names(w) for c, w in cues.items()} for symbol, cues in voc["shared_symbols"].items()}
    place_names: dict[str, list[str]] = {}
    for by_currency in [*voc["shared_symbols"].values(), voc["place_currency"]]:
        for currency, names in by_currency.items():
            place_names.setdefault(currency, []).extend(names)
    return Patterns(
        amount=amount,
        prefix=prefix,
        symbols=symbols,
        aliases={a.lower(): c for a, c in aliases.items()},
        factor=factor,
        inr_mults=set(mults["lakh"]) | set(mults["crore"]),
        thousand_mults=set(mults["thousand"]),
        any_period=_words([w for p in PERIODS for w in periods[p]]),
        period_after=period_after,
        period_before=periods["before"],
        period_before_re=_words(list(periods["before"])),
        pay_before=_words(cues["pay_before"]),
        pay_after=_words(cues["pay_after"]),
        not_pay_before=_words(cues["not_pay_before"]),
        not_pay_after=_words(cues["not_pay_after"]),
        shared=shared,
        any_cue={currency: _names(names) for currency, names in place_names.items()},
        ml=_names(voc["ml_role"]["words"]),
    )
