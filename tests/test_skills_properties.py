"""Properties of skills.extract over arbitrary text and over text built from the vocabulary's own spellings."""

from hypothesis import given, settings
from hypothesis import strategies as st
from mljobs.pipeline import skills

VOCABULARY = skills.vocabulary()
SPELLINGS = sorted({s for skill in VOCABULARY.values() for s in skill.spellings()})
# Filler that sits next to skill names in real postings, including the hard look-alikes.
FILLER = ["and", "or", ",", "/", "(", ")", "R&D", "Go-To-Market", "excellent", "scalable", "sparkling", "-", "\n",
          "&", "C-suite", "x", "the", ".", "İ", "ß", "🚀", "R", "C", "Go", "to"]

texts_from_vocabulary = st.lists(st.sampled_from(SPELLINGS + FILLER), max_size=40).map(" ".join)
any_text = st.text(max_size=400) | texts_from_vocabulary | st.text(alphabet="RCGo+#/&.- \nrcgs", max_size=80)


def _check(found: list[str]) -> None:
    assert all(isinstance(name, str) for name in found)
    assert set(found) <= VOCABULARY.keys()
    assert len(found) == len(set(found))
    for name in found:
        assert set(VOCABULARY[name].implies) <= set(found), name


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_any_text_gives_distinct_vocabulary_names_closed_under_implies(text):
    _check(skills.extract(text))


@settings(max_examples=200, deadline=None)
@given(texts_from_vocabulary)
def test_spaces_around_the_text_change_nothing(text):
    assert skills.extract(f"  {text}\n ") == skills.extract(text)


@settings(max_examples=200, deadline=None)
@given(texts_from_vocabulary, texts_from_vocabulary)
def test_more_text_never_loses_a_skill(head, tail):
    # A mention far from the added text keeps its verdict: context rules look a bounded distance away.
    gap = " " + "lorem " * 1000
    first = skills.extract(head)
    combined = skills.extract(head + gap + tail)
    assert combined[: len(first)] == first


def _sentence(name: str) -> str:
    return f"Experience with PyTorch, {name}, Kubernetes and GPT-4. "


BASE = skills.extract(_sentence(""))  # the context skills every sentence carries
# Names whose sentence yields just themselves and what they imply ("Self-supervised learning" also
# names "Supervised learning"? it must not; "Graph neural networks" names "Neural networks" too: left out).
SOLO = sorted(
    name for name in VOCABULARY
    if [n for n in skills.extract(_sentence(name)) if n not in BASE]
    == [n for n in skills.with_implied([name]) if n not in BASE]
)


def test_nearly_every_name_stands_alone():
    assert len(SOLO) >= 0.9 * len(VOCABULARY)
    assert "Supervised learning" in SOLO and "Self-supervised learning" in SOLO


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SOLO), min_size=1, max_size=8, unique=True))
def test_listed_skills_come_out_in_listed_order_each_with_what_it_implies(names):
    found = skills.extract("".join(_sentence(name) for name in names))
    assert [n for n in found if n not in BASE] == [n for n in skills.with_implied(names) if n not in BASE]
