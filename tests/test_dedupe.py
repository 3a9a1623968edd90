"""Duplicates across sources: one job seen on Greenhouse, a remote board and HN is one canonical row."""

import html
from pathlib import Path

import duckdb
import pandas as pd
from mljobs.pipeline import dedupe, derive
from store_feeds import real_postings, write_feed

from mljobs import paths


def key_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["source", "native_id", "company_key", "title_key", "location_key",
                                       "fingerprint"]).assign(first_seen=pd.Timestamp("2026-11-20"))


def test_links_join_sources_transitively_but_never_two_listings_of_one_source() -> None:
    keys = key_frame([
        ("greenhouse", "1", "luno", "ml engineer", "london", "fp-a"),
        ("remoteok", "2", "luno", "machine learning engineer", "remote", "fp-a"),  # same text as 1
        ("hn", "3", "luno", "machine learning engineer", "remote", None),          # same title as 2
        ("greenhouse", "4", "luno", "data analyst", "london", "fp-b"),             # per-city listings of one
        ("greenhouse", "5", "luno", "data analyst", "cape town", "fp-b"),          # source: ambiguous
        ("lever", "6", "luno", "data analyst", "paris", "fp-b"),
        ("lever", "7", "acme", "ml engineer", "london", "fp-a"),                   # other company
    ])
    labels = dedupe.components(keys)
    assert labels[0] == labels[1] == labels[2]
    assert len({labels[3], labels[4], labels[5]}) == 3
    assert labels[6] not in (labels[0], labels[3])

    clusters = dedupe.canonical_rows(keys, labels).set_index("native_id")
    assert clusters.loc[["1", "2", "3"], "cluster_id"].tolist() == ["greenhouse:1"] * 3
    assert clusters.loc[["1", "2", "3"], "is_canonical"].tolist() == [True, False, False]
    assert clusters["is_canonical"].sum() == 5


def test_the_same_job_on_three_sources_is_one_canonical_posting_in_the_database(tmp_path: Path) -> None:
    postings = real_postings()
    original = next(p for p in postings if p["source"] == "greenhouse")
    board_copy = dict(original, source="remoteok", native_id="rok-1", company=f"{original['company']} Inc.",
                      location="Remote", board=None,
                      description=html.unescape(original["description"]) + "<p>Please mention RemoteOK.</p>")
    hn_post = dict(original, source="hn", native_id="hn-1", company=original["company"].upper(),
                   location="Remote", board="whoishiring",
                   description="<p>We are hiring, email jobs@example.com</p>")
    write_feed(tmp_path, "run-1", [*postings, board_copy, hn_post])
    _, derived = derive.load_and_derive(tmp_path)
    assert (derived.clusters, derived.duplicates) == (1, 2)

    con = duckdb.connect(str(paths.database(tmp_path)), read_only=True)
    members = con.execute("SELECT source, is_canonical, cluster_id FROM facts WHERE cluster_id = ? ORDER BY source",
                          [f"greenhouse:{original['native_id']}"]).fetchall()
    canonical, total = con.execute("SELECT count(*) FILTER (WHERE is_canonical), count(*) FROM facts").fetchall()[0]
    raw = con.execute("SELECT count(*) FROM raw_postings").fetchall()[0][0]
    con.close()
    assert [(source, flag) for source, flag, _ in members] == [
        ("greenhouse", True), ("hn", False), ("remoteok", False)]
    assert (canonical, total, raw) == (len(postings), len(postings) + 2, len(postings) + 2)
