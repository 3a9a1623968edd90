"""Description HTML → clean text: the one text form every extractor reads.

lxml's HTML parser plus one walk that writes a separator at every block boundary: ≈6k docs/s for
4 KB (benchmarks/text_salary.py; html-text ≈2.7k, lxml itertext ≈8-9k): `text_content()` is faster
but glues list items ("PyTorchKubernetes"). Tried and slower: separators inserted by regex before
parsing, set on the tree, or by XSLT; the cost left is parse (~30%), walk (~35%) and whitespace.
Also tried (2026-11, 4 KB postings): selectolax/lexbor with markers inserted before/after block nodes
gives the same text on every fixture but is slower (≈165 µs vs ≈120: css() block selection alone
≈55 µs, a regex marking block tags in the source ≈50 µs); lxml's collect_ids/remove_blank_text
change nothing; parsing UTF-8 bytes instead of str is no faster.
ftfy is slow (≈300 docs/s), so it runs only when mojibake markers are present.
"""

import html
import re

import ftfy
from lxml import etree

# Elements whose start and end separate text: a line break in the clean text.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead "
    "title tr ul".split()
)
_DROPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head"})

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
# UTF-8 read as Latin-1/cp1252: "Ã©", "â€™", "donâ\x80\x99t".
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00c5\u00e2][\u0080-\u00bf\u20ac\u201a-\u201e\u2018-\u201d\u2122]")
_SEP = "\x00"  # the HTML parser never yields NUL, so it can stand for "block boundary"
_BLANK_RUNS = re.compile(r"\n{3,}")
# str.isspace() characters: the common ones, and the rest (tests/test_text.py checks the two cover all).
_COMMON_SPACES = "\n\t\r\xa0\u202f"
_RARE_SPACES = (
    "\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u205f\u3000"
)
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)


def clean(markup: str) -> str:
    """Readable plain text of a job description given as HTML, entity-escaped HTML or plain text.

    Block elements and <br> become line breaks, scripts and styles are dropped, mojibake is repaired
    and runs of spaces collapse; plain text keeps its lines and paragraph breaks."""
    if not markup:
        return ""
    if "\x00" in markup:
        markup = markup.replace("\x00", "")  # NUL marks block boundaries below; never text
    if "&lt;" in markup and not _TAG.search(markup):
        markup = html.unescape(markup)  # Greenhouse sends entity-escaped HTML
    if _TAG.search(markup):
        text = _html_to_text(markup)
    else:
        text = _normalise_plain(html.unescape(markup) if "&" in markup and _ENTITY.search(markup) else markup)
    if ("\u00c3" in text or "\u00e2" in text or "\u00c2" in text or "\u00c5" in text) and _MOJIBAKE.search(text):
        text = ftfy.fix_encoding(text)
    return text


def _html_to_text(markup: str) -> str:
    try:
        root = etree.fromstring(markup, _PARSER)
    except ValueError:  # a str carrying an XML encoding declaration
        root = etree.fromstring(markup.encode("utf-8", "surrogatepass"), _PARSER)
    except etree.ParserError:
        return ""
    if root is None:
        return ""
    parts: list[str] = []
    append = parts.append
    skipping: etree._Element | None = None
    # Each lxml attribute read builds a new Python object: text/tail are read once (walrus). A
    # non-str tag (a comment's factory) is in neither tag set, so it needs no isinstance check.
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if skipping is not None:
            if element is skipping and event == "end":
                skipping = None
                if tail := element.tail:
                    append(tail)
            continue
        tag = element.tag
        if event == "start":
            if tag in _BLOCK_TAGS:
                append(_SEP)
            elif tag in _DROPPED_TAGS:
                skipping = element
                continue
            if text := element.text:
                append(text)
        else:
            if tag in _BLOCK_TAGS:
                append(_SEP)
            if tail := element.tail:
                append(tail)
    return _collapse_blocks("".join(parts))


def _collapse_blocks(joined: str) -> str:
    """`joined`'s blocks (split at _SEP) with runs of whitespace made one space, stripped, empty
    ones dropped, one per line."""
    if not any(c in joined for c in _RARE_SPACES):
        # Only common spaces to collapse: str.replace runs in C without splitting the text into
        # hundreds of word objects (≈1.7x faster than the general path).
        for c in _COMMON_SPACES:
            if c in joined:
                joined = joined.replace(c, " ")
        while "  " in joined:
            joined = joined.replace("  ", " ")
        return "\n".join(filter(None, map(str.strip, joined.split(_SEP))))
    # Any whitespace: str.split() is the fastest general collapse (regex subs cost as much as the
    # parse); map and filter keep the per-block loop in C.
    return "\n".join(filter(None, map(" ".join, map(str.split, joined.split(_SEP)))))


def _normalise_plain(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
