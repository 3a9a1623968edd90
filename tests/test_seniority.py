"""Seniority: title markers first, then the site's level field, then the minimum years asked."""

import pytest

from pipeline import seniority

TITLE_MARKERS = [
    ("Senior Machine Learning Engineer", "senior"),
    ("Sr. Data Scientist", "senior"),
    ("Staff / Senior Software Engineer, Inference", "senior"),
    ("Principal Data Engineer", "senior"),
    ("Lead Data Scientist", "senior"),
    ("Head of AI", "senior"),
    ("Manager, Data Engineering", "senior"),
    ("Senior Director, Data Science", "senior"),
    ("Associate Director, Data Science", "senior"),
    ("Machine Learning Engineer III", "senior"),
    ("Data Analyst 3", "senior"),
    ("Software Engineer II", "mid"),
    ("Applications Developer II - Engineer", "mid"),
    ("UX/UI Designer (Mid level)", "mid"),
    ("Data Scientist I", "entry"),
    ("Machine Learning Intern", "entry"),
    ("Research Scientist Intern, AI Core Machine Learning (PhD)", "entry"),
    ("Junior Data Scientist", "entry"),
    ("Graduate Development Programme - Technical Data Science", "entry"),
    ("Summer 2024 Datacenter Hardware Validation Engineer Undergrad Co-Op/ Intern", "entry"),
    ("Associate Data Scientist", "entry"),
    ("Data Science Associate AIOps Engineer", None),
    ("Full Stack Developer (Junior and Senior)", None),
    ("Medior Backend Developer (Node.js / TypeScript)", "mid"),
    ("Machine Learning Engineer", None),
    ("Member of Technical Staff", None),
    ("Research Engineer, Interpretability", None),
    # a title spanning two levels is no marker: the site level, then the years decide
    ("Machine Learning Operations Engineer - Mid-Senior", None),
    ("Mid/Senior Database Engineer/Administrator", None),
    ("Azure Data Engineer (Junior to Mid level)", None),
    ("Operations Research Analyst/Data Scientist (Mid to Senior Level)", None),
    ("Mid-Market Account Executive", None),  # a market, not a level
    # pay grades and company/support ladders are not levels; "Level N" after a job noun is
    ("Postdoctoral Research Associate in Geographic Data Science Grade 7", None),
    ("Performance Management and Data Analyst II, Grade 25", "mid"),
    ("Data Science Degree Apprenticeship - Level 6 - London - Product Group", "entry"),
    ("Big Data/ Hadoop L3 Support Engineer", None),
    ("Data Analyst Level 1", "entry"),
    ("Data Engineer Level 2 (C2C)", "mid"),
    ("Database Administrator Level 2", "mid"),
    # Portuguese and Spanish markers
    ("Cientista de Dados Sênior", "senior"),
    ("Engenheira de Machine Learning Pleno", "mid"),
    ("Analista de Datos Júnior", "entry"),
    ("Data Scientist Semi Senior", "mid"),
    ("Campus Hire - Machine Learning Engineer", "entry"),
    # one job offered at two levels is no marker (the next signal decides); two jobs share the marker
    ("Data Scientist / Senior Data Scientist", None),
    ("Applied Scientist or Senior Applied Scientist - Search", None),
    ("Machine Learning Engineer II/III", None),
    ("Senior Data Engineer / Machine Learning Engineer", "senior"),
    ("Staff / Senior Software Engineer, Inference", "senior"),
    ("Vice President, Quantitative Modelling", None),  # a bank grade, not a level marker
]


@pytest.mark.parametrize(("title", "level"), TITLE_MARKERS)
def test_title_markers(title: str, level: str | None) -> None:
    assert seniority.from_title(title) == level


LEVELS = [
    ("Senior-level / Expert", "senior"),
    ("Entry level", "entry"),
    ("Internship", "entry"),
    ("Associate", "mid"),
    ("Director", "senior"),
    ("EN", "entry"), ("MI", "mid"), ("SE", "senior"), ("EX", "senior"),
    ("internship", "entry"), ("entry", "entry"), ("mid", "mid"), ("senior", "senior"), ("management", "senior"),
    ("Mid-level", "mid"),
    ("Mid-Senior level", "ambiguous"),
    ("mid_senior_level", "ambiguous"),
    ("not_applicable", None),
    ("Senior Level; Senior Level", "senior"),  # The Muse's levels as the crawler joins them
    ("Mid Level; Senior Level", "ambiguous"),
]


@pytest.mark.parametrize(("level", "expected"), LEVELS)
def test_site_level_field(level: str, expected: str | None) -> None:
    assert seniority.from_level(level) == expected


YEARS = [
    ("You have 5+ years of experience in machine learning.", 5),
    ("At least 3 years of Python in production.", 3),
    ("5-7 years building ML systems.", 5),
    ("2–4 yrs experience with SQL.", 2),
    ("Minimum of five years experience.", 5),
    ("3 or more years of relevant experience", 3),
    ("2+ years’ experience shipping models", 2),
    ("Six (6) or more years in analytics, data science and business intelligence", 6),
    ("Experience: 3 years", 3),
    ("We were founded 10 years ago. You have 2-4 yrs experience.", 2),
    ("We have 5 years of runway and a 20 years history.", None),
    ("Applicants must be 18 years or older.", None),
    ("This is a 2 year contract.", None),
    ("No experience needed.", None),
    # counts in words, "a year" only when it is experience asked (it is also a pay period)
    ("At least one year of experience is preferred", 1),
    ("(not necessarily professional), including at least a year with Python", 1),
    ("a number of Data Scientists from a couple of years through to lots of year experience!", 2),
    ("two+ years of experience in data science", 2),
    ("with a turnover of £300k could save £5k+ a year in processing fees", None),
    ("$150K - 180K a year 1099 for US or local avg", None),
    # the first requirement's line decides, with its lowest alternative
    ("Job-related experience, 5 years, OR Master's Degree and job-related experience, 3 years", 3),
    ("7 years software industry experience with Java\n2+ years machine learning platform experience", 7),
]


@pytest.mark.parametrize(("text", "years"), YEARS)
def test_years_asked(text: str, years: int | None) -> None:
    assert seniority.years_asked(text) == years


def test_order_title_then_level_then_years() -> None:
    text = "You bring 1+ years of experience."
    assert seniority.assess("Senior Data Scientist", "Entry level", text) == ("senior", 1)
    assert seniority.assess("Data Scientist", "Mid-level", text) == ("mid", 1)
    assert seniority.assess("Data Scientist", None, text) == ("entry", 1)
    assert seniority.assess("Data Scientist", None, "3+ years of experience") == ("mid", 3)
    assert seniority.assess("Data Scientist", None, "6+ years of experience") == ("senior", 6)
    assert seniority.assess("Data Scientist", None, "") == (None, None)


def test_ambiguous_level_defers_to_years() -> None:
    assert seniority.classify("Data Scientist", "Mid-Senior level", "3+ years of experience") == "mid"
    assert seniority.classify("Data Scientist", "Mid-Senior level", "") == "senior"


def test_two_levels_in_the_title_give_no_level_whatever_else_is_said() -> None:
    title = "Machine Learning Operations Engineer - Mid-Senior"
    assert seniority.classify(title, "Entry level", "5+ years of experience") is None
    assert seniority.classify(title, None, "at least a year of experience") is None
    assert seniority.classify("Data Scientist / Senior Data Scientist", "Associate", "") is None
    assert seniority.classify("Machine Learning Operations Engineer", "Entry level", "") == "entry"


def test_senior_in_the_description_is_not_a_title_marker() -> None:
    text = "You will report to a senior manager and lead projects end to end."
    assert seniority.classify("Machine Learning Engineer", None, text) is None


def test_a_level_stated_in_the_description_comes_before_years() -> None:
    text = "We are primarily hiring at senior level. You have 2+ years of experience."
    assert seniority.classify("ML Product Engineer", None, text) == "senior"
    assert seniority.classify("ML Product Engineer", "Entry level", text) == "entry"


# Real HN 2024 sentences: the body names the advertised job with its level.
BODY_LEVELS = [
    ("We're looking for a senior software engineer to join our NYC-based team", "senior"),
    ("We're seeking a senior founding engineer to join us (2 co-founders)", "senior"),
    ("They are looking for a Senior Software Engineer for the Backend team", "senior"),
    ("We will work with a senior engineer on your team", None),
]


@pytest.mark.parametrize(("text", "level"), BODY_LEVELS)
def test_body_naming_the_job_with_its_level(text: str, level: str | None) -> None:
    assert seniority.from_text(text.lower()) == level
    assert seniority.classify("Software Engineer", None, text + " You have 2+ years of experience.") == (
        level or "entry")
