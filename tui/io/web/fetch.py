"""Fetching a posting's page politely: one GET, nothing kept, nothing sent but the request.

* **GET only**, with an honest ``User-Agent`` naming followup and why it is asking, and
  ``Accept`` for HTML. No cookies are kept (a jar that refuses every cookie, so one set
  by a redirect is never sent on), no ``Referer``, no credentials.
* **Timeouts**: ``timeout`` seconds to connect and between bytes, and an overall
  deadline (``3 × timeout``) for the whole fetch, redirects included, so a server that
  drips one byte a second cannot hold a check open.
* **Redirects** are followed by hand (at most ``MAX_REDIRECTS``, http and https only) and
  recorded, so ``check`` can tell a move from a redirect to the general listing.
* **Size cap**: the body is streamed and reading stops at ``max_bytes`` (after
  decompression, so a small gzip bomb is capped too); what was read is kept and the
  page says it was ``truncated``. A body that is not HTML or text is not read at all.
* **Manners for many**: ``fetch_many`` runs at most ``max_at_once`` requests at a time
  and waits ``host_delay`` seconds between two requests to the same site (scheme, host
  and port), redirects included.

A failure is never an exception: the ``Page`` carries ``error`` in words.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit

from tui import __version__
from tui.io.web.encoding import decode_html

USER_AGENT = (
    f"followup/{__version__} (a job-search tracker reading the postings its user saved; "
    "one request per posting, only when asked)"
)
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"
MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = 10.0
HOST_DELAY = 1.0
MAX_AT_ONCE = 3
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/ld+json", "application/xml")


@dataclass(frozen=True)
class Page:
    url: str  # as asked for
    final_url: str = ""  # after redirects
    status: int | None = None  # of the last response; None when none came
    redirects: tuple[tuple[int, str], ...] = ()  # (status, where it pointed) for each hop
    content_type: str = ""
    text: str = ""  # the decoded body ("" when not HTML or text)
    truncated: bool = False  # the body was longer than the cap; ``text`` is its start
    error: str = ""  # why the page could not be read, in words; "" when a response came

    @property
    def answered(self) -> bool:
        return self.status is not None and not self.error


def is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


class _Politeness:
    """At most one request per site every ``delay`` seconds (start to start)."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._sites: dict[tuple, threading.Lock] = {}
        self._next: dict[tuple, float] = {}

    def wait_turn(self, url: str) -> None:
        key = origin(url)
        with self._lock:
            site = self._sites.setdefault(key, threading.Lock())
        with site:
            wait = self._next.get(key, 0.0) - time.monotonic()
            if wait > 0:
                time.sleep(wait)  # this thread's own turn; other sites go on meanwhile
            self._next[key] = time.monotonic() + self.delay


@dataclass
class Fetcher:
    """One client for many fetches (thread-safe). Close it, or use it in a ``with``."""

    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES
    host_delay: float = HOST_DELAY
    max_redirects: int = MAX_REDIRECTS
    _client: object = field(init=False, repr=False)
    _polite: _Politeness = field(init=False, repr=False)

    def __post_init__(self) -> None:
        import httpx

        self._polite = _Politeness(self.host_delay)
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),  # refuses every cookie
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,  # by hand, below: recorded and capped
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()  # type: ignore[attr-defined]

    def get(self, url: str) -> Page:
        import httpx

        url = url.strip()
        if not is_web_url(url):
            return Page(url, error="not a web address (http:// or https://)")
        deadline = time.monotonic() + 3 * self.timeout
        hops: list[tuple[int, str]] = []
        current = url
        try:
            while True:
                self._polite.wait_turn(current)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("deadline")
                request = self._client.build_request("GET", current)  # type: ignore[attr-defined]
                response = self._client.send(request, stream=True)  # type: ignore[attr-defined]
                try:
                    location = response.headers.get("location")
                    if response.is_redirect and location:
                        target = urljoin(current, location.strip())
                        hops.append((response.status_code, target))
                        if not is_web_url(target):
                            return Page(
                                url,
                                current,
                                response.status_code,
                                tuple(hops),
                                error=f"redirected to {target[:200]!r}, which is not a web page",
                            )
                        if len(hops) > self.max_redirects:
                            return Page(
                                url,
                                current,
                                response.status_code,
                                tuple(hops),
                                error=f"more than {self.max_redirects} redirects",
                            )
                        current = target
                        continue
                    return self._read(url, current, response, tuple(hops), deadline)
                finally:
                    response.close()
        except httpx.TimeoutException:
            return Page(
                url, current, None, tuple(hops), error=f"no answer within {self.timeout:g} s (timed out)"
            )
        except httpx.TooManyRedirects:
            return Page(url, current, None, tuple(hops), error=f"more than {self.max_redirects} redirects")
        except httpx.ConnectError as exc:
            return Page(url, current, None, tuple(hops), error=f"could not connect ({_why(exc)})")
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
            return Page(url, current, None, tuple(hops), error=f"network error ({_why(exc)})")
        except (ValueError, OSError) as exc:  # an unusable address, a socket error outside httpx
            return Page(url, current, None, tuple(hops), error=f"could not fetch ({_why(exc)})")

    def _read(self, url: str, final: str, response, hops: tuple, deadline: float) -> Page:
        import httpx

        ctype = response.headers.get("content-type", "")
        base = ctype.split(";")[0].strip().lower()
        status = response.status_code
        if base and not base.startswith(_TEXT_TYPES):
            return Page(url, final, status, hops, ctype)
        chunks: list[bytes] = []
        size = 0
        truncated = False
        for chunk in response.iter_bytes():
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("deadline")
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                truncated = True
                break
        body = b"".join(chunks)[: self.max_bytes]
        return Page(url, final, status, hops, ctype, decode_html(body, ctype, truncated=truncated), truncated)


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"


def fetch_many(
    urls: Iterable[str],
    fetcher: Fetcher,
    *,
    max_at_once: int = MAX_AT_ONCE,
    on_page: Callable[[Page], None] | None = None,
) -> dict[str, Page]:
    """Each distinct URL fetched once, at most ``max_at_once`` at a time; url → Page."""
    unique = list(dict.fromkeys(u.strip() for u in urls))
    pages: dict[str, Page] = {}
    if not unique:
        return pages
    with ThreadPoolExecutor(max_workers=max(1, min(max_at_once, len(unique)))) as pool:
        for page in pool.map(fetcher.get, unique):
            pages[page.url] = page
            if on_page is not None:
                on_page(page)
    return pages
