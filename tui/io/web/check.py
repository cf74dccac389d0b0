"""Is a posting still up? ``followup check`` and the app's daily check (DESIGN.md §13).

``judge`` turns one fetched page into a verdict:

* **down**, with its evidence: HTTP 404 or 410; a redirect to the company's general
  listing (the job's own part of the address is gone and the page landed on a parent
  path, a ``/jobs``-like listing, the site's root, or an ``?error=`` page); a page that
  says the job is no longer accepting applications; a ``validThrough`` in the past.
* **unknown** ("could not check"): no answer (network error, timeout), a 5xx, any other
  4xx (401, 403, 429: the site refused the robot, which says nothing of the job).
* **up**: anything else that answered.

``record_results`` writes, in one locked transaction, a ``posting_taken_down`` event
(its text is the evidence) and ``posting_status = taken_down`` for each posting newly
seen down, and ``open`` for a posting seen up whose status was unknown. It re-reads each
application inside the lock and skips any already known down, so running ``check``
twice (or in two places at once) records one event. A could-not-check never writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tui.domain.models import Application, Event
from tui.io.web.fetch import Fetcher, Page, fetch_many, is_web_url
from tui.io.web.jobposting import PagePosting, read_job_page

LISTING_WORDS = frozenset(
    {
        "jobs",
        "job",
        "careers",
        "career",
        "positions",
        "openings",
        "job-openings",
        "vacancies",
        "opportunities",
        "search",
        "join-us",
        "work-with-us",
        "en",
        "en-us",
        "listing",
        "postings",
    }
)
_REASONS = {404: "Not Found", 410: "Gone"}
_ID_LIKE = re.compile(r"\d")


@dataclass(frozen=True)
class Verdict:
    state: str  # "down" | "up" | "unknown"
    evidence: str  # what was seen, in words


@dataclass(frozen=True)
class CheckResult:
    application: Application
    page: Page
    verdict: Verdict
    recorded: str = ""  # after record_results: "taken_down", "open", "already_down" or ""

    def to_dict(self) -> dict[str, Any]:
        app = self.application
        return {
            "id": app.id,
            "company": app.company,
            "role": app.role,
            "url": self.page.url,
            "result": {"down": "taken_down", "up": "up", "unknown": "could_not_check"}[self.verdict.state],
            "evidence": self.verdict.evidence,
            "status": self.page.status,
            "final_url": self.page.final_url or self.page.url,
            "recorded": self.recorded or None,
        }


# -- the verdict -------------------------------------------------------------------------------


def _segments(path: str) -> list[str]:
    return [unquote(s).lower() for s in path.split("/") if s]


def is_listing_redirect(asked: str, final: str) -> bool:
    """Did a redirect from the job's address land on a general listing instead of the job?

    A move keeps the job's identifying part (its last path segment with a digit, or its
    last segment) somewhere in the new address: ``http`` → ``https``, a new host, a
    language prefix, a trailing slash. A listing drops it and lands on a parent path,
    a ``/jobs``-like page, the root, or an ``?error=`` page.
    """
    a, f = urlsplit(asked), urlsplit(final)
    asked_parts, final_parts = _segments(a.path), _segments(f.path)
    if not asked_parts:
        return False  # the posting's link was a site's root: nothing to lose
    ids = [s for s in asked_parts if _ID_LIKE.search(s)] or asked_parts[-1:]
    job_id = ids[-1]
    if job_id in unquote(f.path + "?" + f.query).lower():
        return False
    query = {k.lower(): v.lower() for k, v in parse_qsl(f.query)}
    if "error" in query:
        return True
    if not final_parts:
        return True
    if final_parts == asked_parts[: len(final_parts)]:
        return True  # a parent of the job's path: /acme/jobs/123 → /acme/jobs
    return final_parts[-1] in LISTING_WORDS


def judge(page: Page, posting: PagePosting | None, today: date) -> Verdict:
    """The verdict for one fetched page (``posting``: what it says, when it answered)."""
    if page.error:
        return Verdict("unknown", f"could not check: {page.error}")
    status = page.status or 0
    if status in (404, 410):
        return Verdict("down", f"the page answered HTTP {status} {_REASONS[status]}")
    if status >= 500:
        return Verdict("unknown", f"could not check: the site answered HTTP {status}; try again later")
    if status >= 400:
        return Verdict("unknown", f"could not check: the site refused the request (HTTP {status})")
    if status >= 300:
        return Verdict("unknown", f"could not check: HTTP {status} without a place to go")
    if page.redirects and is_listing_redirect(page.url, page.final_url):
        first = page.redirects[0][0]
        return Verdict(
            "down", f"the link now redirects to {page.final_url} (HTTP {first}), a general listing"
        )
    if posting is not None:
        if posting.closed_sentence:
            return Verdict("down", f"the page says: “{posting.closed_sentence}”")
        if posting.valid_through is not None and posting.valid_through < today:
            return Verdict("down", f"the posting's validThrough date, {posting.valid_through}, has passed")
    return Verdict("up", f"the page is up (HTTP {status})")


def read_page(page: Page) -> PagePosting | None:
    """What the posting's page says; None for an error page or a general listing it redirected
    to (their title is no role)."""
    ok = page.answered and 200 <= (page.status or 0) < 300
    if page.redirects and is_listing_redirect(page.url, page.final_url):
        return None
    return read_job_page(page.text) if ok and page.text else None


# -- which postings, and the run ------------------------------------------------------------


def known_down(app: Application, events: Iterable[Event]) -> bool:
    return app.posting_status == "taken_down" or any(e.kind == "posting_taken_down" for e in events)


def postings_to_check(board: Any) -> list[Application]:
    """Every open application (not closed) with a web link whose posting is not known down."""
    out = []
    for app in board.applications:
        if app.stage == "closed" or not is_web_url(app.url):
            continue
        if known_down(app, board.events_for(app.id)):
            continue
        out.append(app)
    return out


def check_postings(
    apps: list[Application],
    fetcher: Fetcher,
    today: date,
    *,
    max_at_once: int = 3,
    on_result: Callable[[CheckResult], None] | None = None,
) -> list[CheckResult]:
    """Fetch each application's link (politely, see ``fetch``) and judge it. Writes nothing."""
    pages = fetch_many((a.url for a in apps), fetcher, max_at_once=max_at_once)
    results = []
    for app in apps:
        page = pages[app.url.strip()]
        result = CheckResult(app, page, judge(page, read_page(page), today))
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def evidence_text(verdict: Verdict, url: str) -> str:
    """The event's text: what was seen, and at which address."""
    return f"{verdict.evidence}, at {url}"


def record_results(store: Any, results: list[CheckResult], today: date) -> list[CheckResult]:
    """Write what was seen (see the module docstring); returns the results with ``recorded`` set."""
    from dataclasses import replace

    out: list[CheckResult] = []
    with store.transaction():
        board = store.board()
        for result in results:
            app_id = result.application.id
            current = board.application_by_id.get(app_id)
            state = result.verdict.state
            if current is None or state == "unknown":
                out.append(result)
                continue
            if known_down(current, board.events_for(app_id)):
                out.append(replace(result, recorded="already_down" if state == "down" else ""))
                continue
            if state == "down":
                store.add_event(
                    Event(
                        application_id=app_id,
                        kind="posting_taken_down",
                        on=today,
                        text=evidence_text(result.verdict, result.page.url),
                    )
                )
                store.update_application(current.with_changes(posting_status="taken_down"))
                out.append(replace(result, recorded="taken_down"))
            elif current.posting_status == "unknown":
                store.update_application(current.with_changes(posting_status="open"))
                out.append(replace(result, recorded="open"))
            else:
                out.append(result)
    return out
