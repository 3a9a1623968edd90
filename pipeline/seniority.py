"""Seniority: entry / mid / senior / None. (Initial version; see the extraction issue.)"""


def classify(title: str, level: str | None, text: str) -> str | None:
    t = title.lower()
    if "senior" in t or "staff" in t or "principal" in t:
        return "senior"
    if "junior" in t or "intern" in t:
        return "entry"
    return None
