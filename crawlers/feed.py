"""The raw feed: every posting appended to `<data_dir>/feeds/<run_id>.jsonl` and flushed at once.

Flushing per line is what makes a killed crawl lose nothing already scraped (at most a partial last line,
which the loader skips). Scrapy's feed exports buffer, so this small writer does it instead.

Nothing is dropped silently. A lone surrogate ("\\ud83d", half an emoji cut by the source) cannot be UTF-8:
it becomes U+FFFD and the posting is written, counted (per posting) under `repaired: lone_surrogate`. A line that
cannot be written (disk full, I/O error) is cut back off the file, counted as the error `feed_write_failed`, and its
board is marked incomplete: the run summary then lists it in no `boards_complete`, so the loader closes
nothing of that board on the strength of this run.
"""

from __future__ import annotations

import json
import os
import re
from typing import IO

from mljobs.crawlers import outcomes
from mljobs.crawlers.identity import RunIdentity
from mljobs.crawlers.items import RawPosting
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

FIELDS = tuple(RawPosting.fields)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class FeedWriteFailed(DropItem):
    """The posting could not be written to the feed (counted as feed_write_failed)."""


def encode_line(item: RawPosting) -> tuple[bytes, int]:
    """The feed line as UTF-8 and how many lone surrogates were replaced by U+FFFD to make it so."""
    line = json.dumps({name: item.get(name) for name in FIELDS}, ensure_ascii=False, default=str) + "\n"
    try:
        return line.encode("utf-8"), 0
    except UnicodeEncodeError:
        repaired, count = LONE_SURROGATE.subn("\ufffd", line)
        return repaired.encode("utf-8"), count


class FeedWriter:
    def __init__(self, identity: RunIdentity, crawler: Crawler | None = None) -> None:
        self.identity = identity
        self.crawler = crawler
        self.file: IO[bytes] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FeedWriter:
        return cls(RunIdentity.from_settings(crawler.settings), crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        # Unbuffered: each line is one write, so a failed write can be cut back off the file.
        self.file = self.identity.feed_path.open("ab", buffering=0)

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None

    def process_item(self, item: RawPosting, spider: Spider | None = None) -> RawPosting:
        assert self.file is not None
        item["run_id"] = self.identity.run_id
        line, repaired = encode_line(item)
        if repaired and self.crawler is not None:
            outcomes.record_repair(self.crawler, "lone_surrogate")  # postings repaired, not characters
        try:
            self._write(line)
        except OSError as error:
            if self.crawler is not None:
                outcomes.record_error(self.crawler, "feed_write_failed")
                outcomes.record_board_incomplete(self.crawler, item.get("board"))
            raise FeedWriteFailed(f"cannot write to {self.identity.feed_path}: {error}") from error
        return item

    def _write(self, line: bytes) -> None:
        assert self.file is not None
        fd = self.file.fileno()
        start = os.lseek(fd, 0, os.SEEK_END)
        try:
            written = 0
            while written < len(line):
                written += os.write(fd, line[written:])
        except OSError:
            try:
                os.ftruncate(fd, start)  # no half line left for the next one to be glued to
            except OSError:
                pass  # a device that cannot be truncated (/dev/full) holds nothing anyway
            raise
