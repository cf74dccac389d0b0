"""Application detail (DESIGN.md §1): every field with validation, and its timeline.

Left, the form of every field (``ApplicationForm``); right, the timeline of events,
newest first. The next action sits on top. ``ctrl+s`` saves: the form says what is
wrong under each field and nothing is written until it is right; a stage change
goes through ``Store.move`` so the timeline records it like a move on the board.
``ctrl+r`` reads a pasted posting and sets only what the user confirms (§2).
``escape`` goes back, asking first when there are unsaved changes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Static

from tui.domain.dates import describe_due
from tui.domain.models import Application, Event, NextAction, ValidationError
from tui.domain.safe_text import safe_text
from tui.followup.changes import save_application
from tui.ui.widgets.application_form import ApplicationForm, field_of
from tui.ui.widgets.timeline import KIND_WORDS, Timeline

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import FollowupApp

NARROW_WIDTH = 110
ACTION_WORDS = {
    "follow_up": "Follow up",
    "thank_you": "Send a thank-you",
    "wait": "Wait",
    "let_go": "Let it be",
    "close_as_ghosted": "Close as ghosted",
    "none": "Nothing to do",
}


def next_action_content(action: NextAction | None, today: date) -> Content:
    """ "Next: Follow up · due Thu 26 Nov (yesterday)" and the reason under it."""
    if action is None:
        return Content("Next: nothing to do.")
    head = f"Next: {ACTION_WORDS.get(action.kind, action.kind)}"
    if action.due is not None:
        late = (today - action.due).days
        head += f" · due {describe_due(action.due, today)}"
        if late > 0:
            head += " · overdue"
    parts: list[str | tuple[str, str]] = [(head, "bold")]
    if action.reason:
        parts.append("\n" + safe_text(action.reason, multiline=True))
    return Content.assemble(*parts)


class DetailScreen(Screen):
    if TYPE_CHECKING:  # self.app is the followup app (typed, no cast at run time)
        app = getters.app(FollowupApp)

    CSS_PATH = "detail.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="detail.save", tooltip="Save the application"),
        Binding(
            "escape", "back", "Back", id="detail.back", tooltip="Back (asks when there are unsaved changes)"
        ),
        Binding(
            "ctrl+l", "add_event", "Log event", id="detail.add_event", tooltip="Log an event on the timeline"
        ),
        Binding(
            "ctrl+r",
            "read_posting",
            "Read posting",
            id="detail.read_posting",
            tooltip="Read the pasted posting for how (or whether) to follow up",
        ),
        Binding("alt+i", "import_invite", "Invite", id="detail.import_invite",
                tooltip="Import a calendar invitation (.ics) as a planned interview here"),
        Binding("alt+a", "attach_file", "Attach", id="detail.attach_file",
                tooltip="Record a file you sent with this application (name, size, SHA-256)"),
        # Jumps: alt+letter, so they work while a field has focus and never type into it.
        Binding("alt+c", "jump('company')", "Company", show=False, id="detail.jump_company",
                tooltip="Jump to the first field (Company)"),
        Binding("alt+n", "jump('notes')", "Notes", show=False, id="detail.jump_notes",
                tooltip="Jump to the notes"),
        Binding("alt+p", "jump('posting_text')", "Posting", show=False, id="detail.jump_posting",
                tooltip="Jump to the job posting"),
        Binding("alt+t", "jump('timeline')", "Timeline", show=False, id="detail.jump_timeline",
                tooltip="Jump to the timeline (j/k move, d deletes an event)"),
    ]  # fmt: skip

    def __init__(self, app_id: int) -> None:
        super().__init__()
        self.app_id = app_id
        self._clean: tuple[Any, ...] | None = None  # the form as last loaded or saved
        self._shown: Application | None = None

    @property
    def record(self) -> Application | None:
        return self.app.board.application_by_id.get(self.app_id)

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical(id="detail"):
            yield Static("", id="detail-next")
            with Horizontal(id="detail-body"):
                yield ApplicationForm(self.app.today, id="detail-form")
                with Vertical(id="detail-side"):
                    yield Label("Timeline · newest first", classes="pane-title")
                    yield Timeline(id="timeline", compact=True)
                    with Horizontal(id="timeline-buttons"):
                        yield Button("Log event (ctrl+l)", id="add-event", compact=True)
                        yield Button("Delete event (d)", id="delete-event", compact=True)
        yield Footer()

    @property
    def form(self) -> ApplicationForm:
        return self.query_one(ApplicationForm)

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    def on_mount(self) -> None:
        self._apply_width(self.size.width)
        record = self.record
        if record is None:
            self.notify("That application no longer exists.", severity="warning", markup=False)
            self.app.call_later(self.dismiss)
            return
        self.sub_title = safe_text(record.title)
        self._load(record)
        self._show_board()
        self.watch(self.app, "data_version", self._data_changed, init=False)
        # The form itself, not Company: a first key must not replace the company's name.
        self.form.focus()
        self.form.scroll_home(animate=False)

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    # -- showing --------------------------------------------------------------------------

    def _load(self, record: Application) -> None:
        self.form.load(record, self.app.board)
        self._shown = record
        self._clean = self.form.raw()

    def _show_board(self) -> None:
        app = self.app
        action = app.actions.get(self.app_id)
        self.query_one("#detail-next", Static).update(next_action_content(action, app.today))
        record = app.board.application_by_id.get(self.app_id)
        sent = record.attachments if record is not None else []
        self.timeline.show(app.board.events_for(self.app_id), app.board, app.today, sent)

    @property
    def dirty(self) -> bool:
        return self._clean is not None and self.form.raw() != self._clean

    def _data_changed(self) -> None:
        record = self.record
        if record is None:
            self.notify("This application was deleted.", severity="warning", markup=False)
            if self.app.screen is self:
                self.dismiss()
            return
        self._show_board()
        self.sub_title = safe_text(record.title)
        self.form.show_contacts(record, self.app.board)
        if record != self._shown and not self.dirty:
            self._load(record)  # changed elsewhere (the board, another terminal): show it

    def action_jump(self, where: str) -> None:
        if where == "timeline":
            self.timeline.focus()
            return
        self.form.focus_field(where)

    # -- saving ---------------------------------------------------------------------------

    def action_save(self, success: str = "Saved") -> None:
        record = self.record
        if record is None:
            self.notify("This application no longer exists; nothing saved.", severity="error", markup=False)
            return
        changes, errors = self.form.read()
        if not errors:
            try:
                checked = record.with_changes(**changes)
            except ValidationError as exc:
                errors[field_of(str(exc)) or "form"] = str(exc)
        self.form.show_errors(errors)
        if errors:
            self.notify("Not saved: fix the fields marked in red.", severity="error", markup=False)
            return
        diff = {
            name: getattr(checked, name)
            for name in changes
            if getattr(checked, name) != getattr(record, name)
        }
        if not diff:
            self._clean = self.form.raw()
            self.notify("Nothing changed.", markup=False)
            return
        app_id = self.app_id
        self.app.persist(
            lambda s: save_application(s, app_id, diff), success=success, done=self._saved
        )

    def _saved(self, saved: Application) -> None:
        if self.is_attached:
            self._load(saved)

    def action_back(self) -> None:
        if not self.dirty:
            self.dismiss()
            return
        from tui.ui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss()

        self.app.push_screen(
            ConfirmScreen("Discard your changes?", "They have not been saved (ctrl+s saves).", yes="Discard"),
            callback=answered,
        )

    # -- the timeline ---------------------------------------------------------------------

    def action_add_event(self) -> None:
        record = self.record
        if record is None:
            return
        from tui.ui.widgets.event_form import EventFormScreen

        def logged(event: Event | None) -> None:
            if event is None:
                return
            self.app.persist(
                lambda s: s.add_event(event), success=f"Logged: {KIND_WORDS.get(event.kind, event.kind)}"
            )

        self.app.push_screen(EventFormScreen(record, self.app.board, self.app.today), callback=logged)

    @on(Button.Pressed, "#add-event")
    def _add_pressed(self) -> None:
        self.action_add_event()

    @on(Button.Pressed, "#delete-event")
    def _delete_pressed(self) -> None:
        event_id = self.timeline.highlighted_event_id
        if event_id is None:
            self.notify("Highlight an event on the timeline first.", markup=False)
            return
        self._delete_event(event_id)

    @on(Timeline.DeleteRequested)
    def _delete_requested(self, message: Timeline.DeleteRequested) -> None:
        self._delete_event(message.event_id)

    def _delete_event(self, event_id: int) -> None:
        event = next((e for e in self.app.board.events_for(self.app_id) if e.id == event_id), None)
        if event is None:
            return
        from tui.ui.screens.confirm import ConfirmScreen

        what = f"{KIND_WORDS.get(event.kind, event.kind)} on {event.on.isoformat()}"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            app = self.app
            copy = Event.from_dict({**event.to_dict(), "id": None})

            def deleted(_result: Any) -> None:
                app.push_undo(f"delete {what}", lambda: app.persist(lambda s: s.add_event(copy)))

            app.persist(lambda s: s.delete_event(event_id), success=f"Deleted {what}", done=deleted)

        self.app.push_screen(
            ConfirmScreen(f"Delete {what} from the timeline?", yes="Delete"), callback=answered
        )

    # -- the posting ----------------------------------------------------------------------

    @on(Button.Pressed, "#read-posting")
    def _read_pressed(self) -> None:
        self.action_read_posting()

    def action_read_posting(self) -> None:
        from tui.followup.posting_reader import read_posting
        from tui.ui.widgets.posting_review import PostingReviewScreen, proposals

        form = self.form
        text = form.posting_text()
        if not text.strip():
            self.notify(
                "Paste the job posting into the Job posting field first.", severity="warning", markup=False
            )
            form.query_one("#f-posting_text").focus()
            return
        findings = read_posting(text, self.app.today)
        if findings.is_empty:
            self.notify("Nothing in this posting says how or whether to follow up.", markup=False)
            return
        items = proposals(
            findings,
            form.select_value("follow_up_policy"),
            form.blocked(),
            form.date_value("decision_expected_on"),
            form.date_value("closes_on"),
        )
        notes = []
        if findings.no_agencies:
            notes.append(f"Also read: agencies are not wanted — from “{findings.no_agencies.sentence}”")
        if not items:
            message = "The posting agrees with what is already set."
            self.notify(" ".join([message, *notes]), markup=False, timeout=8)
            return

        def chosen(keys: list[str] | None) -> None:
            if keys is None:
                return
            kept = [p for p in items if p.key in keys]
            if not kept:
                self.notify("Nothing applied.", markup=False)
                return
            for p in kept:
                form.set_value(p.field, p.value)
            self.action_save(success="Saved: " + "; ".join(p.label for p in kept))

        self.app.push_screen(PostingReviewScreen(items, notes), callback=chosen)

    # -- what came and what went (issue 19): an invitation, a file sent -------------------

    def action_import_invite(self) -> None:
        from pathlib import Path

        from tui.domain.errors import InputError
        from tui.followup.invite_save import read_invite_file, save_invite
        from tui.ui.screens.pick import TextPrompt

        app, app_id, today = self.app, self.app_id, self.app.today

        def check(text: str) -> tuple[object, str | None]:
            if not text.strip():
                return None, "Type the path of the .ics file (esc cancels)."
            try:
                return read_invite_file(Path(text.strip()).expanduser(), today), None
            except InputError as exc:
                return None, str(exc)

        def chosen(invite: object) -> None:
            if invite is None:
                return
            me = app.settings.me.email
            app.persist(
                lambda s: save_invite(s, invite, me, app_id=app_id),  # type: ignore[arg-type]
                done=lambda saved: app.notify(saved.lines(today)[0], markup=False),
            )

        app.push_screen(
            TextPrompt("Import a calendar invitation (.ics)", "the file's path · enter imports · esc cancels",
                       check, placeholder="e.g. ~/Downloads/invite.ics"),
            callback=chosen,
        )  # fmt: skip

    def action_attach_file(self) -> None:
        from pathlib import Path

        from tui.domain.models import ATTACHMENT_KINDS
        from tui.followup.attachments import record_attachment
        from tui.ui.screens.pick import PickScreen, TextPrompt

        app, app_id, today = self.app, self.app_id, self.app.today

        def check(text: str) -> tuple[object, str | None]:
            path = Path(text.strip()).expanduser()
            if not text.strip():
                return None, "Type the path of the file you sent (esc cancels)."
            if not path.is_file():
                return None, f"{path}: there is no such file."
            return path, None

        def record(path: Path, kind: str | None) -> None:
            if not kind:
                return

            def said(done: Any) -> None:
                if done.already:
                    same = done.already
                    app.notify(f"Already recorded: {same['name']} (same file) on {same['on']}.", markup=False)
                else:
                    r = done.record
                    app.notify(f"Attached {r['name']} ({r['size']:,} bytes) as {kind.replace('_', ' ')}",
                               markup=False)  # fmt: skip

            app.persist(lambda s: record_attachment(s, app_id, path, kind, today), done=said)

        def chosen(path: object) -> None:
            if isinstance(path, Path):
                choices = [(k, k.replace("_", " ")) for k in ATTACHMENT_KINDS]
                app.push_screen(PickScreen(f"Sent {path.name} as…", choices, start="resume"),
                                callback=lambda kind: record(path, kind))  # fmt: skip

        app.push_screen(
            TextPrompt("Attach a file you sent", "the file's path (it is not copied) · enter · esc cancels",
                       check, placeholder="e.g. ~/cv/resume-2026.pdf"),
            callback=chosen,
        )  # fmt: skip
