"""A local HTTP server that replays real API payloads at the real API paths, with programmable faults.

Spiders point at it through their `<SOURCE>_BASE_URL` setting, so the real Scrapy engine crawls what the
internet once answered: `mljobs demo` serves its bundled responses with it, the tests their saved payloads
and faults (tests/replay.py).

    with ReplayServer() as server:
        server.serve("/v1/boards/luno/jobs", body)                              # any query string
        server.fault("/v1/boards/luno/jobs", Reply(500), Reply(500))          # then the body above
        server.fault("/v1/boards/luno/jobs", Reply(429, headers={"Retry-After": "1"}))
        server.fault("/v1/boards/luno/jobs", Reply(delay=3))                   # longer than DOWNLOAD_TIMEOUT
        server.fault("/v1/boards/luno/jobs", Reply(truncate=500))              # first 500 bytes, as a whole body
        server.robots("User-agent: *\nDisallow: /v1/\n")
        server.serve("/v0/postings/x", handler=lambda query: Reply(body=...))  # computed per request (paging)
        crawl with -s GREENHOUSE_BASE_URL=server.url

Faults are consumed in order, one per request to that path; when they run out the route answers again.
An unknown path answers 404 with a JSON error, like the real APIs. `server.requests` logs every request.
Only 127.0.0.1 is bound.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    """One HTTP answer. `body=None` means the route's own body (useful for delayed or truncated replays)."""

    status: int = 200
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=utf-8"
    delay: float = 0.0             # seconds to wait before answering (timeouts)
    truncate: int | None = None    # send only the first N bytes, as a complete response (truncated JSON)
    cut_connection: bool = False   # announce the full Content-Length, send half, close (data loss)
    chunked: bool = False          # no Content-Length: Transfer-Encoding chunked, 16 KB chunks


Query = dict[str, list[str]]
Handler = Callable[[Query], Reply]


@dataclass
class Route:
    reply: Reply | None = None
    handler: Handler | None = None
    faults: list[Reply] = field(default_factory=list)


@dataclass
class Seen:
    method: str
    path: str
    query: Query
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)  # when it arrived (Retry-After and back-off checks)


class ReplayServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- programming ---------------------------------------------------------------------------------
    def serve(
        self,
        path: str,
        body: bytes | None = None,
        *,
        handler: Handler | None = None,
        status: int = 200,
        content_type: str = "application/json; charset=utf-8",
    ) -> None:
        """Answer `path` (query string ignored) with `body`, or with `handler(query)` computed per request."""
        with self._lock:
            route = self.routes.setdefault(path, Route())
            route.reply = Reply(status, body, content_type=content_type) if handler is None else None
            route.handler = handler

    def fault(self, path: str, *replies: Reply) -> None:
        """Queue replies for the next requests to `path`, before its normal answer resumes."""
        with self._lock:
            self.routes.setdefault(path, Route()).faults.extend(replies)

    def robots(self, text: str) -> None:
        self.serve("/robots.txt", text.encode(), content_type="text/plain")

    def hits(self, path: str) -> list[Seen]:
        with self._lock:
            return [seen for seen in self.requests if seen.path == path]

    # -- lifecycle -----------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> str:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True  # a sleeping (timeout) reply must not block shutdown
        self._thread = threading.Thread(target=self._server.serve_forever, name="replay", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> ReplayServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- answering -----------------------------------------------------------------------------------
    def _answer(self, seen: Seen) -> tuple[Reply, bytes]:
        with self._lock:
            self.requests.append(seen)
            route = self.routes.get(seen.path)
            if route is None:
                return Reply(404), b'{"status":404,"error":"Not Found"}'
            reply = route.faults.pop(0) if route.faults else None
            handler, normal = route.handler, route.reply
        computed = handler(seen.query) if handler is not None else normal
        assert computed is not None
        reply = reply or computed
        body = reply.body if reply.body is not None else (computed.body or b"")
        return reply, body


def _make_handler(server: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._reply(b"")

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            self._reply(self.rfile.read(length))

        def _reply(self, request_body: bytes) -> None:
            parts = urlsplit(self.path)
            seen = Seen(self.command, parts.path, parse_qs(parts.query), dict(self.headers), request_body)
            reply, body = server._answer(seen)
            if reply.delay:
                time.sleep(reply.delay)
            if reply.truncate is not None:
                body = body[: reply.truncate]
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for start in range(0, len(body), 16384):
                        piece = body[start:start + 16384]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.write(b"0\r\n\r\n")
                    return
                self.send_header("Content-Length", str(len(body)))
                if reply.cut_connection:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.close_connection = True
                    return
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to do

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # the request log is `server.requests`; keep pytest output clean

    return Handler
