"""Raw posting → facts. Pure functions over one record; the contract is DESIGN.md's "Extract"."""

from typing import Any

from pipeline import roles, salary, seniority, skills, text


def extract(record: dict[str, Any]) -> dict[str, Any]:
    """Facts of one posting in the extract input format (id, title, company, location, description,
    salary, level, source). Missing keys are treated as null."""
    title = _str(record.get("title"))
    body = text.clean(_str(record.get("description")))
    is_ml, role = roles.classify(title, body)
    return {
        "id": record.get("id"),
        "is_ml": is_ml,
        "role": role,
        "seniority": seniority.classify(title, _str(record.get("level")) or None, body),
        "skills": skills.extract(f"{title}\n{body}"),
        "salary": salary.parse(record.get("salary"), f"{title}\n{body}"),
    }


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""
