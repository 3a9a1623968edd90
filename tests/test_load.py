"""mljobs.pipeline.load and pipeline.derive on real payload feeds in a real DuckDB file."""

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from mljobs.pipeline import derive, extract, load, skills, text
from store_feeds import real_postings, snapshot, write_feed

from mljobs import paths

FIRST_RUN = {"started_at": "2026-11-20T09:59:00+00:00", "finished_at": "2026-11-20T10:05:00+00:00",
             "status": "finished", "sources": {"lever": {"pages": 1, "postings": 5, "errors": 0,
                                                         "status": "finished", "boards_complete": ["mamamoney"]}}}


def rows(data_dir: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(paths.database(data_dir)), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_a_feed_loads_one_row_per_posting_with_types_and_raw_payload(tmp_path: Path) -> None:
    postings = real_postings()
    write_feed(tmp_path, "run-2026-11-20", postings)
    result = load.load_feeds(tmp_path)
    assert (result.feeds, result.lines, result.postings, result.new) == (1, 18, 18, 18)
    assert not result.problems
    by_source = dict(rows(tmp_path, "SELECT source, count(*) FROM raw_postings GROUP BY source"))
    expected: dict[str, int] = {}
    for p in postings:
        expected[p["source"]] = expected.get(p["source"], 0) + 1
    assert by_source == expected
    first = postings[0]  # greenhouse: first_published "2026-...-04:00" is stored in UTC
    stored = rows(tmp_path, "SELECT posted_at, first_seen, last_seen, raw, title FROM raw_postings "
                  "WHERE source = ? AND native_id = ?", [first["source"], first["native_id"]])[0]
    assert stored[0] == datetime.fromisoformat(first["posted_at"]).astimezone(UTC).replace(tzinfo=None)
    assert stored[1] == stored[2] == datetime(2026, 11, 20, 10, 0)
    assert json.loads(stored[3]) == first["raw"]
    assert stored[4] == first["title"]


def test_loading_the_same_feed_twice_changes_nothing(tmp_path: Path) -> None:
    write_feed(tmp_path, "run-a", real_postings(), FIRST_RUN)
    load.load_feeds(tmp_path)
    before = snapshot(paths.database(tmp_path))
    again = load.load_feeds(tmp_path)
    assert (again.feeds, again.postings) == (0, 0)
    assert snapshot(paths.database(tmp_path)) == before
    # The same lines under another feed name are read, and still change no posting.
    write_feed(tmp_path, "run-a-copy", real_postings())
    copy = load.load_feeds(tmp_path)
    assert (copy.postings, copy.new, copy.changed) == (18, 0, 0)
    assert snapshot(paths.database(tmp_path))["raw_postings"] == before["raw_postings"]


def test_a_recrawl_updates_changed_postings_closes_unseen_ones_and_reopens_on_return(tmp_path: Path) -> None:
    first = real_postings()
    write_feed(tmp_path, "run-1", first, FIRST_RUN)
    assert load.load_feeds(tmp_path).runs_finished == 1

    lever = [p for p in first if p["source"] == "lever"]
    gone, changed = lever[0], lever[1]
    second = [dict(p, fetched_at="2026-11-27T10:00:00+00:00", run_id="run-2") for p in first if p is not gone]
    for p in second:
        if p["native_id"] == changed["native_id"]:
            p["title"] = changed["title"] + " (Remote)"
    run2 = {"started_at": "2026-11-27T09:59:00+00:00", "finished_at": "2026-11-27T10:05:00+00:00",
            "status": "finished", "sources": {
                "lever": {"pages": 1, "postings": 4, "errors": 0, "error_reasons": {}, "status": "finished",
                          "boards_complete": ["mamamoney"]},
                "greenhouse": {"pages": 1, "postings": 5, "errors": 1, "error_reasons": {"http_429": 1},
                               "status": "finished", "boards_complete": []}}}
    write_feed(tmp_path, "run-2", second, run2)
    result = load.load_feeds(tmp_path)
    assert (result.new, result.changed, result.closed) == (0, 1, 1)
    assert rows(tmp_path, "SELECT title, first_seen, last_seen FROM raw_postings WHERE native_id = ?",
                [changed["native_id"]]) == [(changed["title"] + " (Remote)", datetime(2026, 11, 20, 10),
                                             datetime(2026, 11, 27, 10))]
    assert rows(tmp_path, "SELECT closed_at, last_seen FROM raw_postings WHERE native_id = ?",
                [gone["native_id"]]) == [(datetime(2026, 11, 27, 10, 5), datetime(2026, 11, 20, 10))]
    assert rows(tmp_path, "SELECT count(*) FROM raw_postings WHERE closed_at IS NOT NULL") == [(1,)]
    assert rows(tmp_path, "SELECT source, errors, error_reasons, status FROM crawl_runs WHERE run_id = 'run-2' "
                "ORDER BY source") == [("greenhouse", 1, '{"http_429": 1}', "finished"),
                                       ("lever", 0, "{}", "finished")]

    write_feed(tmp_path, "run-3", [dict(gone, fetched_at="2026-11-28T10:00:00+00:00", run_id="run-3")])
    back = load.load_feeds(tmp_path)
    assert (back.reopened, back.changed) == (1, 0)
    assert rows(tmp_path, "SELECT closed_at, run_id FROM raw_postings WHERE native_id = ?",
                [gone["native_id"]]) == [(None, "run-3")]


@pytest.mark.parametrize("finished", [False, True])  # a finished feed first tries the whole-file reader
def test_bad_lines_are_counted_with_line_numbers_and_the_rest_loads(tmp_path: Path, finished: bool) -> None:
    feed = write_feed(tmp_path, "run-bad", real_postings()[:4], FIRST_RUN if finished else None)
    with feed.open("a", encoding="utf-8") as out:
        out.write('{"source": "lever", "native_id": "x1", "title": "ok but", "posted_at": "next tuesday", '
                  '"fetched_at": "2026-11-20T10:00:00Z"}\n')
        out.write("{not json}\n")
        out.write('["a list"]\n')
        out.write('{"source": "lever", "title": "no id"}\n')
    with feed.open("ab") as out:
        out.write(b'{"source": "lever", "native_id": "x2", "title": "caf\xe9"}\n')  # Latin-1, not UTF-8
    result = load.load_feeds(tmp_path)
    assert result.postings == 5
    assert sorted((line, reason) for _, line, reason in result.bad_lines) == [
        (5, "bad_posted_at"), (6, "bad_json"), (7, "not_an_object"), (8, "missing_native_id"), (9, "bad_utf8")]
    assert rows(tmp_path, "SELECT title, posted_at FROM raw_postings WHERE native_id = 'x1'") == [("ok but", None)]
    stored = json.loads(rows(tmp_path, "SELECT bad_lines FROM feed_loads")[0][0])
    assert sorted(entry["line"] for entry in stored) == [5, 6, 7, 8, 9]


def test_a_growing_feed_is_read_from_where_the_last_load_stopped(tmp_path: Path) -> None:
    postings = real_postings()
    feed = write_feed(tmp_path, "run-live", postings[:10])
    assert load.load_feeds(tmp_path).lines == 10
    with feed.open("a", encoding="utf-8") as out:
        for p in postings[10:]:
            out.write(json.dumps(p) + "\n")
    later = load.load_feeds(tmp_path)
    assert (later.lines, later.new) == (8, 8)
    assert rows(tmp_path, "SELECT lines, postings, finished FROM feed_loads") == [(18, 18, False)]


def test_derive_writes_what_extract_says_and_only_redoes_changed_postings(tmp_path: Path) -> None:
    postings = real_postings()
    write_feed(tmp_path, "run-1", postings)
    loaded, derived = derive.load_and_derive(tmp_path)
    assert derived.postings == loaded.postings == 18
    for p in postings:
        expected = extract.extract({**p, "id": f"{p['source']}:{p['native_id']}"})
        fact = rows(tmp_path, "SELECT is_ml, role, seniority, description_text FROM facts "
                    "WHERE source = ? AND native_id = ?", [p["source"], p["native_id"]])[0]
        assert fact[:3] == (expected["is_ml"], expected["role"], expected["seniority"])
        assert fact[3] == text.clean(p["description"] or "")
        stored_skills = rows(tmp_path, "SELECT skill FROM posting_skills WHERE source = ? AND native_id = ?",
                             [p["source"], p["native_id"]])
        assert sorted(s for (s,) in stored_skills) == sorted(set(expected["skills"]))
    assert rows(tmp_path, "SELECT count(*) FROM vocab_skills") == [(len(skills.vocabulary()),)]
    assert derive.derive_pending(tmp_path).postings == 0

    edited = dict(postings[0], description="<p>We train PyTorch models on Kubernetes.</p>",
                  fetched_at="2026-11-21T10:00:00+00:00", run_id="run-2")
    write_feed(tmp_path, "run-2", [edited])
    _, again = derive.load_and_derive(tmp_path)
    assert again.postings == 1
    assert rows(tmp_path, "SELECT description_text FROM facts WHERE native_id = ?", [edited["native_id"]]) == [
        ("We train PyTorch models on Kubernetes.",)]
    assert rows(tmp_path, "SELECT count(*) FROM facts f JOIN raw_postings r USING (source, native_id) "
                "WHERE f.content_hash IS DISTINCT FROM r.content_hash") == [(0,)]

    rebuilt = derive.rebuild(tmp_path, workers=1)
    assert rebuilt.postings == 18


@pytest.mark.parametrize("workers", [2])
def test_rebuild_in_two_processes_matches_one(tmp_path: Path, workers: int, monkeypatch) -> None:
    monkeypatch.setattr(derive, "BATCH", 8)  # several batches, so the pool is really used
    write_feed(tmp_path, "run-1", real_postings())
    derive.load_and_derive(tmp_path)
    one = rows(tmp_path, "SELECT * EXCLUDE (extracted_at) FROM facts ORDER BY ALL")
    assert derive.rebuild(tmp_path, workers=workers).postings == 18
    assert rows(tmp_path, "SELECT * EXCLUDE (extracted_at) FROM facts ORDER BY ALL") == one


@pytest.mark.parametrize("finished", [False, True])  # read line by line / as a whole finished feed
def test_a_posting_listed_twice_in_one_feed_is_one_row_with_the_newer_sighting(
    tmp_path: Path, finished: bool
) -> None:
    posting = real_postings()[0]
    later = dict(posting, title=posting["title"] + " II", fetched_at="2026-11-20T10:30:00+00:00")
    write_feed(tmp_path, "run-1", [later, posting], FIRST_RUN if finished else None)  # file order is not time order
    result = load.load_feeds(tmp_path)
    assert (result.lines, result.new) == (2, 1)
    assert rows(tmp_path, "SELECT title, first_seen, last_seen FROM raw_postings") == [
        (later["title"], datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 20, 10, 30))]


def test_a_finished_feed_of_new_postings_stores_what_the_line_by_line_path_stores(tmp_path: Path) -> None:
    """A finished feed of new postings is inserted as read (no staging); the rows must be the same."""
    postings = real_postings()
    stored = {}
    for finished in (False, True):
        data_dir = paths.data_dir(tmp_path / str(finished))
        write_feed(data_dir, "run-2026-11-20", postings, FIRST_RUN if finished else None)
        result = load.load_feeds(data_dir)
        assert (result.lines, result.postings, result.new, result.changed) == (18, 18, 18, 0)
        stored[finished] = rows(data_dir, "SELECT * FROM raw_postings ORDER BY source, native_id")
    assert len(stored[True]) == 18
    assert stored[True] == stored[False]


def test_the_loader_reads_every_field_a_spider_writes() -> None:
    from mljobs.crawlers.items import RawPosting

    assert list(load.FEED_FIELDS) == list(RawPosting.fields)  # one definition: crawlers/feed_fields.py
