"""The fetcher against a real server on 127.0.0.1: manners, limits and failures."""

from __future__ import annotations

import itertools
import time

from tests.web import pages
from tests.web.conftest import JobSite
from tui import __version__
from tui.io.web.fetch import USER_AGENT, Fetcher, fetch_many


def test_one_get_with_an_honest_user_agent_and_nothing_else(job_site: JobSite) -> None:
    job_site.page("/acme/jobs/4012", pages.GREENHOUSE_LIKE)
    with Fetcher(timeout=2, host_delay=0) as fetcher:
        page = fetcher.get(job_site.url("/acme/jobs/4012"))
    assert page.answered and page.status == 200 and not page.truncated
    assert "Backend Engineer" in page.text
    (seen,) = job_site.requests
    assert seen.method == "GET"
    assert seen.headers["User-Agent"] == USER_AGENT
    assert f"followup/{__version__}" in USER_AGENT
    sent = {k.lower() for k in seen.headers}
    assert not sent & {"cookie", "referer", "authorization", "content-length", "content-type"}


def test_redirects_are_followed_recorded_and_cookies_never_kept(job_site: JobSite) -> None:
    job_site.redirect("/old/jobs/77", "/acme/jobs/77", status=301, Set_Cookie="session=abc; Path=/")
    job_site.page("/acme/jobs/77", pages.GREENHOUSE_LIKE, Set_Cookie="tracking=1; Path=/")
    with Fetcher(timeout=2, host_delay=0) as fetcher:
        first = fetcher.get(job_site.url("/old/jobs/77"))
        again = fetcher.get(job_site.url("/acme/jobs/77"))
    assert first.final_url == job_site.url("/acme/jobs/77")
    assert first.redirects == ((301, job_site.url("/acme/jobs/77")),)
    assert first.status == 200 and again.status == 200
    assert [r.path for r in job_site.requests] == ["/old/jobs/77", "/acme/jobs/77", "/acme/jobs/77"]
    assert all("Cookie" not in r.headers for r in job_site.requests)


def test_a_redirect_loop_stops(job_site: JobSite) -> None:
    job_site.redirect("/a", "/b")
    job_site.redirect("/b", "/a")
    with Fetcher(timeout=2, host_delay=0, max_redirects=5) as fetcher:
        page = fetcher.get(job_site.url("/a"))
    assert not page.answered and "more than 5 redirects" in page.error
    assert len(job_site.requests) == 6


def test_a_10_mb_page_is_read_up_to_the_cap_only(job_site: JobSite) -> None:
    job_site.streamed("/big", pages.big_page(10 * 1024 * 1024))
    with Fetcher(timeout=5, host_delay=0, max_bytes=2 * 1024 * 1024) as fetcher:
        page = fetcher.get(job_site.url("/big"))
    assert page.answered and page.truncated
    assert len(page.text.encode("utf-8")) <= 2 * 1024 * 1024
    assert "Staff Engineer" in page.text


def test_a_slow_page_times_out_with_a_message(job_site: JobSite) -> None:
    job_site.slow("/slow")
    started = time.monotonic()
    with Fetcher(timeout=0.3, host_delay=0) as fetcher:
        page = fetcher.get(job_site.url("/slow"))
    assert time.monotonic() - started < 3
    assert not page.answered and page.status is None
    assert "timed out" in page.error


def test_nothing_listening_is_a_network_error(job_site: JobSite) -> None:
    closed = job_site.url("/x")
    job_site.server.server_close()  # the port stops listening
    job_site.server.shutdown()
    with Fetcher(timeout=1, host_delay=0) as fetcher:
        page = fetcher.get(closed)
    assert not page.answered and page.error.startswith(("could not connect", "network error"))


def test_not_a_web_address_is_not_fetched() -> None:
    with Fetcher(timeout=1, host_delay=0) as fetcher:
        assert "not a web address" in fetcher.get("file:///etc/passwd").error
        assert "not a web address" in fetcher.get("ftp://127.0.0.1/x").error


def test_a_non_html_body_is_not_read(job_site: JobSite) -> None:
    job_site.page("/job.pdf", b"%PDF-1.7 ...", ctype="application/pdf")
    with Fetcher(timeout=2, host_delay=0) as fetcher:
        page = fetcher.get(job_site.url("/job.pdf"))
    assert page.status == 200 and page.text == ""


def test_requests_to_one_site_wait_for_each_other(job_site: JobSite) -> None:
    for n in range(4):
        job_site.page(f"/jobs/{n}", pages.TITLE_ONLY)
    with Fetcher(timeout=2, host_delay=0.3) as fetcher:
        fetch_many([job_site.url(f"/jobs/{n}") for n in range(4)], fetcher, max_at_once=3)
    starts = sorted(r.at for r in job_site.requests)
    assert len(starts) == 4
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # Start to start on the client is exactly the delay; the server sees each request a
    # connection set-up later, so allow some of it. Without the delay the gaps are ~1 ms.
    assert min(gaps) >= 0.2


def test_at_most_a_few_requests_at_once(job_site: JobSite) -> None:
    # No per-site delay here, and pages that take 0.3 s: only the limit keeps them apart.
    for n in range(6):
        job_site.held(f"/jobs/{n}", pages.TITLE_ONLY, 0.3)
    with Fetcher(timeout=3, host_delay=0) as fetcher:
        got = fetch_many([job_site.url(f"/jobs/{n}") for n in range(6)], fetcher, max_at_once=3)
    assert all(p.status == 200 for p in got.values()) and len(got) == 6
    assert 2 <= job_site.max_in_flight <= 3
