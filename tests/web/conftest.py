"""A real HTTP server on 127.0.0.1 serving the job pages of ``pages.py`` (and no other address).

``job_site`` starts one on a free port for a test and stops it after; ``site.url(path)``
is a page's address, ``site.requests`` every request it received (method, path, headers,
when), ``site.max_in_flight`` the most requests it was answering at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.web import pages

HTML = "text/html; charset=utf-8"


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class JobSite:
    server: ThreadingHTTPServer
    routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, body: str | bytes, *, status: int = 200, ctype: str = HTML, **headers: str):
        data = body.encode("utf-8") if isinstance(body, str) else body

        def respond(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(status)
            handler.send_header("Content-Type", ctype)
            handler.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                handler.send_header(name.replace("_", "-"), value)
            handler.end_headers()
            handler.wfile.write(data)

        self.routes[path] = respond

    def redirect(self, path: str, to: str, *, status: int = 302, **headers: str) -> None:
        self.page(path, b"", status=status, Location=to, **headers)

    def slow(self, path: str, seconds: float = 10.0) -> None:
        """Answers only after ``seconds`` (or when the server stops)."""

        def respond(handler: BaseHTTPRequestHandler) -> None:
            self.stopping.wait(seconds)
            try:
                handler.send_response(200)
                handler.send_header("Content-Type", HTML)
                handler.end_headers()
                handler.wfile.write(pages.GREENHOUSE_LIKE.encode())
            except OSError:
                pass  # the client gave up long ago

        self.routes[path] = respond

    def held(self, path: str, body: str, seconds: float) -> None:
        """A page that takes ``seconds`` to answer (to see requests overlap)."""

        def respond(handler: BaseHTTPRequestHandler) -> None:
            self.stopping.wait(seconds)
            data = body.encode()
            handler.send_response(200)
            handler.send_header("Content-Type", HTML)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)

        self.routes[path] = respond

    def streamed(self, path: str, body: bytes) -> None:
        """A big page sent in chunks, without a Content-Length; the client may hang up early."""

        def respond(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(200)
            handler.send_header("Content-Type", HTML)
            handler.end_headers()
            try:
                for start in range(0, len(body), 65536):
                    handler.wfile.write(body[start : start + 65536])
            except (BrokenPipeError, ConnectionResetError):
                pass

        self.routes[path] = respond

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]


def _handler(site: JobSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _serve(self) -> None:
            with site.lock:
                site.requests.append(Seen(self.command, self.path, dict(self.headers), time.monotonic()))
                site.in_flight += 1
                site.max_in_flight = max(site.max_in_flight, site.in_flight)
            try:
                route = site.routes.get(self.path) if self.command == "GET" else None
                if route is None:
                    body = b"<html><head><title>Not found</title></head><body>Sorry</body></html>"
                    status = 404 if self.command == "GET" else 405
                    self.send_response(status)
                    self.send_header("Content-Type", HTML)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                else:
                    route(self)
            finally:
                with site.lock:
                    site.in_flight -= 1

        do_GET = do_POST = do_HEAD = do_PUT = _serve

    return Handler


@pytest.fixture
def job_site() -> Iterator[JobSite]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.daemon_threads = True
    site = JobSite(server)
    server.RequestHandlerClass = _handler(site)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield site
    site.stopping.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def fast_config(env) -> Path:
    """Settings for tests: a 1 s timeout and no delay between requests to the one test site."""
    env.config.write_text("[postings]\ntimeout = 1\nhost_delay_ms = 0\n", encoding="utf-8")
    return env.config


def serve_ats_pages(site: JobSite) -> None:
    """Every shape at the address a real board would use for it."""
    site.page("/acme/jobs/4012", pages.GREENHOUSE_LIKE)
    site.page("/initech/platform-engineer-7f3a", pages.GRAPH_REMOTE)
    site.page("/careers/globex/data-analyst-311", pages.MICRODATA)
    site.page("/hooli/jobs/sre-88", pages.OPENGRAPH_ONLY)
    site.page("/vandelay/jobs/qa-5", pages.TITLE_ONLY)
    site.page("/acme", pages.LISTING)
    site.page("/acme?error=true", pages.LISTING)
    site.redirect("/acme/jobs/999", "/acme?error=true")
    site.page("/acme/jobs/gone-410", "<html><body>Gone</body></html>", status=410)
    site.page("/acme/jobs/frontend-21", pages.NO_LONGER_ACCEPTING)
    site.page("/acme/jobs/support-3", pages.AGENCIES_NOTE)
    site.page("/acme/jobs/mobile-8", pages.EXPIRED)
    site.page("/massive/jobs/firmware-2", pages.BROKEN)
    site.page("/fr/offres/ingenieur-9", pages.LATIN_BYTES, ctype="text/html; charset=ISO-8859-1")
    site.page("/jp/jobs/backend-4", pages.SJIS_BYTES, ctype="text/html")
    site.streamed("/umbrella/jobs/staff-1", pages.big_page(10 * 1024 * 1024))
    site.slow("/slow/jobs/1")
    site.page("/busy/jobs/1", "<html><body>Service Unavailable</body></html>", status=503)
    site.page("/blocked/jobs/1", "<html><body>Forbidden</body></html>", status=403)
