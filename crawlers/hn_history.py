"""Which Who-is-hiring months a crawl need not fetch again, read from the ended runs' own records.

A month is complete when the summary (`<run_id>.run.json`) of a run that ended — finished, or stopped by
Ctrl-C — lists it in the hn source's `boards_complete` (its thread was read whole and every posting written),
and that run started after the month was over: a thread keeps gathering posts while its month lasts. A run
killed outright leaves no summary, so its months are fetched again (the loader merges the repeated postings
by id: nothing is doubled). `HN_REFETCH=true` fetches every month asked for regardless.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

SOURCE = "hn"


def month_after(month: str) -> datetime:
    """The first instant (UTC) after the month "YYYY-MM"."""
    year, mon = map(int, month.split("-"))
    return datetime(year + mon // 12, mon % 12 + 1, 1, tzinfo=UTC)


def _started(value: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def complete_months(feeds_dir: Path, source: str = SOURCE) -> set[str]:
    """The months some ended run read whole after they were over (see the module's doc)."""
    complete: set[str] = set()
    for path in feeds_dir.glob("*.run.json"):
        try:
            run = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # half-written or unreadable: it proves nothing
        entry = run.get("sources", {}).get(source) if isinstance(run, dict) else None
        started = _started(run.get("started_at")) if isinstance(entry, dict) else None
        if started is None:
            continue
        for month in entry.get("boards_complete") or []:
            try:
                if started >= month_after(str(month)):
                    complete.add(str(month))
            except ValueError:
                continue
    return complete


def months_between(since: str, until: str) -> list[str]:
    """"2011-04".."2011-06" → ["2011-04", "2011-05", "2011-06"]."""
    year, mon = map(int, since.split("-"))
    months = []
    while (month := f"{year:04d}-{mon:02d}") <= until:
        months.append(month)
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return months
