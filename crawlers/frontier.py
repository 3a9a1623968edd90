"""A crawl shared by many worker processes through Redis (scrapy-redis): `mljobs crawl ... --frontier URL`.

Every worker of a source shares one request queue and one duplicate filter in Redis (scrapy-redis's
scheduler and RFPDupeFilter, under `<prefix>:<spider>:...`); each writes its own feed and run summary, and the
loader merges the feeds as it merges any runs (one row per source and native id: nothing doubled).

What scrapy-redis does not give, added here:

- **No request lost with a worker.** scrapy-redis pops a request out of Redis when a worker takes it, so a
  worker killed mid-crawl would take its in-flight requests with it. Here a pop moves the entry atomically
  into the worker's lease hash (`lease:<worker>`); it leaves the lease once its callback's output is
  scheduled and written (FrontierMiddleware), or once a retry or redirect of it is queued. Each worker
  refreshes a heartbeat key (`alive:<worker>`, MLJOBS_FRONTIER_TTL seconds); any worker that finds a worker's
  heartbeat gone puts that worker's leases back on the queue (counted as the retry reason
  `frontier_recovered`). The guarantee is *at least once*: a request a dead worker had finished but not yet
  released is fetched again, and its postings land in two feeds, which the loader merges by id. A request
  whose download failed for good (no callback runs) stays leased until its worker is next idle, so it is
  fetched once more only if the worker dies before that.
- **Nobody stops early.** A worker with nothing to do (`idle:<worker>`) stays while the queue or any lease
  (another worker's requests in flight, or a dead worker's not yet recovered) is not empty, or another live
  worker is still busy (it may still be queueing its start requests), so the last pages are shared and a dead
  worker's requests are always picked up. Queue and peers are looked at every MLJOBS_FRONTIER_POLL seconds.
- **A fresh crawl each time.** The duplicate filter persists while any worker works (scrapy-redis would clear
  it when the *first* worker finishes); the last worker to leave, atomically, deletes the crawl's keys, so
  the next crawl starts from nothing. A crawl whose workers were all killed or stopped is left in Redis and
  resumed by the next worker started on it (delete `<prefix>:<spider>:*` to start afresh instead).
- **Boards close postings only when one worker saw all of them.** A worker lists a board in its run's
  `boards_complete` only if no other worker fetched a page or detail of that board in this crawl (each
  response's board and worker are noted in `boards`); otherwise the loader would close, from one feed,
  postings another feed holds.

Per-source request caps and the circuit breaker stay per worker.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable
from typing import Any
from urllib.parse import urlsplit

from mljobs.crawlers import outcomes
from mljobs.crawlers.identity import RunIdentity
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response

try:
    from scrapy_redis.scheduler import Scheduler as _RedisScheduler
except ImportError:  # the `distributed` extra is not installed: frontier_settings says so in one line
    _RedisScheduler = object

LEASE = "frontier_lease"  # request.meta key: the token of the lease a popped request holds
RECOVERED = "frontier_recovered"

# Pop the oldest entry and lease it to a worker, atomically: a kill between the two cannot lose it.
_POP = """
local entry = redis.call('RPOP', KEYS[1])
if entry then redis.call('HSET', KEYS[2], ARGV[1], entry) end
return entry
"""
# Put a worker's leases back on the queue (the front: they were taken first) and forget the worker.
_RECOVER = """
local entries = redis.call('HVALS', KEYS[2])
for _, entry in ipairs(entries) do redis.call('RPUSH', KEYS[1], entry) end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
return #entries
"""


class FrontierError(ValueError):
    """A frontier URL that is wrong or a Redis that cannot be reached: one clear line."""


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss", "unix") or not (parts.hostname or parts.path):
        raise FrontierError(f"--frontier {url!r} is not a Redis URL like redis://host:6379/0")
    return url


def frontier_settings(url: str, prefix: str = "mljobs") -> dict[str, Any]:
    """The Scrapy settings that turn a crawl into a frontier worker (the plain crawl sets none of them)."""
    if _RedisScheduler is object:
        raise FrontierError("--frontier needs scrapy-redis: pip install 'mljobs[distributed]'")
    return {
        "MLJOBS_FRONTIER": check_url(url),
        "MLJOBS_FRONTIER_PREFIX": prefix,
        "REDIS_URL": url,
        "SCHEDULER": "mljobs.crawlers.frontier.FrontierScheduler",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:%(spider)s:requests",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:%(spider)s:dupefilter",
        "SCHEDULER_PERSIST": True,  # cleared by the last worker, not the first (see the module doc)
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,  # never a blocking pop: it would stall the reactor
        "SPIDER_MIDDLEWARES": {"mljobs.crawlers.frontier.FrontierMiddleware": 10},  # outermost: sees output last
    }


def ping(url: str) -> None:
    """Raise FrontierError in one line when the Redis at `url` does not answer."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
    except redis.RedisError as error:
        where = urlsplit(url)
        raise FrontierError(f"cannot reach the frontier at {where.hostname}:{where.port or 6379}: {error}") from None


def keys(prefix: str, spider: str) -> dict[str, str]:
    base = f"{prefix}:{spider}"
    return {"queue": f"{base}:requests", "dupefilter": f"{base}:dupefilter", "workers": f"{base}:workers",
            "boards": f"{base}:boards", "alive": f"{base}:alive:", "idle": f"{base}:idle:", "lease": f"{base}:lease:"}


# A response handled: release its lease and note who fetched its board ("*" once two workers did); one trip.
_DONE = """
if ARGV[1] ~= '' then redis.call('HDEL', KEYS[2], ARGV[1]) end
if ARGV[2] ~= '' then
  local who = redis.call('HGET', KEYS[1], ARGV[2])
  if not who then redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
  elseif who ~= ARGV[3] then redis.call('HSET', KEYS[1], ARGV[2], '*') end
end
"""
# A worker that finished leaves; the last to leave, with nothing queued, clears the crawl. Atomic, so of two
# workers leaving at once exactly one sees the other gone.
_LEAVE = """
redis.call('DEL', KEYS[4], KEYS[5], KEYS[6])
redis.call('SREM', KEYS[3], ARGV[1])
if redis.call('SCARD', KEYS[3]) == 0 and redis.call('LLEN', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[7])
  return 1
end
return 0
"""


class FrontierScheduler(_RedisScheduler):  # type: ignore[misc,valid-type]
    """scrapy-redis's scheduler with leases, heartbeats, recovery and a shared end (see the module doc)."""

    crawler: Crawler
    worker: str

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierScheduler:
        settings = crawler.settings
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.prefix = settings.get("MLJOBS_FRONTIER_PREFIX")
        scheduler.worker = RunIdentity.from_settings(settings).run_id
        scheduler.ttl_ms = int(settings.getfloat("MLJOBS_FRONTIER_TTL") * 1000)
        scheduler.poll = settings.getfloat("MLJOBS_FRONTIER_POLL")
        scheduler.waiting = False
        scheduler.pop_script = scheduler.server.register_script(_POP)
        scheduler.recover_script = scheduler.server.register_script(_RECOVER)
        scheduler.done_script = scheduler.server.register_script(_DONE)
        scheduler.leave_script = scheduler.server.register_script(_LEAVE)
        crawler.signals.connect(scheduler.idle, signal=signals.spider_idle)
        return scheduler

    # -- lifecycle -------------------------------------------------------------------------------------
    def open(self, spider: Spider) -> None:
        super().open(spider)
        self.k = keys(self.prefix, spider.name)
        self.lease_key = self.k["lease"] + self.worker
        self.beat()
        self.server.sadd(self.k["workers"], self.worker)
        self.recover()
        from twisted.internet import task

        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.poll, now=False)

    def close(self, reason: str) -> None:
        if getattr(self, "loop", None) is not None and self.loop.running:
            self.loop.stop()
        self.disclaim_shared_boards()
        mine = [self.k["alive"] + self.worker, self.k["idle"] + self.worker]
        if reason == "finished":  # everything it took was handled; the last one out clears the crawl
            self.leave_script(keys=[self.k["queue"], self.k["dupefilter"], self.k["workers"], self.lease_key,
                                    *mine, self.k["boards"]], args=[self.worker])
        else:  # stopped early (Ctrl-C, circuit breaker): what it took and did not finish goes back; resumable
            self.recover_script(keys=[self.k["queue"], self.lease_key, self.k["workers"]], args=[self.worker])
            self.server.delete(*mine)

    def beat(self) -> None:
        self.server.set(self.k["alive"] + self.worker, b"1", px=self.ttl_ms)

    def tick(self) -> None:
        """Every MLJOBS_FRONTIER_POLL seconds: heartbeat, recover dead workers, wake the engine if work waits
        or it is waiting for the others (an idle engine looks again, and asks idle() again, only every 5 s)."""
        try:
            self.beat()
            if self.waiting:
                self.server.set(self.k["idle"] + self.worker, b"1", px=self.ttl_ms)
            self.recover()
            if self.waiting or len(self.queue):
                slot = getattr(self.crawler.engine, "_slot", None)
                if slot is not None:
                    slot.nextcall.schedule()
        except Exception as error:  # a Redis hiccup must not kill the loop; the next tick tries again
            self.spider.logger.warning("frontier tick failed: %s", error)

    def others(self) -> list[str]:
        members = (w.decode() if isinstance(w, bytes) else w for w in self.server.smembers(self.k["workers"]))
        return [w for w in members if w != self.worker]

    def recover(self) -> int:
        """Put every dead worker's leases back on the queue and forget it; how many requests that was."""
        total = 0
        for worker in self.others():
            if self.server.exists(self.k["alive"] + worker):
                continue
            count = int(self.recover_script(keys=[self.k["queue"], self.k["lease"] + worker, self.k["workers"]],
                                            args=[worker]))
            if count:
                self.crawler.stats.inc_value(outcomes.RETRY_PREFIX + RECOVERED, count)
                self.spider.logger.warning("frontier: %d requests of dead worker %s put back", count, worker)
            total += count
        return total

    def done_everywhere(self) -> bool:
        """Nothing queued, nothing leased to anyone, and every other live worker idle too (a busy one may still
        be queueing its start requests)."""
        if self.server.llen(self.k["queue"]):
            return False
        pipe = self.server.pipeline()
        others = self.others()
        for worker in others:
            pipe.hlen(self.k["lease"] + worker)
            pipe.exists(self.k["idle"] + worker)
        answers = pipe.execute()
        leased, idle = answers[0::2], answers[1::2]
        return not any(leased) and all(idle)

    def idle(self, spider: Spider) -> None:
        """Called by the engine when this worker has nothing to do: stay while the crawl goes on elsewhere."""
        # Idle means nothing of this worker is in flight: what it still holds leased was handled (a download
        # that failed for good never reaches a callback, so nothing released it). Without this, idle workers
        # holding such leases would wait for each other forever.
        pipe = self.server.pipeline()
        pipe.delete(self.lease_key)
        pipe.set(self.k["idle"] + self.worker, b"1", px=self.ttl_ms)
        pipe.execute()
        self.recover()
        self.waiting = not self.done_everywhere()
        if self.waiting:
            raise DontCloseSpider

    # -- boards ----------------------------------------------------------------------------------------
    def done(self, token: str | None, board: str | None) -> None:
        """A response's output is scheduled and written: release its lease, note who fetched its board."""
        if token is not None or board is not None:
            self.done_script(keys=[self.k["boards"], self.lease_key], args=[token or "", board or "", self.worker])

    def disclaim_shared_boards(self) -> None:
        """Boards some other worker fetched part of are not complete in *this* worker's feed."""
        stats = self.crawler.stats
        claimed = sorted({str(b) for b in stats.get_value(outcomes.BOARDS_COMPLETE) or [] if b is not None})
        if not claimed:
            return
        for board, who in zip(claimed, self.server.hmget(self.k["boards"], claimed), strict=True):
            if who is not None and (who.decode() if isinstance(who, bytes) else who) != self.worker:
                outcomes.record_board_incomplete(self.crawler, board)

    # -- requests --------------------------------------------------------------------------------------
    def enqueue_request(self, request: Request) -> bool:
        token = request.meta.pop(LEASE, None)  # a retry or redirect of a leased request: its successor is queued
        queued = super().enqueue_request(request)
        if token is not None:
            self.release(token)
        return queued

    def next_request(self) -> Request | None:
        token = uuid.uuid4().hex
        entry = self.pop_script(keys=[self.queue.key, self.lease_key], args=[token])
        if not entry:
            return None
        if self.waiting:  # busy again
            self.waiting = False
            self.server.delete(self.k["idle"] + self.worker)
        request = self.queue._decode_request(entry)
        request.meta[LEASE] = token
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis", spider=self.spider)
        return request

    def release(self, token: str) -> None:
        self.server.hdel(self.lease_key, token)


class FrontierMiddleware:
    """Spider middleware: releases a response's lease once everything its callback gave is scheduled or
    written, and notes which worker fetched which board."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierMiddleware:
        return cls(crawler)

    @property
    def scheduler(self) -> FrontierScheduler | None:
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        scheduler = getattr(slot, "scheduler", None)
        return scheduler if isinstance(scheduler, FrontierScheduler) else None

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]
                                          ) -> AsyncIterator[Any]:
        async for element in result:
            yield element
        self._done(response)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        yield from result
        self._done(response)

    def process_spider_exception(self, response: Response, exception: Exception) -> None:
        self._done(response)  # counted as spider_error; fetching it again would fail the same way

    def _done(self, response: Response) -> None:
        scheduler = self.scheduler
        if scheduler is None:
            return
        board = response.meta.get("board")
        token = response.request.meta.get(LEASE) if response.request is not None else None
        scheduler.done(token, None if board is None else str(board))
