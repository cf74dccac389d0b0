"""A capture line that is a link: the page says what it can, the line says the rest.

    https://boards.example.com/acme/jobs/4012 via referral #remote >saved

A *link line* starts with ``http(s)://``; any tokens of the capture grammar may follow
(``via``, ``#tag``, ``!flags``, ``>stage``, ``on DATE``, ``with EMAIL``), read by the
same parser as a typed line. The page gives the role and company (its JobPosting, or
OpenGraph and the title), the posting text kept in ``posting_text`` (a few header lines
with what was read, then the description), and what the posting reader finds in it.
Anything typed wins: a typed ``!onlyqualified`` stays even when the page says "do not
follow up"; channels the line and the page block are merged. When the page cannot be
read, what was typed is still saved: the company is guessed from the address and the
role says it was not read, so the user can fix both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import unquote, urlsplit

from tui.domain.models import CHANNELS, MAX_TEXT, Application
from tui.followup.capture import Capture, parse_capture
from tui.io.web.fetch import Page
from tui.io.web.jobposting import PagePosting

ROLE_NOT_READ = "(role not read)"
KIND_WORDS = {
    "json-ld": "the page's JobPosting (JSON-LD)",
    "microdata": "the page's JobPosting (microdata)",
    "opengraph": "the page's title (OpenGraph; no JobPosting)",
    "title": "the page's <title> (no JobPosting)",
}
# Hosts of applicant-tracking systems where the company is the first part of the path.
_ATS_PATH_HOSTS = ("greenhouse.io", "lever.co", "ashbyhq.com", "workable.com", "smartrecruiters.com")
_HOST_PREFIXES = ("www", "jobs", "careers", "career", "boards", "job-boards", "apply", "hire", "work")
_URL_START = re.compile(r"https?://", re.IGNORECASE)
_PLACEHOLDER = "x @ y "  # stands in for ROLE @ COMPANY while the grammar reads the tokens


def is_link_line(text: str) -> bool:
    """Does the line start with a link (and so needs the page for role and company)?"""
    return isinstance(text, str) and _URL_START.match(text.strip()) is not None


@dataclass
class PageCapture(Capture):
    """A ``Capture`` that also carries what the page gave; saves like any capture."""

    posting_text: str = ""
    posting_status: str = "unknown"
    decision_expected_on: date | None = None
    read_from: str = ""  # KIND_WORDS value, or "" when the page was not read
    page_error: str = ""  # why the page could not be read
    found: list[str] = field(default_factory=list)  # the posting reader's summary lines
    down_evidence: str = ""  # the page was already down when captured: what was seen

    def to_application(self) -> Application:
        app = super().to_application()
        return app.with_changes(
            posting_text=self.posting_text,
            posting_status=self.posting_status,
            decision_expected_on=self.decision_expected_on,
        )


def read_link_line(text: str, today: date) -> Capture:
    """The typed tokens of a link line (role and company are placeholders); raises CaptureError."""
    capture = parse_capture(_PLACEHOLDER + text.strip(), today)
    capture.role = capture.company = ""
    return capture


def company_from_url(url: str) -> str:
    """A guess at the company from the link: a tracker's path (``/acme/jobs/1``) or the host."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = [unquote(p) for p in parts.path.split("/") if p]
    if path and any(host == h or host.endswith("." + h) for h in _ATS_PATH_HOSTS):
        return _title_slug(path[0])
    labels = host.split(".")
    if len(labels) == 4 and all(label.isdigit() for label in labels):
        return host  # an address, not a name
    while len(labels) > 2 and labels[0] in _HOST_PREFIXES:
        labels = labels[1:]
    if "myworkdayjobs" in labels and labels[0] not in ("myworkdayjobs",):
        return _title_slug(labels[0])
    name = labels[-2] if len(labels) >= 2 else host
    return _title_slug(name) or host or "(company not read)"


def _title_slug(slug: str) -> str:
    words = re.split(r"[-_+\s]+", slug.strip())
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


def posting_text_for(posting: PagePosting, url: str, today: date) -> str:
    """The text kept as ``posting_text``: what was read, then the description."""
    head = [f"{posting.title or ROLE_NOT_READ} — {posting.company or company_from_url(url)}"]
    facts = []
    if posting.location:
        facts.append(f"Location: {posting.location}")
    if posting.employment_type:
        facts.append(f"Employment: {posting.employment_type}")
    if facts:
        head.append(" · ".join(facts))
    dates = []
    if posting.date_posted:
        dates.append(f"Posted {posting.date_posted.isoformat()}")
    if posting.valid_through:
        dates.append(f"open until {posting.valid_through.isoformat()}")
    if dates:
        head.append(" · ".join(dates))
    head.append(f"Read from {url} on {today.isoformat()} ({KIND_WORDS.get(posting.kind, 'the page')})")
    text = "\n".join(head) + ("\n\n" + posting.description if posting.description else "")
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def build_capture(
    typed: Capture,
    url: str,
    page: Page | None,
    posting: PagePosting | None,
    today: date,
    *,
    apply_findings: bool,
    status: str = "unknown",
    down_evidence: str = "",
) -> PageCapture:
    """What to save for a link line. ``status``: the posting status a check of the page gave
    (open, taken_down, unknown), with ``down_evidence`` when down. ``apply_findings``: set
    what the posting reader proposes (the app does, after the preview showed it; the
    shell with ``--apply-posting``)."""
    from tui.followup.posting_reader import read_posting

    base = {f: getattr(typed, f) for f in typed.__dataclass_fields__}
    base.update(url=url)
    error = ""
    if page is None:
        error = "the page was not fetched"
    elif page.error:
        error = page.error
    elif posting is None or not posting.kind:
        error = f"nothing readable on it (HTTP {page.status})"
    if posting is None or not posting.kind:
        return PageCapture(
            **{**base, "role": ROLE_NOT_READ, "company": company_from_url(url)},
            page_error=error,
            posting_status=status,
            down_evidence=down_evidence,
        )
    text = posting_text_for(posting, url, today)
    findings = read_posting(text, today)
    capture = PageCapture(
        **{
            **base,
            "role": posting.title or ROLE_NOT_READ,
            "company": posting.company or company_from_url(url),
        },
        posting_text=text,
        posting_status=status,
        down_evidence=down_evidence,
        read_from=KIND_WORDS.get(posting.kind, ""),
        page_error="" if page is None or not page.truncated else "the page was cut at the size limit",
        found=findings.summary_lines(),
    )
    if apply_findings:
        if findings.policy and typed.follow_up_policy == "allowed":  # a typed flag wins
            capture.follow_up_policy = findings.policy.value
        blocked = set(typed.blocked_channels) | {f.value for f in findings.blocked_channels}
        capture.blocked_channels = [c for c in CHANNELS if c in blocked]
        if findings.decision_expected_on:
            capture.decision_expected_on = findings.decision_expected_on.value
    return capture


def record_seen_down(store: Any, capture: Capture, saved: Any, today: date) -> None:
    """A page already down at capture: its evidence on the new card's timeline (rule 6's reason)."""
    if not (isinstance(capture, PageCapture) and isinstance(saved, Application)):
        return
    if capture.posting_status == "taken_down" and capture.down_evidence:
        from tui.domain.models import Event

        event = Event(
            application_id=saved.id, kind="posting_taken_down", on=today, text=capture.down_evidence
        )
        store.add_event(event)  # type: ignore[arg-type]


def describe_page(capture: PageCapture) -> list[tuple[str, str]]:
    """Two more preview rows for a link line: what was read, and what the reader found."""
    read = capture.read_from or "nothing"
    if capture.page_error:
        read += f" — {capture.page_error}"
    found = "; ".join(line.split(" — from:")[0] for line in capture.found) or "—"
    return [("Read from", read), ("Found", found)]
