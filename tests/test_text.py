"""text.clean: description HTML (raw, entity-escaped, with mojibake) or plain text → clean text; text.is_whole:
whether that text is a whole description.

Inputs quote real payloads: Greenhouse luno/stripe `content` (entity-escaped), RemoteOK `description`
(mojibake), HN Algolia `comment_text`, The Muse `contents`, Glassdoor UK / Glassdoor 2021 rows, HN archive posts."""

import pytest
from mljobs.pipeline.text import _COMMON_SPACES, _RARE_SPACES, MIN_DESCRIPTION_CHARS, clean, is_whole

CASES = [
    # list items and block elements never glue
    ("<ul><li>PyTorch</li><li>Kubernetes</li></ul>", "PyTorch\nKubernetes"),
    ("<p>Python</p><p>SQL</p>", "Python\nSQL"),
    ("<div>Spark</div><div>Airflow</div>", "Spark\nAirflow"),
    ("<h2>Requirements</h2><ul><li>AWS</li></ul>", "Requirements\nAWS"),
    ("<table><tr><td>Salary</td><td>$150k</td></tr></table>", "Salary\n$150k"),
    ("TensorFlow<br>Keras<br/>JAX", "TensorFlow\nKeras\nJAX"),
    # inline elements keep words whole and spaced as written
    ("<p>Experience with <b>Py</b>Torch and <a href='x'>scikit-learn</a>.</p>",
     "Experience with PyTorch and scikit-learn."),
    ("<p>Salary: <span>$150,000</span><span>&mdash;</span><span>$200,000 USD</span></p>",
     "Salary: $150,000—$200,000 USD"),
    # scripts, styles and comments dropped; entities decoded; whitespace normalised
    ("<style>p{color:red}</style><p>Keep</p><script>var x = 1;</script><!-- hidden -->tail",
     "Keep\ntail"),
    ("<p>R&amp;D&nbsp;&nbsp;team   of\n  five</p>", "R&D team of five"),
    # Greenhouse sends entity-escaped HTML
    ("&lt;p&gt;&lt;strong&gt;About us:&lt;/strong&gt;&lt;/p&gt;\n&lt;p&gt;Luno is the crypto investment app "
     "for everyone&#39;s hands.&amp;nbsp;&lt;/p&gt;",
     "About us:\nLuno is the crypto investment app for everyone's hands."),
    ("&lt;h2&gt;Who we are&lt;/h2&gt;\n&lt;h3&gt;About Stripe&lt;/h3&gt;", "Who we are\nAbout Stripe"),
    # RemoteOK mojibake
    ("The right people donâ\x80\x99t always think theyâ\x80\x99re right<br><br>Next",
     "The right people don’t always think they’re right\nNext"),
    ("CafÃ© team", "Café team"),
    # HN comment HTML: <p> separated, entities in links
    ("Neon Health | Sr Backend | $170-225K<p><a href=\"https:&#x2F;&#x2F;neonhealth.com\">https:&#x2F;&#x2F;"
     "neonhealth.com</a><p>We're hiring",
     "Neon Health | Sr Backend | $170-225K\nhttps://neonhealth.com\nWe're hiring"),
    # plain text in → same text out (lines and paragraph breaks kept, runs of spaces collapsed)
    ("Machine Learning Engineer\n\nWe use PyTorch.\nSalary: $150k",
     "Machine Learning Engineer\n\nWe use PyTorch.\nSalary: $150k"),
    ("Requirements:   Python,  SQL  \r\n- 3+ years", "Requirements: Python, SQL\n- 3+ years"),
    ("AT&amp;T and 5 < 6", "AT&T and 5 < 6"),
    ("Salary < $100k and > $50k", "Salary < $100k and > $50k"),
    ("", ""),
    ("   \n\t ", ""),
    ('<?xml version="1.0" encoding="utf-8"?><p>x</p>', "x"),
]


@pytest.mark.parametrize(("markup", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_clean(markup: str, expected: str) -> None:
    assert clean(markup) == expected


def test_clean_text_is_idempotent() -> None:
    for markup, _ in CASES:
        once = clean(markup)
        assert clean(once) == once


def test_list_items_stay_separate_words_for_skill_matching() -> None:
    markup = "<p>Stack:</p><ul><li>PyTorch</li><li>Kubernetes</li><li>MLflow</li></ul>"
    assert clean(markup).split() == ["Stack:", "PyTorch", "Kubernetes", "MLflow"]


def test_space_tables_cover_every_whitespace_character() -> None:
    # clean() takes its str.replace path only when no _RARE_SPACES occur: together with " " and
    # _COMMON_SPACES they must be exactly what str.split() treats as whitespace.
    every = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(" " + _COMMON_SPACES + _RARE_SPACES) == every
    assert not set(_COMMON_SPACES) & set(_RARE_SPACES)


@pytest.mark.parametrize("space", [" ", "\n", "\t", "\r", "\xa0", "\u202f", "\u3000", "\u2028", "\x0b"])
def test_every_kind_of_space_collapses_within_a_block(space: str) -> None:
    markup = f"<ul><li>{space}Py{space}{space}Torch {space}</li><li>{space}</li><li>CUDA</li></ul>"
    assert clean(markup) == "Py Torch\nCUDA"


def test_text_after_a_stray_closing_html_tag_is_kept() -> None:
    # A browser shows it; a tree built by libxml2 dropped everything after the root closed.
    assert clean("<p>Python</p></html><p>Kubernetes</p>") == "Python\nKubernetes"


def test_a_failed_parse_leaves_nothing_for_the_next_document() -> None:
    assert clean("<?xml version='1.0' encoding='utf-8'?><p>first</p>") == "first"
    assert clean("<p>second</p>") == "second"


# -- is_whole ----------------------------------------------------------------------------------------------

ENTRUST_ABOUT = ("Entrust is an innovative leader in identity-centric security solutions, providing an integrated "
                 "platform of scalable, AI-enabled security offerings. Headquartered in Minnesota, we offer our "
                 "colleagues the ability to work globally, in a flexible and collaborative environment.")
# The Greenhouse Stripe fixture, its content cut to 800 characters by the fixture's author.
STRIPE_CUT = ("Who we are\nAbout Stripe\nStripe is a financial infrastructure platform for businesses. Millions of "
              "companies - from the world’s largest enterprises to the most ambitious startups - use Stripe to accept "
              "payments, grow their revenue, and accelerate new business opportunities.\nAbout the team\nThe AI team "
              "is focused on one of Stripe’s most strategic growth areas: enabling the monetization and scaling of "
              "AI-native and AI-enabled businesses. We’re in a unique")
# An HN archive post (2016) that ends on a job link HN shortened: whole.
HN_LINK_END = ("We're a small team building tools for corporate learning, and we care about performance, integrating "
               "with a variety of external services, and architecting our overall platform for security.\nIf you're "
               "interested, contact us, apply to the careers link below, drop a comment here, etc.\nBACKEND ENGINEER "
               "(Ruby/Postgres/GraphQL), $100-130k, https://jobs.lever.co/pathgather/e700098b-b552-4b10-a5a5-e0e...")
WHOLE_ENDINGS = [
    # a description ending on a list item with no full stop (Glassdoor 2021, 1.8 KB)
    "Education & Experience\n" + "Build and deploy statistical models with the product team.\n" * 30
    + "B.S. or M.S. or Ph.D. degree in Computer Science, or equivalent experience",
    HN_LINK_END,
    ENTRUST_ABOUT + "\nStack: Swift iOS, JAVA Android, Ruby Backend, AWS, Rabbit, CircleCI, Rollbar, ...",
    ENTRUST_ABOUT + "\nVisit our engineering blog to read more.",
]
CUT_OR_SNIPPET = [
    # Glassdoor UK: the collapsed card's text behind its "Show more" button
    "Show moreCareer Growth, Flexibility and Collaboration!\n" + ENTRUST_ABOUT,
    "Show less\n" + ENTRUST_ABOUT,
    STRIPE_CUT,
    # a Glassdoor 2021 row cut mid-word
    ("Deepen understanding and usage of data across the enterprise.\n\nAt Ameritas , fulfilling life is what we do "
     "daily. We continuously strive to help our customers and employees enjoy life at its very best by reducing "
     "uncertainty, helping grow assets an"),
    # feed teasers
    ENTRUST_ABOUT + " You will work with our data science team to build…",
    ENTRUST_ABOUT + " You will work with our data science team to build...",
    ENTRUST_ABOUT + " [...]",
    ENTRUST_ABOUT + "\nRead more",
    ENTRUST_ABOUT + " …see more",
]


def test_a_whole_description_is_whole() -> None:
    hn_post = ("Natero | Mountain View, CA | ONSITE | Machine Learning Engineer\nNatero builds predictive analytics "
               "for customer success teams.\nREQUIREMENTS: MS or PhD with 3+ years of experience in Machine Learning, "
               "Statistics, Applied Mathematics or a related field. Email jobs@natero.com.")
    assert is_whole(hn_post)


@pytest.mark.parametrize("text", WHOLE_ENDINGS)
def test_whole_postings_that_end_without_a_full_stop_stay_whole(text: str) -> None:
    assert len(text) >= MIN_DESCRIPTION_CHARS
    assert is_whole(text)


@pytest.mark.parametrize("text", CUT_OR_SNIPPET)
def test_snippets_teasers_and_cut_texts_are_not_whole(text: str) -> None:
    assert len(text) >= MIN_DESCRIPTION_CHARS
    assert not is_whole(text)


def test_short_texts_are_not_whole() -> None:
    assert not is_whole("")
    assert not is_whole("null")
    assert not is_whole("Machine Learning Engineer | Berlin | https://example.com/jobs/42")
    assert is_whole(ENTRUST_ABOUT[:MIN_DESCRIPTION_CHARS - 1] + ".") and not is_whole(ENTRUST_ABOUT[:150] + ".")


def test_a_long_text_is_not_read_as_cut_for_a_missing_full_stop() -> None:
    # a feed cuts short; at 1,000 characters and more the end is a list item or a sign-off
    assert is_whole((ENTRUST_ABOUT + "\n") * 5 + "We are looking for people who enjoy working with data and")
