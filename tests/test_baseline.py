"""The guide parser on the real guide and on altered copies of it."""

import json
from pathlib import Path

import pytest
from mljobs.guide import baseline, cache

GUIDE = (Path(baseline.__file__).parent / baseline.DEFAULT_GUIDE).read_text(encoding="utf-8")
ROLE_IDS = ["machine-learning-engineer", "data-scientist", "ai-research-scientist",
            "computer-vision-engineer", "nlp-engineer", "mlops-engineer"]


@pytest.fixture(scope="module")
def real() -> baseline.Baseline:
    return baseline.load()


def test_six_roles_with_contract_ids_names_and_descriptions(real):
    assert [r.id for r in real.roles] == ROLE_IDS
    assert real.role("data-scientist").name == "Data Scientist (ML Focus)"
    assert real.role("mlops-engineer").description == "Optimize ML model deployment, monitoring, and scalability."


@pytest.mark.parametrize("role_id, skills", [
    ("machine-learning-engineer", ["Python", "TensorFlow", "PyTorch", "Data modeling", "AWS", "GCP"]),
    ("data-scientist", ["Python", "R", "SQL", "Statistics", "Scikit-learn", "Pandas"]),
    ("ai-research-scientist", ["Linear algebra", "Calculus", "Deep learning", "Research papers"]),
    ("computer-vision-engineer", ["OpenCV", "CNNs", "Python", "PyTorch", "TensorFlow"]),
    ("nlp-engineer", ["NLTK", "spaCy", "Transformers", "BERT", "GPT", "Python"]),
    ("mlops-engineer", ["Docker", "Kubernetes", "CI/CD", "MLflow"]),
])
def test_role_skills_are_canonical_names(real, role_id, skills):
    assert list(real.role(role_id).skills) == skills


def test_general_skill_groups(real):
    assert real.skill_groups == {
        "Programming": ("Python", "R", "SQL"),
        "ML Frameworks": ("TensorFlow", "PyTorch", "Scikit-learn"),
        "Mathematics": ("Linear algebra", "Probability", "Statistics"),
        "Data Handling": ("Pandas", "NumPy", "Data cleaning", "Data visualization"),
        "Cloud & DevOps": ("AWS SageMaker", "AWS", "Google AI Platform", "GCP", "Docker"),
        "Soft Skills": ("Problem-solving", "Collaboration", "Business acumen"),
    }


def test_salary_bands(real):
    bands = [(b.level, b.min, b.max, b.open_upper, b.currency, b.period) for b in real.salary_bands]
    assert bands == [
        ("entry", 90_000, 120_000, False, "USD", "year"),
        ("mid", 120_000, 150_000, False, "USD", "year"),
        ("senior", 150_000, 250_000, True, "USD", "year"),
    ]


def test_industries_trends_certifications_resources(real):
    assert real.top_paying_industries == ("Tech (FAANG)", "finance (quant roles)", "healthcare AI")
    assert real.growth_industries == ("healthcare", "finance", "autonomous vehicles")
    assert real.emerging_trends == ("AI ethics", "Reinforcement learning", "Edge AI")
    assert real.certifications == ("Google’s TensorFlow Developer Certificate", "AWS ML Specialty")
    assert real.learning_resources == ("Coursera’s ML by Andrew Ng", "fast.ai", "Udacity")


def test_what_the_vocabulary_cannot_name_is_reported(real):
    assert real.unmatched == ("cloud platforms", "NLP libraries")


def test_different_numbers_are_read_not_assumed():
    text = (GUIDE.replace("$90,000 – $120,000", "$95k – $125k")
                 .replace("$150,000 – $250,000+", "$160,000 – $300,000"))
    parsed = baseline.parse(text)
    assert (parsed.band("entry").min, parsed.band("entry").max) == (95_000, 125_000)
    senior = parsed.band("senior")
    assert (senior.min, senior.max, senior.open_upper) == (160_000, 300_000, False)


def test_other_currency_and_period():
    text = GUIDE.replace("Entry-Level: $90,000 – $120,000", "Entry-Level: £4,000 – £5,000 per month")
    entry = baseline.parse(text).band("entry")
    assert (entry.min, entry.max, entry.currency, entry.period) == (4_000, 5_000, "GBP", "month")


def test_a_european_guide_reads_money_as_postings_do():
    text = (GUIDE.replace("Entry-Level: $90,000 – $120,000", "Entry-Level: €70.000 – €90.000")
                 .replace("Mid-Level: $120,000 – $150,000", "Mid-Level: 90.000 – 110.000 EUR"))
    parsed = baseline.parse(text)
    entry, mid = parsed.band("entry"), parsed.band("mid")
    assert (entry.min, entry.max, entry.currency, entry.period) == (70_000, 90_000, "EUR", "year")
    assert (mid.min, mid.max, mid.currency) == (90_000, 110_000, "EUR")


def test_reordered_sections_parse_the_same():
    salary_start = GUIDE.index("Machine Learning Salary Expectations")
    salary_end = GUIDE.index("How to Start a Career")
    types_start = GUIDE.index("Types of Machine Learning Jobs")
    salary = GUIDE[salary_start:salary_end]
    moved = GUIDE[:types_start] + salary + GUIDE[types_start:salary_start] + GUIDE[salary_end:]
    assert moved.index("Salary Expectations") < moved.index("Types of Machine")
    assert baseline.parse(moved).to_dict() == {**baseline.parse(GUIDE).to_dict()}


def test_role_edits_flow_through():
    text = GUIDE.replace("Skills Needed: Docker, Kubernetes, CI/CD pipelines, MLflow.",
                         "Skills Needed: k8s, Airflow, sklearn.")
    mlops = baseline.parse(text).role("mlops-engineer")
    assert "Kubernetes" in mlops.skills and "Scikit-learn" in mlops.skills
    assert "Docker" not in mlops.skills


@pytest.mark.parametrize("cut, section", [
    (("Machine Learning Salary Expectations", "Top-Paying"), "Salary Expectations"),
    (("Types of Machine Learning Jobs", "Skills Required"), "Types of Machine Learning Jobs"),
    (("Skills Required for Machine Learning Jobs", "Machine Learning Salary"), "Skills Required"),
    (("Top-Paying Industries", "How to Start"), "Top-Paying Industries"),
    (("Future of Machine Learning Jobs", "Conclusion"), "Future"),
    (("Get Certified", "Gain Experience"), "Get Certified"),
])
def test_a_missing_section_is_named(cut, section):
    start, end = GUIDE.index(cut[0]), GUIDE.index(cut[1])
    with pytest.raises(baseline.GuideError, match=section):
        baseline.parse(GUIDE[:start] + GUIDE[end:])


def test_a_missing_band_is_named():
    with pytest.raises(baseline.GuideError, match="no band for mid-level"):
        baseline.parse(GUIDE.replace("Mid-Level: $120,000 – $150,000", ""))


def test_a_role_without_skills_is_an_error_not_a_gap():
    text = GUIDE.replace("Skills Needed: OpenCV, CNNs, Python, PyTorch/TensorFlow.\n", "")
    with pytest.raises(baseline.GuideError, match="Computer Vision Engineer"):
        baseline.parse(text)


def test_unreadable_file(tmp_path):
    with pytest.raises(baseline.GuideError, match="cannot read guide"):
        baseline.load(tmp_path / "nope.txt")
    binary = tmp_path / "junk.txt"
    binary.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(baseline.GuideError):
        baseline.load(binary)


def test_a_baseline_survives_its_dict_round_trip(real):
    assert baseline.Baseline.from_dict(json.loads(json.dumps(real.to_dict()))) == real


def test_the_cache_keeps_a_parse_and_reads_it_back(real, tmp_path):
    assert cache.load(None, tmp_path) == real
    (kept,) = tmp_path.glob("guide-*.json")
    marked = real.to_dict() | {"demand_claim": "read from the cache"}
    kept.write_text(json.dumps(marked), encoding="utf-8")
    assert cache.load(None, tmp_path).demand_claim == "read from the cache"  # not parsed again


def test_an_edited_guide_is_parsed_afresh_and_a_damaged_copy_replaced(tmp_path):
    guide = tmp_path / "guide.txt"
    guide.write_text(GUIDE, encoding="utf-8")
    store = tmp_path / "cache"
    assert cache.load(guide, store).band("mid").min == 120_000
    guide.write_text(GUIDE.replace("Mid-Level: $120,000", "Mid-Level: $125,000"), encoding="utf-8")
    assert cache.load(guide, store).band("mid").min == 125_000
    kept = sorted(store.glob("guide-*.json"))
    assert len(kept) == 2
    for path in kept:
        path.write_text('{"roles": [', encoding="utf-8")  # cut short
    assert cache.load(guide, store).band("mid").min == 125_000
    assert not list(store.glob("*.tmp"))


def test_a_cache_that_cannot_be_written_is_no_error(real, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    assert cache.load(None, blocked / "cache") == real
