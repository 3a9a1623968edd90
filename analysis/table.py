"""What a report returns: a title, headline numbers and plain rows — no pandas, so a small report starts as fast
as duckdb itself does (issue 13: pandas alone took 0.3 s of a 0.6 s `report roles`).

Reports that compute with pandas (salaries, trends, compare) hand their frame to `Table.of`; code that wants
pandas back (the HTML report, tests) calls `.frame()`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[dict[str, Any]]  # one dict per row, keys in `columns` order; a missing value is None
    summary: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        return [row[name] for row in self.rows]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Table:
        """A report's DataFrame (title and summary in its attrs) as a Table, NaN and NA as None."""
        plain = frame.astype(object).where(frame.notna(), None)
        return cls(title=frame.attrs.get("title", ""), columns=[str(c) for c in frame.columns],
                   rows=plain.to_dict("records"), summary=dict(frame.attrs.get("summary", {})))

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame (pandas loads here), title and summary in its attrs."""
        import pandas as pd

        frame = pd.DataFrame(self.rows, columns=self.columns)
        frame.attrs.update(title=self.title, summary=self.summary)
        return frame


def missing(value: object) -> bool:
    """None, or a float NaN (a Table's rows hold None; NaN can still come from arithmetic on them)."""
    return value is None or (isinstance(value, float) and math.isnan(value))
