"""Shared fixtures: a replay server on 127.0.0.1 (tests/replay.py) and a crawl in a child process."""

from collections.abc import Iterator

import pytest
from replay import ReplayServer


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    """A started replay server; program it with .serve()/.fault()/.robots(), point spiders at .url."""
    with ReplayServer() as server:
        yield server
