"""A realistic synthetic market for looking at the HTML report: an HN-like monthly history 2013–2018 with a
few months missing and a rising ML share, a 2026 board crawl with US pay, undated GB postings (snippets, pay in
GBP), and salary-survey answers from the US and GB dated by pay year only. Seeded: the same rows every run."""

import random

from market_db import Posting

ROLES = ("machine-learning-engineer", "data-scientist", "ai-research-scientist", "computer-vision-engineer",
         "nlp-engineer", "mlops-engineer")
SKILLS = ("Python", "PyTorch", "TensorFlow", "SQL", "AWS", "Kubernetes", "Docker", "Spark", "Scikit-learn",
          "Pandas", "LLM", "Transformers", "Reinforcement learning", "Statistics")
LEVELS = {"entry": (95_000, 25_000), "mid": (140_000, 30_000), "senior": (190_000, 45_000)}  # US pay: mean, spread
MISSING_HN_MONTHS = {"2014-07", "2016-02", "2016-03", "2016-04", "2016-05"}  # threads the archive lacks
HN_FIRST, HN_LAST = (2013, 8), (2018, 4)


def postings(seed: int = 7) -> list[Posting]:
    rng = random.Random(seed)
    return [*_hn(rng), *_board(rng), *_uk(rng), *_survey(rng)]


def hn_months() -> list[str]:
    """Every month of the HN history that has a thread, oldest first."""
    months = []
    year, month = HN_FIRST
    while (year, month) <= HN_LAST:
        if f"{year}-{month:02d}" not in MISSING_HN_MONTHS:
            months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _hn(rng: random.Random) -> list[Posting]:
    rows = []
    months = hn_months()
    for i, month in enumerate(months):
        ml_share = 0.04 + 0.08 * i / len(months)  # demand grows over the history
        for _ in range(rng.randint(40, 70)):
            is_ml = rng.random() < ml_share
            skills = tuple(rng.sample(SKILLS[:10] if month < "2016" else SKILLS, 3)) if is_ml else ()
            rows.append(Posting(role=rng.choice(ROLES), skills=skills, month=month, source="hn", is_ml=is_ml,
                                country=rng.choice(("US", "US", "US", "GB", "DE", None)),
                                title="Machine Learning Engineer" if is_ml else "Backend Engineer"))
    return rows


def _board(rng: random.Random) -> list[Posting]:
    rows = []
    for month in range(1, 11):
        for _ in range(rng.randint(15, 30)):
            is_ml = rng.random() < 0.3
            level = rng.choice(tuple(LEVELS))
            mean, spread = LEVELS[level]
            low = round(rng.gauss(mean, spread), -3)
            pay = (low, low + 30_000) if is_ml and rng.random() < 0.6 else None
            rows.append(Posting(role=rng.choice(ROLES), seniority=level if is_ml else None, pay=pay,
                                skills=tuple(rng.sample(SKILLS, 4)) if is_ml else (), month=f"2026-{month:02d}",
                                source="greenhouse", is_ml=is_ml, country=rng.choice(("US", "US", "US", "CA")),
                                industry=rng.choice(("software", "finance", "healthcare"))))
    return rows


def _uk(rng: random.Random) -> list[Posting]:
    gbp = {"salary_currency": "GBP"}
    return [Posting(role=rng.choice(ROLES), seniority=rng.choice(tuple(LEVELS)), month=None, source="uk-sample",
                    country="GB", description="Data scientist, London. Python and SQL.", extra=gbp,
                    pay=(60_000, 80_000) if rng.random() < 0.5 else None)
            for _ in range(60)]


def _survey(rng: random.Random) -> list[Posting]:
    rows = []
    for _ in range(400):
        level = rng.choice(tuple(LEVELS))
        mean, spread = LEVELS[level]
        country = rng.choice(("US", "US", "US", "US", "GB"))
        pay = round(rng.gauss(mean * (0.7 if country == "GB" else 1.05), spread), -3)
        rows.append(Posting(kind="survey", role=rng.choice(ROLES), seniority=level, pay=(pay, pay), month=None,
                            source="aijobs", country=country, description=None,
                            extra={"pay_year": rng.randint(2020, 2025)}))
    return rows
