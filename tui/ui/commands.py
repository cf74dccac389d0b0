"""The command palette: every action, and "jump to" any application by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import FollowupApp

ACTIONS = [
    ("Quick capture", "Add an application from one line", "action_quick_capture"),
    ("Agenda", "Everything due, as a triage loop", "action_agenda"),
    ("Stats", "The funnel and response rates", "action_stats"),
    ("Export Markdown", "Write the board to a Markdown file", "action_export_markdown"),
    ("Export CSV", "Write the board to a CSV file", "action_export_csv"),
    ("Export ICS", "Due follow-ups as calendar events", "action_export_ics"),
    ("Export JSON", "A full backup that followup can import", "action_export_json"),
    ("Save as my template", "Save the composer's text as your own template", "action_composer_save_template"),
    ("Reset template", "Go back to the shipped template of this name", "action_composer_reset_template"),
    ("Contacts", "Every contact, sortable", "action_contacts"),
    ("Check postings", "Re-read open postings' links; record the ones taken down", "action_check_postings"),
    ("Import contacts", "LinkedIn Connections.csv or a .vcf file", "action_import_contacts"),
    ("Help", "Every key, by pane", "action_help"),
    ("Undo", "Undo the last move, delete or send", "action_undo"),
    # a feature's own action, "module:function" called with the app
    ("Scan mail", "Read your mailbox for replies (read-only)", "tui.ui.inbox_scan:scan_mail"),
]


class FollowupCommands(Provider):
    if TYPE_CHECKING:  # self.app is the followup app (typed, no cast at run time)
        app = getters.app(FollowupApp)

    def _run(self, method: str) -> None:
        if ":" in method:
            from importlib import import_module

            module, _, function = method.partition(":")
            getattr(import_module(module), function)(self.app)
            return
        getattr(self.app, method)()

    def _jump(self, app_id: int) -> None:
        self.app.select_application(app_id)

    async def discover(self) -> Hits:
        for title, help_text, method in ACTIONS:
            yield DiscoveryHit(title, partial(self._run, method), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, method in ACTIONS:
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, method), help=help_text)
        board = getattr(self.app, "board", None)
        if board is None:
            return
        for app in board.applications:
            text = f"Jump to {app.role} @ {app.company}"
            if (score := matcher.match(text)) > 0:
                yield Hit(score, matcher.highlight(text), partial(self._jump, app.id), help=f"{app.stage}")
