"""Employer industry (pipeline/industry.py): company-name matching, the description's business phrases, the
perks and product-name traps, and accuracy on the hand-labelled set tests/fixtures/labelled/industry.jsonl
(`pytest tests/test_industry.py -s` prints accuracy, per-industry precision/recall and every miss)."""

import json
from pathlib import Path

import pytest
from mljobs.pipeline import industry, text, vocab

LABELLED = Path(__file__).parent / "fixtures" / "labelled" / "industry.jsonl"
FOCUS = ("big-tech", "quant-finance", "finance", "healthcare", "autonomous-vehicles")
# First run (labels committed in d5e2c39 before the classifier existed): accuracy 0.942 (98/104; 77/80 on the
# random part, 21/24 on the positive-seeking part); precision/recall big-tech 1.00/1.00 (5 labelled),
# quant-finance 1.00/1.00 (5), finance 1.00/0.67 (9), healthcare 0.89/1.00 (8), autonomous-vehicles 0.67/1.00 (4).
# One change since, found on unlabelled HN posts (about two in three description-only autonomous-vehicle calls
# were wrong in a 25-post spot check): a bare self-driving word now counts 1, not 2. On this set that traded
# autonomous-vehicles precision 0.67 → 1.00 (TomTom, a telematics start-up) for recall 1.00 → 0.50 (two
# one-mention posts), accuracy unchanged. Floors leave room for about one flipped posting (two for accuracy);
# the autonomous-vehicles recall floor follows the change, not the first run.
ACCURACY_FLOOR = 0.92
FLOORS = {"big-tech": (0.80, 0.80), "quant-finance": (0.80, 0.80), "finance": (0.85, 0.55),
          "healthcare": (0.75, 0.85), "autonomous-vehicles": (0.55, 0.45)}  # (precision, recall)


@pytest.mark.parametrize(("company", "expected"), [
    ("Google LLC", "big-tech"),
    ("Google Cloud", "big-tech"),
    ("Amazon Web Services (AWS)", "big-tech"),
    ("Amazon.com Services LLC", "big-tech"),
    ("Meta Platforms, Inc.", "big-tech"),
    ("Microsoft Research\n4.4", "big-tech"),  # Glassdoor rating line
    ("Apple, Inc.", "big-tech"),
    ("Apple Leisure Group", None),  # "Apple" names only Apple
    ("D. E. Shaw & Co., L.P.", "quant-finance"),
    ("Two Sigma Investments, LP", "quant-finance"),
    ("Jane Street Capital", "quant-finance"),
    ("Radix Trading LLC", "quant-finance"),  # name word
    ("Stripe", "finance"),
    ("Goldman Sachs\n4.1", "finance"),  # S&P 500 Financials
    ("The Goldman Sachs Group, Inc.", "finance"),
    ("Bank of America Merrill Lynch", "finance"),
    ("Quovo (YC S14)", None),  # a fintech, but its name says nothing
    ("Oscar Health", "healthcare"),
    ("UnitedHealth Group", "healthcare"),  # S&P 500 Health Care
    ("Omada Health", "healthcare"),  # name word
    ("Cruise Automation", "autonomous-vehicles"),
    ("Cruise Lines International Association", None),
    ("Aptiv PLC", "autonomous-vehicles"),  # curated over its GICS Consumer Discretionary
    ("Walmart", "consumer-staples"),
    ("Intuit Inc.", "information-technology"),
    ("Tesla, Inc.", "consumer-discretionary"),  # a carmaker unless the posting says self-driving
    ("ExxonMobil", "energy"),
    ("Acme Robotics", None),
])
def test_company_names(company: str, expected: str | None) -> None:
    assert industry.extract(company, "We are hiring engineers.") == expected


def test_company_key_normalises_legal_forms() -> None:
    assert industry.company_key("D.E. Shaw") == industry.company_key("D. E. Shaw & Co., L.P.") == "de shaw"
    assert industry.company_key("Amazon Web Services - Simple Storage Service (S3)") == "amazon web services"
    assert industry.company_key("HER (YCS15)") == "her"
    assert industry.company_key("Murray Resources\n4.6") == "murray resources"


# Real HN posts' benefit lists (2014-07 Omada, 2017-12 Rollbar, 2017-02 Abilitie, 2014-06 Trulia-style).
PERKS = [
    "Benefits and perks: competitive salary and stock options, medical, dental and vision insurance, 401k, annual "
    "conference budget, generous hardware budget.",
    "We offer a competitive salary, health insurance, parking, a stipend to purchase your development machine.",
    "Great benefits, including gym reimbursement and free healthcare. Comprehensive healthcare benefits, health and "
    "wellness stipend, Medical, Dental, and Vision insurance.",
]


@pytest.mark.parametrize("perks", PERKS)
def test_perks_do_not_make_a_healthcare_employer(perks: str) -> None:
    posting = f"Acme | Backend Engineer | Austin, TX\nWe build tools for online stores.\n{perks}"
    assert industry.extract(None, posting) is None


def test_perks_do_not_hide_a_healthcare_business() -> None:
    posting = ("Stealth | Full Time | Onsite\nWe are a healthcare technology start-up on a mission to revolutionize "
               "research. Benefits: health insurance, medical, dental and vision.")
    assert industry.extract(None, posting) == "healthcare"
    assert industry.extract("Acme", "Acme is a health insurance company for small businesses.") == "healthcare"


@pytest.mark.parametrize("stack", [
    "Our current stack includes: Google Cloud Platform, Kubernetes, Gitlab/CI, Scala, Python, Go.",
    "We're “all-in” on Google Cloud Platform, especially App Engine.",
    "Scalability, SRE, CI, CD, Docker, Kubernetes, AWS, GCP, Azure, Microservices, Python, R.",
    "Backed by Google Ventures and Andreessen Horowitz.",
])
def test_big_tech_products_in_the_text_do_not_make_big_tech(stack: str) -> None:
    assert industry.extract("GearLaunch", stack) is None


@pytest.mark.parametrize(("posting", "expected"), [
    ("FinMason | System Administrator | Boston MA\nWe are a fintech startup in downtown Boston.", "finance"),
    ("Epoch | C++ Engineer | London\nEpoch is a proprietary trading firm.", "quant-finance"),
    ("Acme | Researcher\nA quantitative hedge fund applying machine learning to markets.", "quant-finance"),
    ("nuTonomy | Boston | VISA\nWe make self-driving cars. Come work on our fleet of self-driving cars!",
     "autonomous-vehicles"),
    # one self-driving word is not enough: it is often an example ("Self-driving cars are almost here")
    ("Acme | Engineer\nA course that makes technologies such as self-driving cars available to all.", None),
    ("Acme | Data Scientist\nWe apply ML to cellular images to find treatments; drug discovery at scale.",
     "healthcare"),
    ("Acme | Engineer\nOur software helps physicians and nurses spend more time with patients.", "healthcare"),
    # one domain word is not enough: it may be a customer, a metaphor or an aside
    ("Acme | Engineer\nOur customers include hospitals.", None),
    ("Acme | Engineer\nWe build a CRM for agencies.", None),
])
def test_business_phrases(posting: str, expected: str | None) -> None:
    assert industry.extract(None, posting) == expected


def test_phrase_precedence_most_points_then_first_mentioned() -> None:
    # two healthcare phrases outweigh one finance phrase mentioned first
    assert industry.extract("Acme", "A fintech for clinics: digital health meets telemedicine.") == "healthcare"
    # a tie goes to the industry mentioned first
    assert industry.extract("Acme", "A fintech startup in digital health.") == "finance"


def test_company_decides_before_the_description() -> None:
    assert industry.extract("Google", "We work on self-driving cars.") == "big-tech"
    assert industry.extract("Tesla", "Autopilot: self-driving software and autonomous driving hardware.") \
        == "autonomous-vehicles"  # step 4 (phrases) before step 5 (GICS)
    assert industry.extract("Tesla", "Firmware for stationary battery storage.") == "consumer-discretionary"


def test_header_names_the_company_when_none_is_given() -> None:
    assert industry.extract(None, "Jane Street | Software Engineer | New York") == "quant-finance"
    assert industry.extract("", "Akuna Capital – Full Time – Chicago, IL\nC++ developers") == "quant-finance"
    assert industry.extract("Acme", "Jane Street | Software Engineer | New York") is None  # the given name wins


def test_lowered_text_is_used_when_given() -> None:
    posting = "Acme | Engineer\nWe are a fintech."
    assert industry.extract(None, posting, posting.lower()) == industry.extract(None, posting) == "finance"


def test_every_gics_sector_has_an_id() -> None:
    gics = vocab.load("industries")["gics"]
    assert set(vocab.load("sp500_sectors")["sectors"]) == set(gics)
    assert set(vocab.load("industries")["industry"]) == set(FOCUS)
    assert {gics["Financials"], gics["Health Care"]} <= set(FOCUS)


def _labelled() -> list[dict]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]


def test_labelled_set_integrity() -> None:
    rows = _labelled()
    known = set(FOCUS) | set(vocab.load("industries")["gics"].values())
    assert len(rows) == len({row["id"] for row in rows}) == 104
    assert all(row["expected_industry"] is None or row["expected_industry"] in known for row in rows)
    assert sum(row["id"].startswith("industry-pos-") for row in rows) == 24


def test_industry_accuracy_meets_floors() -> None:
    rows = _labelled()
    got = {row["id"]: industry.extract(row["company"], text.clean(row["description"] or "")) for row in rows}
    correct = sum(got[row["id"]] == row["expected_industry"] for row in rows)
    accuracy = correct / len(rows)
    lines = [f"industry accuracy {accuracy:.3f} ({correct}/{len(rows)})"]
    scores = {}
    for name in FOCUS:
        positives = sum(row["expected_industry"] == name for row in rows)
        predicted = sum(value == name for value in got.values())
        hits = sum(got[row["id"]] == row["expected_industry"] == name for row in rows)
        scores[name] = (hits / predicted if predicted else 1.0, hits / positives if positives else 1.0)
        lines.append(f"  {name:20} precision {scores[name][0]:.2f} ({hits}/{predicted})  "
                     f"recall {scores[name][1]:.2f} ({hits}/{positives})")
    lines += [f"  miss {row['id']} ({row['company']!r}): got {got[row['id']]}, expected {row['expected_industry']}"
              for row in rows if got[row["id"]] != row["expected_industry"]]
    print("\n".join(lines))
    assert accuracy >= ACCURACY_FLOOR
    for name, (precision, recall) in scores.items():
        assert precision >= FLOORS[name][0] and recall >= FLOORS[name][1], name
