"""Extraction worker processes die with their parent: a killed `load` or `rebuild` leaves no orphan behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")

# The parent: rebuild's own pool, two workers busy with a long task, their pids printed, then it waits to be killed.
PARENT = """
import os, sys, time
from mljobs.pipeline import derive
pool = derive.worker_pool(2)
futures = [pool.submit(time.sleep, 120) for _ in range(2)]
time.sleep(0.5)
print(" ".join(str(pid) for pid in pool._processes), flush=True)
time.sleep(120)
"""


def alive(pid: int) -> bool:
    """Running, not a zombie awaiting its (dead) parent's reaping."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.slow
def test_workers_die_when_their_parent_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(alive(pid) for pid in workers)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)], "orphaned workers outlived their parent"
    finally:
        parent.kill()
        for pid in workers if "workers" in locals() else []:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
