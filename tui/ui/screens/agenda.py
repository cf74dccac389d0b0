"""The agenda (DESIGN.md §1): everything due, overdue first, as a triage loop.

One row per application due within a week (``tui.followup.rules.due_items``), grouped as
overdue, today and the next seven days. One key per decision on the highlighted
row, then the cursor moves on to the next: ``c`` compose (back to the board with
the card selected and the composer focused), ``z`` snooze, ``r`` log a response,
``g`` let go (close as ghosted), ``x`` close with an outcome, ``enter`` the detail.
``u`` undoes the last decision. The list follows the store (``app.data_version``).

First comes "From your mail" (``agenda_mail``): the inbox scan's proposals, ``a`` to
accept one, ``s`` to skip it, ``enter`` to open its application.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.domain.board import Board
from tui.domain.dates import describe_due, describe_snooze, snooze_day
from tui.domain.models import RESPONSES, Application, Event, NextAction
from tui.domain.safe_text import safe_text
from tui.followup.changes import Undo, set_snooze
from tui.store.repository import Store

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import FollowupApp

EMPTY = "Nothing due. Let it be and give it time."
HORIZON_DAYS = 7
WHEN_WIDTH = 18
SNOOZES = ((3, "3 days"), (7, "1 week"), (14, "2 weeks"))
RESPONSE_WORDS = {
    "positive": "positive: they are moving forward",
    "neutral": "neutral: they will be in touch",
    "rejected": "rejected",
    "position_closed": "position closed",
}
KIND_VERBS = {"wait": "check in"}


def when_text(action: NextAction, today: date) -> str:
    """ "due 4 days ago", "due today", "due Mon 07 Dec" ("check in …" for a reply's check-in,
    "back …" for a snoozed card): the day in ``describe_due``'s words, as on the card."""
    verb = "back" if action.rule == "snoozed" else KIND_VERBS.get(action.kind, "due")
    if action.due is None:
        return verb
    return f"{verb} {describe_due(action.due, today, short=True)}"


def section_of(action: NextAction, today: date) -> str:
    if action.due is not None and action.due < today:
        return "Overdue"
    if action.due == today:
        return "Today"
    return f"Next {HORIZON_DAYS} days"


def hang(text: str, width: int, indent: int) -> str:
    """``text`` wrapped to ``width`` with every line indented by ``indent`` cells.

    The list would wrap it too, but flush left and dropping leading spaces; the
    indent is non-breaking spaces so the reason stays in the column under the company.
    """
    room = width - indent
    if room < 20:  # too narrow for a column: the reason gets the whole line
        return text
    pad = "\u00a0" * indent
    return "\n".join(pad + line for line in textwrap.wrap(text, room) or [""])


def row_content(app: Application, action: NextAction, today: date, width: int = 160) -> Content:
    late = action.due is not None and action.due < today
    tone = "bold $text-error" if late else ("bold $text-warning" if action.due == today else "$text-success")
    return Content.assemble(
        (when_text(action, today).ljust(WHEN_WIDTH), tone),
        (safe_text(app.company), "bold"),
        " · ",
        safe_text(app.role),
        "\n",
        (hang(safe_text(action.reason), width, WHEN_WIDTH), "dim"),
    )


def agenda_items(
    board: Board, actions: dict[int, NextAction], today: date, within_days: int = HORIZON_DAYS
) -> list[tuple[Application, NextAction]]:
    """The agenda's rows: ``tui.followup.rules.due_items`` over the next actions the app already holds."""
    from tui.followup.rules import due_items

    return due_items(board, today, within_days=within_days, actions=actions)


class AgendaList(OptionList):
    """The rows; enter opens the highlighted application (shown in the footer)."""

    BINDINGS = [Binding("enter", "select", "Open", id="agenda.open", tooltip="Open the application's detail")]


class AgendaScreen(Screen):
    if TYPE_CHECKING:  # self.app is the followup app (typed, no cast at run time)
        app = getters.app(FollowupApp)

    CSS_PATH = "agenda.tcss"
    BINDINGS = [
        Binding(
            "c",
            "compose",
            "Compose",
            id="agenda.compose",
            tooltip="Write the message on the board's composer",
        ),
        Binding(
            "z",
            "snooze",
            "Snooze",
            id="agenda.snooze",
            tooltip="Snooze for 3 days, a week, two weeks or until a day",
        ),
        Binding(
            "r",
            "response",
            "Response",
            id="agenda.response",
            tooltip="Log a response received today, with what they said",
        ),
        Binding("g", "let_go", "Let go", id="agenda.let_go", tooltip="Let it go: close it as ghosted"),
        Binding("x", "close", "Close", id="agenda.close", tooltip="Close it with an outcome"),
        Binding("u", "undo", "Undo", id="agenda.undo", tooltip="Undo the last decision"),
        Binding("a", "accept_mail", "Accept", id="agenda.mail_accept", tooltip="Log what this mail says"),
        Binding("s", "skip_mail", "Skip", id="agenda.mail_skip", tooltip="Skip this mail: log nothing"),
        Binding("escape", "back", "Back", id="agenda.back", tooltip="Back to the board"),
        Binding("j", "cursor(1)", "Next", show=False),
        Binding("k", "cursor(-1)", "Previous", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[Application, NextAction]] = []
        self._focus_id: int | None = None  # where the cursor goes at the next refresh
        self._rows: dict[tuple[Any, ...], Content] = {}
        self.mail: list[Any] = []  # the inbox proposals shown first (agenda_mail)

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical(id="agenda"):
            yield Static("", id="agenda-summary")
            yield AgendaList(id="agenda-list", compact=True)
            yield Static(EMPTY, id="agenda-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "agenda"
        self.refresh_items()
        self.watch(self.app, "data_version", self.refresh_items, init=False)
        self.agenda_list.focus()

    def on_resize(self) -> None:
        self.refresh_items()  # the reasons are wrapped to the width

    @property
    def agenda_list(self) -> OptionList:
        return self.query_one("#agenda-list", OptionList)

    # -- the list ---------------------------------------------------------------------------

    def refresh_items(self) -> None:
        app = self.app
        today: date = app.today
        keep = self._focus_id if self._focus_id is not None else self.current_id
        old_order = [a.id for a, _ in self.items]
        self._focus_id = None
        self.items = agenda_items(app.board, app.actions, today)
        width = self.size.width - 3  # the list's padding and scrollbar
        from tui.ui.screens import agenda_mail

        mail_at = self.agenda_list.highlighted if self.current_proposal_id is not None else None
        self.mail = agenda_mail.proposals(app.store)  # type: ignore[attr-defined]
        board = app.board  # type: ignore[attr-defined]
        options: list[Option | None] = agenda_mail.options(self.mail, board, width, hang, WHEN_WIDTH)
        counts: dict[str, int] = {}
        section = ""
        for _application, action in self.items:
            here = section_of(action, today)
            counts[here] = counts.get(here, 0) + 1
        # A row that did not change keeps its Content, which remembers its measured
        # height: after a decision on a long agenda only the new rows are measured.
        from tui.followup.interviews import interview_reminders

        # Planned interviews first: to prepare for tomorrow, or on today (read-only rows).
        reminders = interview_reminders(app.board, today)  # type: ignore[attr-defined]
        if reminders:
            options.append(Option(Content(f"Interviews ({len(reminders)})"), disabled=True))
            for r in reminders:
                line = f"{r.application.company} — {r.application.role}: {r.text}"
                options.append(Option(Content(hang(line, width, 2)), disabled=True))
        rows: dict[tuple[Any, ...], Content] = {}
        for application, action in self.items:
            here = section_of(action, today)
            if here != section:
                section = here
                options.append(Option(Content(f"{here} ({counts[here]})"), disabled=True))
            key = (application.id, application.company, application.role, action, width)
            content = self._rows.get(key) or row_content(application, action, today, width)
            rows[key] = content
            options.append(Option(content, id=str(application.id)))
        self._rows = rows
        listing = self.agenda_list
        listing.set_options(options)
        empty = not self.items and not self.mail and not reminders
        listing.display = not empty
        self.query_one("#agenda-empty").display = empty
        self.query_one("#agenda-summary", Static).update(Content(self._summary(counts)))
        if mail_at is not None and self.mail:  # on to the next mail, or the last one
            listing.highlighted = min(mail_at, len(self.mail))
        elif keep is None and self.mail:  # the mail comes first
            listing.highlighted = 1
        elif self.items:
            self._highlight(self._nearest(keep, old_order))

    def _summary(self, counts: dict[str, int]) -> str:
        if not self.items and not self.mail:
            return "Agenda"
        parts = [f"{len(self.mail)} from your mail"] if self.mail else []
        parts += [f"{n} {name.lower()}" for name, n in counts.items()]
        total = len(self.items) + len(self.mail)
        things = "thing" if total == 1 else "things"
        return f"Agenda · {total} {things} to decide: " + ", ".join(parts)

    def _nearest(self, keep: int | None, old_order: list[int | None]) -> int | None:
        """``keep`` when it is still listed, else the next listed one after it in the old order."""
        ids = [a.id for a, _ in self.items]
        if keep in ids:
            return keep
        if keep in old_order:
            for later in old_order[old_order.index(keep) + 1 :]:
                if later in ids:
                    return later
            for earlier in reversed(old_order[: old_order.index(keep)]):
                if earlier in ids:
                    return earlier
        return ids[0] if ids else None

    def _highlight(self, app_id: int | None) -> None:
        listing = self.agenda_list
        if app_id is None:
            return
        try:
            listing.highlighted = listing.get_option_index(str(app_id))
        except OptionDoesNotExist:  # it left the list meanwhile
            return

    @property
    def current_id(self) -> int | None:
        listing = self.agenda_list
        if listing.highlighted is None or not self.items:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        if not option.id or option.id.startswith("mail-"):
            return None
        return int(option.id)

    @property
    def current_proposal_id(self) -> int | None:
        from tui.ui.screens.agenda_mail import proposal_id

        listing = self.agenda_list
        if listing.highlighted is None or listing.option_count == 0:
            return None
        return proposal_id(listing.get_option_at_index(listing.highlighted).id)

    def _current_mail(self):
        pid = self.current_proposal_id
        return next((p for p in self.mail if p.id == pid), None)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("accept_mail", "skip_mail"):
            return self.is_mounted and self._current_mail() is not None
        return True

    @on(OptionList.OptionHighlighted, "#agenda-list")
    def _moved(self, _event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def action_accept_mail(self) -> None:
        from tui.ui.screens.agenda_mail import accept_mail

        proposal = self._current_mail()
        if proposal is not None:
            accept_mail(self.app, proposal)

    def action_skip_mail(self) -> None:
        from tui.ui.screens.agenda_mail import skip_mail

        proposal = self._current_mail()
        if proposal is not None:
            skip_mail(self.app, proposal)

    def _current(self) -> tuple[Application, NextAction] | None:
        app_id = self.current_id
        return next(((a, n) for a, n in self.items if a.id == app_id), None)

    def _advance(self, app_id: int) -> None:
        """On to the next row now (the decided one leaves when the store answers)."""
        ids = [a.id for a, _ in self.items]
        if app_id not in ids:
            return
        i = ids.index(app_id)
        following = ids[i + 1] if i + 1 < len(ids) else (ids[i - 1] if i else None)
        self._focus_id = following
        self._highlight(following)

    def action_cursor(self, step: int) -> None:
        if step > 0:
            self.agenda_list.action_cursor_down()
        else:
            self.agenda_list.action_cursor_up()

    # -- decisions ------------------------------------------------------------------------

    def _decide(
        self,
        app_id: int,
        change: Callable[[Store], Any],
        success: str,
        undo: tuple[str, Callable[[Store], Any]],
    ) -> None:
        """Write one decision, move on, and leave an undo that brings the row back."""
        app = self.app
        label, reverse = undo

        def done(_result: Any) -> None:
            def run_undo() -> None:
                if self.is_attached:
                    self._focus_id = app_id
                app.persist(reverse)

            app.push_undo(label, run_undo)

        self._advance(app_id)
        app.persist(change, success=success, done=done)

    def action_compose(self) -> None:
        item = self._current()
        if item is None:
            return
        app_id = item[0].id
        app = self.app
        main = app.screen_stack[0]
        app.select_application(app_id)
        app.selected_id = app_id
        if hasattr(main, "focus_pane"):
            app.call_after_refresh(main.focus_pane, 2)

    def action_snooze(self) -> None:
        item = self._current()
        if item is None:
            return
        application, _action = item
        today: date = self.app.today
        # The day shown is the day stored and the day it comes back (a weekend moves to Monday).
        choices = [
            (str(days), f"{words} · {describe_snooze(snooze_day(today + timedelta(days=days)), today)}")
            for days, words in SNOOZES
        ]
        choices.append(("day", "until a day you choose…"))

        def picked(value: str | None) -> None:
            if value == "day":
                self._ask_snooze_day(application, snooze)
            elif value:
                snooze(today + timedelta(days=int(value)))

        def snooze(until: date) -> None:
            until = snooze_day(until)
            app_id = application.id
            undo = Undo()  # exact: the undo puts the record back as it was (its updated_at too)
            self._decide(
                app_id,
                lambda s: set_snooze(s, app_id, until, undo),
                f"Snoozed {application.company} {describe_snooze(until, today)}. u undoes.",
                (f"snooze {application.title}", undo.run),
            )

        self._pick(f"Snooze {application.title} for…", choices, picked)

    def _ask_snooze_day(self, application: Application, then: Callable[[date], None]) -> None:
        from tui.domain.dates import parse_day
        from tui.ui.screens.pick import TextPrompt

        today: date = self.app.today

        def check(text: str) -> tuple[object, str | None]:
            try:
                day = parse_day(text, today)
            except ValueError as exc:
                return None, str(exc)
            if day <= today:
                return None, f"{day:%a %d %b %Y} is not after today: snooze until a later day."
            return day, None

        def chosen(day: object) -> None:
            if isinstance(day, date):
                then(day)

        self.app.push_screen(
            TextPrompt(
                f"Snooze {application.title} until…",
                "a day after today: 2026-12-15, next mon, dec 15, in 10 days · esc cancels",
                check,
                placeholder="e.g. next mon",
            ),
            callback=chosen,
        )

    def action_response(self) -> None:
        item = self._current()
        if item is None:
            return
        application, _action = item
        today: date = self.app.today
        app = self.app

        def picked(value: str | None) -> None:
            if not value:
                return
            from tui.domain.models import MAX_TEXT
            from tui.ui.screens.pick import TextPrompt

            def check(text: str) -> tuple[object, str | None]:
                if len(text) > MAX_TEXT:
                    return None, f"{len(text):,} characters is over the {MAX_TEXT:,} limit"
                return text.strip(), None

            self.app.push_screen(
                TextPrompt(
                    f"What did {application.company} say? (optional)",
                    "a line for the timeline · enter logs it (empty is fine) · esc cancels",
                    check,
                    placeholder="e.g. a call with the team next week",
                ),
                callback=lambda text: text is not None and log(value, str(text)),
            )

        def log(value: str, text: str) -> None:
            app_id = application.id
            event = Event(  # type: ignore[arg-type]
                application_id=app_id, kind="response_received", on=today, response=value, text=text
            )

            def done(saved: Event) -> None:
                app.push_undo(
                    f"response from {application.company}",
                    lambda: self._undo_with(app_id, lambda s: s.delete_event(saved.id)),
                )

            self._advance(app_id)
            note = "" if value in ("positive", "neutral") else " It stays open until you close it (x)."
            app.persist(
                lambda s: s.add_event(event),
                success=f"Logged a {value.replace('_', ' ')} response from {application.company}.{note}",
                done=done,
            )

        choices = [(r, RESPONSE_WORDS[r]) for r in RESPONSES]
        self._pick(f"{application.company} answered…", choices, picked)

    def _undo_with(self, app_id: int, change: Callable[[Store], Any]) -> None:
        if self.is_attached:
            self._focus_id = app_id
        self.app.persist(change)

    def _close(self, application: Application, outcome: str, verb: str) -> None:
        app_id, stage = application.id, application.stage
        self._decide(
            app_id,
            lambda s: s.move(app_id, "closed", outcome),
            f"{verb} {application.company} ({outcome.replace('_', ' ')}). u undoes.",
            (f"close {application.title}", lambda s: s.move(app_id, stage, None)),
        )

    def action_let_go(self) -> None:
        item = self._current()
        if item is not None:
            self._close(item[0], "ghosted", "Let go of")

    def action_close(self) -> None:
        item = self._current()
        if item is None:
            return
        from tui.ui.screens.pick import pick_outcome

        application = item[0]
        pick_outcome(
            self.app, lambda outcome: outcome and self._close(application, outcome, "Closed"), application.id
        )

    def action_open(self) -> None:
        mail = self._current_mail()
        app_id = mail.application_id if mail is not None else self.current_id
        if app_id is not None:
            self.app.open_detail(app_id)

    @on(OptionList.OptionSelected, "#agenda-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_undo(self) -> None:
        self.app.action_undo()

    def action_back(self) -> None:
        self.dismiss()

    def _pick(self, title: str, choices: list[tuple[str, str]], then: Callable[[str | None], None]) -> None:
        from tui.ui.screens.pick import PickScreen

        self.app.push_screen(PickScreen(title, choices), callback=then)
