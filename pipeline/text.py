"""Description HTML → clean text. (Initial version; see the extraction issue.)"""

import html

import ftfy
import html_text


def clean(markup: str) -> str:
    if not markup:
        return ""
    if "&lt;" in markup and "<" not in markup:
        markup = html.unescape(markup)  # Greenhouse sends entity-escaped HTML
    return ftfy.fix_text(html_text.extract_text(markup))
