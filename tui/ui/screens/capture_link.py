"""The capture prompt's link lines: a URL alone (or with tokens) is read from its page.

Enter on a link line not read yet fetches the page in a thread worker; the preview
then shows what the page gave (role, company), where it was read from, and what the
posting reader found in it; the next Enter saves it, findings applied (the user has
seen them). Typed tokens win over the page. A page that cannot be read still saves the
link and what was typed, with the role marked as not read. Pages are kept per URL for
the life of the prompt, so editing the tokens after a read does not fetch again.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tui.followup.capture import Capture, CaptureError
from tui.io.web.capture import PageCapture, build_capture, describe_page, is_link_line, read_link_line
from tui.io.web.check import evidence_text

if TYPE_CHECKING:
    from tui.ui.screens.capture import CaptureScreen

__all__ = ["LinkReader", "is_link_line"]


class LinkReader:
    def __init__(self, screen: CaptureScreen) -> None:
        self.screen = screen
        self.pages: dict[str, tuple[Any, Any, Any]] = {}  # url → (Page, PagePosting | None, Verdict)
        self.fetching: str | None = None
        self.hint = ""  # the status line for the current link line ("" when not one)

    def read(self, text: str) -> tuple[Capture | None, str | None]:
        """Like ``CaptureScreen._read`` for a link line; sets ``hint`` for the status line."""
        today = self.screen.host.today
        self.hint = ""
        try:
            typed = read_link_line(text, today)
        except CaptureError as exc:
            return None, str(exc)
        url = typed.url
        host = urlsplit(url).hostname or url
        got = self.pages.get(url)
        if got is None:
            self.hint = f"Reading {host}…" if self.fetching == url else f"Enter reads the posting at {host}."
            return None, None
        page, posting, verdict = got
        status = {"down": "taken_down", "up": "open"}.get(verdict.state, "unknown")
        evidence = evidence_text(verdict, url) if verdict.state == "down" else ""
        capture = build_capture(
            typed, url, page, posting, today, apply_findings=True, status=status, down_evidence=evidence
        )
        try:
            capture.to_application()
        except ValueError as exc:
            return None, str(exc)
        if not capture.read_from:
            self.hint = (
                f"Could not read the page ({capture.page_error}). Enter saves the link and what was typed; "
                "fix the role and company afterwards."
            )
        elif verdict.state == "down":
            self.hint = f"⚠ The posting looks taken down: {verdict.evidence}. Enter saves it anyway."
        else:
            self.hint = f"Read from {capture.read_from}. Enter saves it."
        return capture, None

    def wants_fetch(self, text: str) -> bool:
        if not is_link_line(text):
            return False
        try:
            url = read_link_line(text, self.screen.host.today).url
        except CaptureError:
            return False
        return url not in self.pages

    def fetch(self, text: str) -> None:
        url = read_link_line(text, self.screen.host.today).url
        if self.fetching is not None:
            return  # one page at a time; Enter again when it is in
        self.fetching = url
        settings = self.screen.app.settings.postings  # type: ignore[attr-defined]
        today = self.screen.host.today
        self.screen.run_worker(
            lambda: self._fetch(url, settings, today), thread=True, group="capture-link", name="read posting"
        )
        self.screen.board_changed()  # the status says it is reading

    def _fetch(self, url: str, settings: Any, today: Any) -> None:
        from tui.io.web.check import judge, read_page
        from tui.io.web.schedule import fetcher_for

        with fetcher_for(settings) as fetcher:
            page = fetcher.get(url)
        posting = read_page(page)
        verdict = judge(page, posting, today)
        with contextlib.suppress(RuntimeError):  # the prompt (or the app) closed meanwhile
            self.screen.app.call_from_thread(self._fetched, url, (page, posting, verdict))

    def _fetched(self, url: str, got: tuple) -> None:
        self.pages[url] = got
        self.fetching = None
        if self.screen.is_mounted:
            self.screen.board_changed()

    def labels(self, capture: Capture | None) -> list[str]:
        return [label for label, _ in describe_page(capture)] if isinstance(capture, PageCapture) else []

    def values(self, capture: Capture | None) -> list[str]:
        return [value for _, value in describe_page(capture)] if isinstance(capture, PageCapture) else []


def after_save(store: Any, capture: Capture, saved: Any) -> None:
    """Run inside the save's thread: a page seen down at capture gets its evidence event."""
    from tui.domain import clock
    from tui.io.web.capture import record_seen_down

    record_seen_down(store, capture, saved, clock.today())
