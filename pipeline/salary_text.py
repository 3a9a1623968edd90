"""Pay written in free text ("$150k–$200k", "€70.000–90.000 p.a.", "12 LPA", "up to £85K") → Money.

One regex finds every amount (currency, number, multiplier); neighbours joined by a dash or "to" make
ranges; the words around each amount decide whether it is pay (salary, base…) or not (funding, equity,
perks…), its period and, for a bare "$" (or "¥", "kr"), which country's. The vocabulary is
pipeline/vocab/salary.toml.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mljobs.pipeline.salary_vocab import Patterns, patterns

MAX_AMOUNT = 1e11


@dataclass(frozen=True)
class Money:
    """An amount or range as stated: open ends are None, values are in the stated unit and period."""

    min: float | None
    max: float | None
    currency: str
    period: str


@dataclass
class _Amount:
    start: int
    end: int
    value: float
    mult: float
    mult_word: str
    currency: str | None  # ISO code, or a symbol several currencies share ("$", "¥", "kr")
    plus: bool
    grouped: bool  # written with thousands separators: "150,000", "70.000"


@dataclass
class _Candidate:
    first: _Amount
    last: _Amount
    is_range: bool


def extract(text: str, *, is_salary_field: bool = False) -> Money | None:
    """The pay stated in `text`, or None. With several pay amounts the one next to an ML role wins,
    else the first. `is_salary_field`: the text is a site's salary field, so bare figures count."""
    if not text:
        return None
    v = patterns()
    accepted: list[tuple[_Candidate, Money]] = []
    for cand in _candidates(text, v):
        money = _judge(text, cand, v, is_salary_field)
        if money is not None:
            accepted.append((cand, money))
    if not accepted:
        return None
    if len({m for _, m in accepted}) > 1:
        for cand, money in accepted:
            if _near_ml_role(text, cand, v):
                return money
    return accepted[0][1]


def mentions_ml_role(words: str) -> bool:
    """Whether `words` name an ML role ("Machine Learning Engineer", "ML", "AI/ML"...)."""
    return bool(patterns().ml.search(words))


def number_in(field: str) -> float | None:
    """The one number a structured field holds ("120000", "$120,000", "120k", "1.5 M"), else None."""
    found = list(patterns().amount.finditer(field))
    if len(found) != 1 or field.lstrip().startswith("-"):
        return None
    m = found[0]
    return _parse_number(m["num"]) * patterns().factor.get(m["mult"] or "", 1.0)


def currency_symbol(symbol: str) -> str | None:
    """ISO code of a currency symbol ("€" → EUR, "$" → USD), None when unknown."""
    return patterns().symbols.get(symbol)


# ---------------------------------------------------------------- amounts and ranges

_RANGE_GAP = re.compile(
    r"\s*(?:/\s?(?:hr|hour|h|yr|year|mo|month|day|wk|week)|(?:per|an?)\s+(?:hour|year|annum|month|week|day))?"
    r"\s*(?:-|–|—|‒|−|‑|~|to|and|bis|up\s+to)\s*",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"between\s*$", re.IGNORECASE)
# Clause boundaries: "+ equity" after a range or "bonus, " before it belong to other items.
_CLAUSE_START = re.compile(r"\n|\||;|•|\. |, |\+| and ")
_CLAUSE_END = re.compile(r"\n|\||;|•|\. |, | \+|\+ | plus | and | with | w/ | & ", re.IGNORECASE)
_SEGMENT_START = re.compile(r"[\n|•()]")
_ASIDE = re.compile(r"\([^)]*\)?")
_APPROX = re.compile(r"~|\b(?:circa|c\.|approx\.?|approximately|around|about|roughly)", re.IGNORECASE)
_NEAR = 35  # characters before an amount whose words can make it not pay ("raised over", "allowance of")
_RETIREMENT_PLAN = 401  # "401k" is a US pension plan, not 401,000
_UP_TO = re.compile(
    r"(?<![A-Za-z])(?:up\s*-?\s*to|upto|max(?:imum)?\.?|as\s+much\s+as|bis\s+zu|to)\s*"
    r"(?:circa|c\.|approx\.?|around|~)?\s*$",
    re.IGNORECASE,
)
_FROM = re.compile(
    r"(?<![A-Za-z])(?:from|starting\s+(?:at|from)|starts\s+at|min(?:imum)?\.?|at\s+least|(?:no|not)\s+less\s+than|ab)\s*$",
    re.IGNORECASE,
)


def _parse_number(num: str) -> float:
    """"150,000", "70.000", "12,00,000", "1.5", "45,50", "70 000" → float. A last separator followed by
    exactly three digits groups thousands; otherwise it is the decimal point."""
    digits = num.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("'", "").replace("’", "")
    last = max(digits.rfind(","), digits.rfind("."))
    if last < 0:
        return float(digits)
    if len(digits) - last == 4:
        return float(digits.replace(",", "").replace(".", ""))
    point = digits[last]
    grouping = "." if point == "," else ","
    return float(digits.replace(grouping, "").replace(point, "."))


def _digit_positions(text: str) -> list[int]:
    """Offsets of the ASCII digits in `text`, in order. str.find runs in C at memchr speed; the
    regex engine steps through every character (≈5x slower on a 4 KB posting with a few digits)."""
    found = []
    for digit in "0123456789":
        at = text.find(digit)
        while at != -1:
            found.append(at)
            at = text.find(digit, at + 1)
    found.sort()
    return found


def _amount_matches(text: str, v: Patterns) -> Iterator[re.Match[str]]:
    """`v.amount.finditer(text)`, tried only where a match can start: the amount pattern opens
    with [0-9]."""
    done = 0
    match = v.amount.match
    for at in _digit_positions(text):
        if at >= done and (m := match(text, at)):
            done = m.end()
            yield m


def _amounts(text: str, v: Patterns) -> list[_Amount]:
    found = []
    prefix = v.prefix
    for m in _amount_matches(text, v):
        start = m.start()
        pre = prefix.search(text, max(0, start - 9), start)
        if pre:
            start = pre.start()
        elif start and (text[start - 1].isalnum() or text[start - 1] in ".,/_#"):
            continue  # "H100", "B2B", "v1.5", "24/7"
        mult_word = m["mult"] or ""
        value = _parse_number(m["num"])
        currency = _currency_of(pre and pre.group(), v) or _currency_of(m["post"], v)
        grouped = value >= 1000 and not m["num"].isdigit()
        found.append(_Amount(start, m.end(), value, v.factor.get(mult_word, 1.0), mult_word, currency,
                             bool(m["plus"]), grouped))
    return found


def _currency_of(marker: str | None, v: Patterns) -> str | None:
    if not marker:
        return None
    marker = marker.strip()
    if marker.rstrip(".") in v.shared:
        return marker.rstrip(".")
    if marker in v.symbols:
        return v.symbols[marker]
    if marker.lower() in v.aliases:
        return v.aliases[marker.lower()]
    code = marker[:3]
    rest = marker[3:].strip()
    return code if code.isupper() and code.isalpha() else v.symbols.get(rest)


def _candidates(text: str, v: Patterns) -> list[_Candidate]:
    amounts = _amounts(text, v)
    out: list[_Candidate] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        if i + 1 < len(amounts):
            b = amounts[i + 1]
            gap = text[a.end : b.start]
            joined = _RANGE_GAP.fullmatch(gap)
            if joined and ("and" not in gap.lower() or _BETWEEN.search(text[max(0, a.start - 12) : a.start])):
                out.append(_Candidate(a, b, True))
                i += 2
                continue
        out.append(_Candidate(a, a, False))
        i += 1
    return out


# ---------------------------------------------------------------- is it pay? which period, currency?


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - 60) : start]
    cuts = list(_CLAUSE_START.finditer(window))
    return window[cuts[-1].end() :] if cuts else window


def _clause_after(text: str, end: int) -> str:
    window = text[end : end + 60]
    cut = _CLAUSE_END.search(window)
    return window[: cut.start()] if cut else window


def _judge(text: str, cand: _Candidate, v: Patterns, is_salary_field: bool) -> Money | None:
    lo_amt, hi_amt = cand.first, cand.last
    lo_mult, hi_mult = lo_amt.mult, hi_amt.mult
    if lo_amt.mult_word == "" and hi_amt.mult_word and lo_amt.value < hi_amt.value and lo_amt.value < 1000:
        lo_mult = hi_mult  # "$170-225K": the K belongs to both
    elif hi_amt.mult_word == "" and lo_amt.mult_word and hi_amt.value < 1000:
        hi_mult = lo_mult  # "£45k - 50"
    elif not (lo_amt.mult_word or hi_amt.mult_word) and lo_amt.value < 1000 <= lo_amt.value * 1000 <= hi_amt.value:
        lo_mult = 1000  # "£85-110,000"
    if lo_mult == 0 or hi_mult == 0:
        return None  # billions: company figures, never pay
    currency = lo_amt.currency or hi_amt.currency
    mult_words = {lo_amt.mult_word, hi_amt.mult_word}
    indian = bool(mult_words & v.inr_mults)
    if indian and currency not in (None, "INR") or (mult_words & {"L", "cr", "Cr", "CR"} and currency != "INR"):
        return None
    if currency is None and mult_words == {""} and not hi_amt.grouped:
        return None  # "3+ years", "2-3 days", "2024", "150,000 users": most numbers, decided cheaply
    before = _clause_before(text, lo_amt.start)
    after_text = text[hi_amt.end : hi_amt.end + 60]
    after = _clause_after(text, hi_amt.end)
    if _not_pay(before, after, v):
        return None
    low, high = lo_amt.value * lo_mult, hi_amt.value * hi_mult
    if not (0 < low < MAX_AMOUNT and 0 < high < MAX_AMOUNT):
        return None  # "$0" is unknown; hundreds of billions are not a salary in any currency
    period = _period(before, after_text, v) or ("year" if indian else None)
    has_k = bool(mult_words - {""})
    if has_k and lo_amt.value == _RETIREMENT_PLAN and currency is None:
        return None
    pay_cue = is_salary_field or bool(
        v.pay_before.search(before)
        or (currency and v.period_before_re.search(before))  # "Hourly: $45", not "annually serves 44,000"
        or v.pay_after.search(after)
    )
    strong = pay_cue or _stands_alone(text, lo_amt.start, v.any_period.sub("", after))
    thousands = mult_words <= {"", *v.thousand_mults}
    if currency is None and not indian:
        # "| 150-230k |" or "Salary: 150,000"; never "750 million", "4 days per week", "March 2024"
        if not ((has_k and thousands and strong) or (hi_amt.grouped and pay_cue)):
            return None
    elif not (strong or indian or (cand.is_range and (low >= 10_000 or period))):
        return None  # a lone "$2k" or "between $250 and $2,500" in prose is a price or a perk
    if period is None:
        if high < 1000:
            return None  # "$50", "€5": perks and prices, not a stated salary
        period = "year"
    if indian:
        currency = "INR"
    elif currency is None:
        currency = _place_currency(text, lo_amt.start, v)
    elif currency in v.shared:
        currency = _which_country(currency, text, lo_amt.start, v)
    if cand.is_range:
        return Money(low, high, currency, period)
    if _UP_TO.search(before):
        return Money(None, low, currency, period)
    if _FROM.search(before) or lo_amt.plus:
        return Money(low, None, currency, period)
    return Money(low, low, currency, period)


def _stands_alone(text: str, start: int, after: str) -> bool:
    """The amount is a list item of its own: "| $150k-$200k |", "- up to £85K", "$45/hr" on a line."""
    window = text[max(0, start - 40) : start]
    cuts = list(_SEGMENT_START.finditer(window))
    if not cuts and start > 40:
        return False
    lead = window[cuts[-1].end() :] if cuts else window
    if _APPROX.sub("", _FROM.sub("", _UP_TO.sub("", lead))).strip(" :-–\t"):
        return False
    return not _ASIDE.sub("", after).strip(" .,:;!)-–/")


def _not_pay(before: str, after: str, v: Patterns) -> bool:
    """Funding, equity, perks…: a not-pay word in the clause before the amount (pay phrases such as
    "budget for this role" excepted), or after it ahead of any pay word ("200k base, equity")."""
    if v.not_pay_before.search(v.pay_before.sub(" ", before[-_NEAR:])):
        return True
    not_pay = v.not_pay_after.search(after)
    pay = v.pay_after.search(after)
    return bool(not_pay and (pay is None or not_pay.start() <= pay.start()))


def _period(before: str, after: str, v: Patterns) -> str | None:
    window = re.split(r"[\n|;+0-9]", after, maxsplit=1)[0][:35]
    best: tuple[int, str] | None = None
    for name, pattern in v.period_after:
        m = pattern.search(window)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    if best:
        return best[1]
    hits = list(v.period_before_re.finditer(before))
    if hits:
        return v.period_before[re.sub(r"\s+", " ", hits[-1].group().lower())]
    return None


def _line_around(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def _which_country(symbol: str, text: str, pos: int, v: Patterns) -> str:
    """'$' is USD (and '¥' JPY, 'kr' SEK) unless the posting makes another country's clear nearby."""
    start, end = _line_around(text, pos)
    line = text[max(start, pos - 150) : min(end, pos + 150)]
    named = {c for c, pattern in v.shared[symbol].items() if pattern.search(line)}
    return named.pop() if len(named) == 1 else v.symbols[symbol]


def _place_currency(text: str, pos: int, v: Patterns) -> str:
    """An amount with no currency: the currency of the place named on its line, else the first
    place the posting names, else USD."""
    start, end = _line_around(text, pos)
    for scope in (text[start:end], text):
        best: tuple[int, str] | None = None
        for currency, pattern in v.any_cue.items():
            m = pattern.search(scope)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), currency)
        if best:
            return best[1]
    return "USD"


def _near_ml_role(text: str, cand: _Candidate, v: Patterns) -> bool:
    start, end = _line_around(text, cand.first.start)
    line = text[start:end]
    if v.ml.search(line):
        return True
    rest = line[: cand.first.start - start] + line[cand.last.end - start :]
    if start > 0 and not re.search(r"[A-Za-z]{3,}", rest):
        prev_start, _ = _line_around(text, start - 1)
        return bool(v.ml.search(text[prev_start : start - 1]))
    return False
