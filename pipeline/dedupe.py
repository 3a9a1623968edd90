"""Duplicates across sources: the same job on Greenhouse, in an HN post and on a remote board.

Two postings from different sources are the same job when their normalised company, title and location
are equal, or when their normalised company and description fingerprint are equal (see
pipeline/sql/dedupe_keys.sql). "Same job" is transitive, so clusters are the connected components of
those two links. A key links only when it is unambiguous — shared by several sources, each with one
posting: a source's own ids already tell its listings apart (the same role and description posted per
city is several listings there), so a key one source uses twice does not say which of them a copy is.
Every raw row is kept; one per cluster is canonical, and reports count canonical rows.
"""

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
from mljobs.crawlers import sources
from mljobs.pipeline import db


def assign_clusters(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Recompute cluster_id and is_canonical for every posting with facts; returns (clusters with more
    than one posting, postings that are not canonical)."""
    keys = con.execute(db.query("dedupe_keys")).df()
    if keys.empty:
        return 0, 0
    labels = components(keys)
    clusters = canonical_rows(keys, labels)
    con.register("clusters", pa.Table.from_pandas(clusters, preserve_index=False))
    try:
        con.execute(db.query("write_clusters"))
    finally:
        con.unregister("clusters")
    duplicates = int((~clusters["is_canonical"]).sum())
    sizes = clusters["cluster_id"].value_counts()
    return int((sizes > 1).sum()), duplicates


def components(keys: pd.DataFrame) -> np.ndarray:
    """A component label per row: rows sharing a cross-source key end up with the same label."""
    present = keys["company_key"] != ""
    links = [
        keys["company_key"] + "|" + keys["title_key"] + "|" + keys["location_key"],
        keys["company_key"] + "|" + keys["fingerprint"].fillna(""),
    ]
    usable = [present & (keys["title_key"] != ""), present & keys["fingerprint"].notna()]
    groups = []
    for link, ok in zip(links, usable, strict=True):
        link = link.where(ok)
        sources = keys.groupby(link)["source"]
        distinct = sources.transform("nunique")
        unambiguous = (distinct >= 2) & (distinct == sources.transform("size"))
        groups.append(pd.Series(pd.factorize(link.where(unambiguous))[0]))  # -1 = no link
    labels = np.arange(len(keys))
    while True:  # min-label propagation; converges in as many rounds as the longest chain of links
        before = labels
        for group in groups:
            linked = group.to_numpy() >= 0
            smallest = pd.Series(labels).groupby(group).transform("min").to_numpy()
            labels = np.where(linked, np.minimum(labels, smallest), labels)
        if np.array_equal(before, labels):
            return labels


def canonical_rows(keys: pd.DataFrame, labels: np.ndarray) -> pd.DataFrame:
    """(source, native_id, cluster_id, is_canonical): the best-ranked posting of each component (the
    source's rank in crawlers/sources.toml, then the first seen) is canonical and names the cluster
    ("source:native_id")."""
    frame = pd.DataFrame({
        "source": keys["source"], "native_id": keys["native_id"], "label": labels,
        "rank": keys["source"].map(sources.rank), "first_seen": keys["first_seen"],
    }).sort_values(["label", "rank", "first_seen", "source", "native_id"])
    frame["is_canonical"] = ~frame["label"].duplicated()
    leader = frame.loc[frame["is_canonical"], ["label", "source", "native_id"]]
    leader_id = pd.Series((leader["source"] + ":" + leader["native_id"]).to_numpy(), index=leader["label"])
    frame["cluster_id"] = frame["label"].map(leader_id)
    return frame[["source", "native_id", "cluster_id", "is_canonical"]]
