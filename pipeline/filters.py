"""What --source may name: a source the database holds postings of (export and every report check it)."""

import duckdb
from mljobs.pipeline import db


class UnknownSource(ValueError):
    """A --source the database holds no posting of; the message names those it holds."""


def known_source(con: duckdb.DuckDBPyConnection, source: str | None) -> None:
    """UnknownSource unless `source` is None or a source the database holds postings of."""
    if source is None:
        return
    known = [name for (name,) in con.execute(db.query("source_names")).fetchall()]
    if source not in known:
        raise UnknownSource(f"unknown source {source!r}: the database holds {', '.join(known) or 'none yet'}")
