"""is_ml and the guide role. (Initial version; see the extraction issue.)"""


def classify(title: str, text: str) -> tuple[bool, str | None]:
    t = title.lower()
    if "machine learning" in t or " ml " in f" {t} ":
        return True, "machine-learning-engineer"
    if "data scientist" in t:
        return True, "data-scientist"
    return False, None
