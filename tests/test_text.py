"""text.clean: description HTML (raw, entity-escaped, with mojibake) or plain text → clean text.

Inputs quote real payloads: Greenhouse luno/stripe `content` (entity-escaped), RemoteOK `description`
(mojibake), HN Algolia `comment_text`, The Muse `contents`."""

import pytest

from pipeline.text import _COMMON_SPACES, _RARE_SPACES, clean

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
