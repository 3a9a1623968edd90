"""Property tests: salary.extract and text.clean take anything and return a well-formed result."""

import math
import string
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from mljobs.pipeline.salary import extract
from mljobs.pipeline.text import clean

PERIODS = {"year", "month", "week", "day", "hour"}
KEYS = ["salary", "baseSalary", "value", "currency", "unitText", "minValue", "maxValue", "pay_input_ranges",
        "min_cents", "max_cents", "currency_type", "title", "salaryRange", "interval", "min", "max",
        "compensation", "compensationTiers", "components", "compensationType", "currencyCode",
        "scrapeableCompensationSalarySummary", "salary_min", "salary_max", "minSalary", "maxSalary",
        "salaryMin", "salaryMax", "salaryCurrency", "salaryPeriod", "salary_currency", "min_amount",
        "max_amount", "@type"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, 5e10, 2080.5]),
    st.sampled_from(["USD", "usd", "EUR", "Salary", "1 YEAR", "NONE", "per-hour-wage", "$", "€", "",
                     "per-year-salary", "hourly", "$100,000", "8k-15k", "HOUR", "0", "-5", "1e400"]),
    st.text(max_size=30),
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5)),
    max_leaves=25,
)
MONEY_WORDS = ["$", "€", "£", "USD", "CAD", "k", "K", "M", "LPA", "lakh", " - ", "–", " to ", "up to ",
               "from ", "per hour", "/hr", "a year", "per month", "salary", "equity", "bonus", "raised",
               "+", "|", "\n", ",", ".", " ", "150", "200", "1,000", "70.000", "12", "45", "0"]
MONEYISH_TEXT = st.lists(st.sampled_from(MONEY_WORDS) | st.text(max_size=5), max_size=30).map("".join)
POSTED = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
                   st.text(max_size=12), st.dates().map(date.isoformat))


def _assert_valid(result: object) -> None:
    if result is None:
        return
    assert isinstance(result, dict)
    assert {"min", "max", "currency", "period", "annual_min_usd", "annual_max_usd", "source"} <= set(result)
    assert set(result) <= {"min", "max", "currency", "period", "annual_min_usd", "annual_max_usd", "source",
                           "flag"}
    assert result["period"] in PERIODS
    assert result["source"] in {"structured", "text"}
    assert isinstance(result["currency"], str) and len(result["currency"]) == 3 and result["currency"].isupper()
    assert result["min"] is not None or result["max"] is not None
    for key in ("min", "max"):
        value = result[key]
        assert value is None or (isinstance(value, int | float) and math.isfinite(value) and value > 0)
    for key in ("annual_min_usd", "annual_max_usd"):
        assert result[key] is None or (isinstance(result[key], int) and result[key] >= 0)
    if result["min"] is not None and result["max"] is not None:
        assert result["min"] <= result["max"]
    if result["annual_min_usd"] is not None and result["annual_max_usd"] is not None:
        assert result["annual_min_usd"] <= result["annual_max_usd"]
    assert result.get("flag") in {None, "annual_usd_below_5k", "annual_usd_above_2m", "max_below_min"}


@settings(max_examples=400, deadline=None)
@given(structured=JSONISH, text=st.text(max_size=200), posted_at=POSTED)
def test_parse_any_structured_and_text(structured: object, text: str, posted_at: object) -> None:
    _assert_valid(extract(structured, text, posted_at))


@settings(max_examples=600, deadline=None)
@given(text=MONEYISH_TEXT, posted_at=POSTED)
def test_parse_money_like_text(text: str, posted_at: object) -> None:
    result = extract(None, text, posted_at)
    _assert_valid(result)
    if result is not None:
        assert result["source"] == "text"


@settings(max_examples=300, deadline=None)
@given(structured=MONEYISH_TEXT)
def test_parse_salary_string_field(structured: str) -> None:
    result = extract(structured, "")
    _assert_valid(result)
    if result is not None:
        assert result["source"] == "structured"


TAGS = ["p", "li", "ul", "div", "br", "b", "span", "script", "style", "h2", "td", "a", "pre"]
HTMLISH = st.lists(
    st.one_of(st.sampled_from([f"<{t}>" for t in TAGS] + [f"</{t}>" for t in TAGS]),
              st.sampled_from(["&lt;p&gt;", "&amp;", "&nbsp;", "&#x2F;", "donâ\x80\x99t", "Ã©", "<!-- c -->"]),
              st.text(max_size=10)),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(markup=st.one_of(st.text(max_size=300), HTMLISH))
def test_clean_any_string(markup: str) -> None:
    text = clean(markup)
    assert isinstance(text, str)
    assert "\x00" not in text
    assert text == text.strip()
    assert "  " not in text.replace("\n", " \n")  # no runs of spaces within a line
    assert "\n\n\n" not in text


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.text(alphabet=string.ascii_letters + string.digits + ".,:;!?$€£-()", min_size=1,
                              max_size=12), min_size=1, max_size=30),
       breaks=st.lists(st.sampled_from([" ", "\n", "\n\n"]), min_size=30, max_size=30))
def test_clean_plain_text_in_same_text_out(words: list[str], breaks: list[str]) -> None:
    plain = "".join(w + b for w, b in zip(words, breaks, strict=False)).strip()
    assert clean(plain) == plain


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.text(alphabet=string.ascii_letters, min_size=1, max_size=10), min_size=1, max_size=8))
def test_clean_never_glues_list_items(items: list[str]) -> None:
    markup = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    assert clean(markup).split("\n") == items
