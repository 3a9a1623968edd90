"""Seniority: title markers first, then the site's level field, then the minimum years asked."""

import pytest
from mljobs.pipeline import seniority


def classify(title: str, level: str | None, text: str) -> str | None:
    """The level seniority.extract gives, without the years."""
    return seniority.extract(title, level, text)[0]

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
    # "Associate" and "Assistant" are no markers (the labelling rules; real Glassdoor titles)
    ("Associate Data Scientist", None),
    ("Associate Scientist, LC/MS Biologics", None),
    ("Assistant Professor in Data Science", None),
    ("Data Science Associate AIOps Engineer", None),
    ("Associate Machine Learning Engineer / Data Scientist May 2020 Undergrad", "entry"),
    ("Full Stack Developer (Junior and Senior)", None),
    ("Medior Backend Developer (Node.js / TypeScript)", "mid"),
    # mid-level titles as LinkedIn and Glassdoor postings write them
    ("Mid Level Data Engineer - 6 Month Contract", "mid"),
    ("Data Engineer (Mid)", "mid"),
    ("Database Administrator, Intermediate", "mid"),
    ("Intermediate Data Scientist", "mid"),
    ("Data Scientist II, DSP Insurance", "mid"),
    ("Machine Learning Engineer II", "mid"),
    ("Data Scientist 2", "mid"),
    ("Data Scientist, Level 2 (2023-0232)", "mid"),
    ("Statistician/Data Analyst II", "mid"),
    ("Biostatistician II, Biostatistics and Data Science", "mid"),
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
    # LinkedIn's and SmartRecruiters' "Mid-Senior level" is mid (the experienced IC grade; issue 11)
    ("Mid senior", "mid"),
    ("Mid-Senior level", "mid"),
    ("mid_senior_level", "mid"),
    # what the ai-jobs.net importer writes for EN / MI / SE / EX
    ("Entry level", "entry"), ("Mid level", "mid"), ("Senior level", "senior"),
    ("Intermediate", "mid"), ("Mid Level", "mid"),
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
    ("1+ yrs. of professional experience w/PhD, 4+ yrs. without PhD", 1),
    # real phrases (Glassdoor, Indeed, HN): years tied to experience, work or a field, a requirement
    # before them, or opening a list item
    ("2+ years applying statistical and machine-learning methods to solve business problems", 2),
    ("Experience with machine learning or statistics (2+ years).", 2),
    ("TimeSpot is looking for an experienced (2+ years) Full Stack Developer (React and Django)", 2),
    ("extracting insights from social media data: 1 year (Required)", 1),
    ("Java: 3 years (Required)", 3),
    ("ability to coach and mentor colleagues on best data practices. 5+ years is preferred.", 5),
    ("EXP: 10+ Years", 10),
    ("Masters and 2 years.", 2),
    ("Minimum five years’ work experience within Biopharma or Pharma", 5),
    ("Four years (within the last seven years) experience conducting predictive analytics", 4),
    ("• 3+ years front-end development using modern web platforms", 3),
    ("- 1+ years SQL (SQL Server, MySQL, PostgreSQL)", 1),
    ("3+ years experience in business analytics", 3),
    ("I am most interested in senior front end engineers with 5+ years of heavy JavaScript and complex web "
     "application development", 5),
    ("Jenkins is required. (Exp 3+ years needed)", 3),
    ("Load data to and from Azure Data Lake Storage Required skills 5+ years of experience as a Data Scientist", 5),
    # years that are not the job's: a firm's age, history, runway, awards, terms; the poster's own years
    ("After 45 years of leading the healthy living industry with award-winning vitamins", None),
    ("Courex is a technology driven logistics company founded 6 years ago in sunny Singapore.", None),
    ("We've been around for 10 years and went public 1 year ago.", None),
    ("We're a team of 10 and have been around for over two years.", None),
    ("We have 20+ years of real-world commercial data", None),
    ("We now have 5 years of funding runway.", None),
    ("Named a Glassdoor Best Place to Work two years in a row.", None),
    ("we've been recognized as a Top Workplace three-years running", None),
    ("This is a full-time post, and you will be offered a fixed term contract of 2-years", None),
    ("We allow employees who leave after two years of service to exercise their options for up to 7 years.", None),
    ("Health IQ spent 6+ years gathering the science and the proprietary data", None),
    ("We're young (2 years of activity, average age 27 years old)", None),
    ("After 8 years of bootstrapping, we've just landed our first series A", None),
    ("Hunter and Schmidt did a meta-study of 85 years of research on hiring criteria.", None),
    ("RAND is a not-for-profit research institute with over 30 years of experience in conducting policy research",
     None),
    ("With nearly 40 years of experience in monetization topics of all kinds, we are regarded as", None),
    ("Must be enrolled full time at a 4-year accredited university/college", None),
    ("Our growth has been amazing in under 3 years and we are looking to add experienced developers", None),
    ("I've personally been with the company for over a year, working on an internal web app", None),
    ("Over the past 5 years we've grown from a military-focused ecommerce company", None),
]


@pytest.mark.parametrize(("text", "years"), YEARS)
def test_years_asked(text: str, years: int | None) -> None:
    assert seniority.years_asked(text) == years


def test_a_firms_years_do_not_hide_the_jobs_requirement() -> None:
    text = ("Founded 12 years ago, Acme has been around for 10 years and was named a best place to work "
            "4 years in a row.\nRequirements:\n- 3-5 years of experience with PyTorch")
    assert seniority.extract("Machine Learning Engineer", None, text) == ("mid", 3)


@pytest.mark.parametrize("text", ["3+ years of experience", "You have 3-5 years in ML engineering",
                                  "at least 4 years of experience building models"])
def test_three_or_four_years_are_mid(text: str) -> None:
    assert classify("Data Scientist", None, text) == "mid"


def test_order_title_then_level_then_years() -> None:
    text = "You bring 1+ years of experience."
    assert seniority.extract("Senior Data Scientist", "Entry level", text) == ("senior", 1)
    assert seniority.extract("Data Scientist", "Mid-level", text) == ("mid", 1)
    assert seniority.extract("Data Scientist", None, text) == ("entry", 1)
    assert seniority.extract("Data Scientist", None, "3+ years of experience") == ("mid", 3)
    assert seniority.extract("Data Scientist", None, "6+ years of experience") == ("senior", 6)
    assert seniority.extract("Data Scientist", None, "") == (None, None)


def test_mid_senior_level_is_mid_unless_the_title_says_senior() -> None:
    assert classify("Data Scientist", "Mid-Senior level", "5+ years of experience") == "mid"
    assert classify("Data Scientist", "Mid senior", "") == "mid"
    assert classify("Senior Data Scientist", "Mid senior", "") == "senior"


def test_several_disagreeing_levels_defer_to_years_else_the_highest() -> None:
    assert classify("Data Scientist", "Mid Level, Senior Level", "3+ years of experience") == "mid"
    assert classify("Data Scientist", "Mid Level, Senior Level", "") == "senior"
    assert classify("Data Scientist", "Entry Level; Mid Level", "") == "mid"


def test_two_levels_in_the_title_give_no_level_whatever_else_is_said() -> None:
    title = "Machine Learning Operations Engineer - Mid-Senior"
    assert classify(title, "Entry level", "5+ years of experience") is None
    assert classify(title, None, "at least a year of experience") is None
    assert classify("Data Scientist / Senior Data Scientist", "Associate", "") is None
    assert classify("Machine Learning Operations Engineer", "Entry level", "") == "entry"


def test_senior_in_the_description_is_not_a_title_marker() -> None:
    text = "You will report to a senior manager and lead projects end to end."
    assert classify("Machine Learning Engineer", None, text) is None


def test_a_level_stated_in_the_description_comes_before_years() -> None:
    text = "We are primarily hiring at senior level. You have 2+ years of experience."
    assert classify("ML Product Engineer", None, text) == "senior"
    assert classify("ML Product Engineer", "Entry level", text) == "entry"


# Real HN 2024 sentences: the body names the advertised job with its level.
BODY_LEVELS = [
    ("We're looking for a senior software engineer to join our NYC-based team", "senior"),
    ("We're seeking a senior founding engineer to join us (2 co-founders)", "senior"),
    ("They are looking for a Senior Software Engineer for the Backend team", "senior"),
    ("We will work with a senior engineer on your team", None),
    ("SPP is seeking an experienced Senior Data Scientist to support", "senior"),  # Glassdoor 2021
    ("We're looking for an intermediate data scientist to join our team", "mid"),
    ("We are looking for a mid-level or senior engineer", None),  # both levels
    ("We're hiring mid-level/senior Developers and Data Scientists.", None),  # HN 2016
    ("We are looking for a mid-level software engineer with interest in machine learning", "mid"),  # HN 2018
]


@pytest.mark.parametrize(("text", "level"), BODY_LEVELS)
def test_body_naming_the_job_with_its_level(text: str, level: str | None) -> None:
    assert seniority.from_text(text.lower()) == level
    assert classify("Software Engineer", None, text + " You have 2+ years of experience.") == (
        level or "entry")
