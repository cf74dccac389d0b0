"""The composer pane (DESIGN.md §6): a draft for the selected card and recipient.

The template comes from the card's next action, the recipient from the finder
(``app.recipient_id``; by default the next action's contact), the channel from the
rules. The draft is plain text the user edits; the warnings are recomputed on every
keystroke (the domain's ``warnings`` takes well under a millisecond on 10,000
characters). Once the user has edited the text, a reload of the board (a write, or
another process changing the store) keeps their text and only refreshes the context.

Out: clipboard (OSC 52), mail client (mailto:), ``.eml`` draft, ``$EDITOR``; mark sent
logs the event through ``app.persist`` with an undo. Sending where the app advises
against it (a blocked channel, a posting that asks for no follow-ups, a closed
position) needs an explicit yes that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, Static, TextArea

from tui.domain.board import Board
from tui.domain.models import CHANNELS, Application, Contact, NextAction, Template, ValidationError
from tui.domain.safe_text import safe_text
from tui.followup.composer import (
    ComposeContext,
    ComposeWarning,
    Draft,
    choose_template,
    full_text,
    placeholder_values,
    render,
    template_kind,
    warnings,
)
from tui.followup.composer_options import (
    CHANNEL_LABELS,
    CONFIRM_CODES,
    KIND_LABELS,
    address,
    as_template_text,
    channel_choices,
    clean_text,
    default_channel,
    default_template,
    editor_text,
    from_editor_text,
    profile_url,
    same_name,
    sent_event,
    template_label,
    template_menu,
    users_template,
)
from tui.followup.finder import ROLE_LABELS, effective_role, inferred_label
from tui.followup.templates import load_default_templates, merged_templates
from tui.ui.composer_actions import (
    log_sent,
    offer_close_withdrawn,
    reset_template,
    save_eml,
    store_template,
)

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import FollowupApp

_CSS_FILE = Path(__file__).with_suffix(".tcss")
DRAFT_DELAY = 1.0  # seconds after the last key before the typed text is written to the store

SEVERITY_MARKS: dict[str, tuple[str, str]] = {
    "error": ("✖", "$error"),
    "warn": ("▲", "$warning"),
    "info": ("·", "$text-muted"),
}
# Actions that need a draft on screen; ctrl+t works whenever a card is selected.
_DRAFT_ACTIONS = frozenset(
    {"copy", "open", "editor", "save_eml", "mark_sent", "pick_channel", "save_template", "reset_template"}
)


class _FieldLeft(Message):
    """The cursor left a field at its edge: ``step`` -1 is up, +1 is down."""

    def __init__(self, step: int) -> None:
        super().__init__()
        self.step = step


class SubjectInput(Input):
    """The email subject; down (or enter) goes to the body."""

    BINDINGS = [Binding("down", "leave_down", "Body", show=False)]

    def action_leave_down(self) -> None:
        self.post_message(_FieldLeft(1))

    def render_line(self, y: int):
        """A subject too long for the field ends in "…" while the field is not being edited,
        so a cut subject never reads as the whole one."""
        from rich.cells import cell_len
        from rich.segment import Segment
        from textual.strip import Strip

        strip = super().render_line(y)
        width = self.scrollable_content_region.width
        if y != 0 or self.has_focus or width < 2 or cell_len(self.value) <= width or self.scroll_offset.x:
            return strip
        cut = strip.crop(0, width - 1)
        segments = list(cut)
        style = segments[-1].style if segments else self.rich_style
        return Strip([*segments, Segment("…", style)]).extend_cell_length(strip.cell_length)


class BodyArea(TextArea):
    """The message body; up on its first line goes to the subject when there is one."""

    leave_up = False

    def action_cursor_up(self, select: bool = False) -> None:
        at_top = self.navigator.is_first_wrapped_line(self.cursor_location)
        if self.leave_up and not select and self.selection.is_empty and at_top:
            self.post_message(_FieldLeft(-1))
            return
        super().action_cursor_up(select)


class _WarningBox(VerticalScroll, can_focus=False):
    """Scrolls when the warnings outgrow their share of the pane; never takes focus."""


class ComposerPane(Vertical, can_focus=True):
    if TYPE_CHECKING:  # self.app is the followup app (typed, no cast at run time)
        app = getters.app(FollowupApp)

    ALLOW_MAXIMIZE = True
    # The rules live in composer_pane.tcss; as default CSS they are scoped to this pane.
    DEFAULT_CSS = _CSS_FILE.read_text(encoding="utf-8")

    BINDINGS = [
        Binding("ctrl+r", "copy", "Copy", id="composer.copy", tooltip="Copy the message (subject and body)"),
        Binding("ctrl+o", "open", "Mail", id="composer.open", tooltip="Open it in the mail client"),
        Binding("ctrl+g", "editor", "Editor", id="composer.editor", tooltip="Edit it in $VISUAL / $EDITOR"),
        Binding(
            "ctrl+f",
            "save_eml",
            ".eml",
            id="composer.eml",
            tooltip="Save it as an .eml draft (asks where once, then remembers)",
        ),
        Binding(
            "ctrl+s",
            "mark_sent",
            "Sent",
            id="composer.sent",
            tooltip="Mark it sent: logs the event and moves the next action on",
        ),
        Binding(
            "ctrl+t",
            "pick_template",
            "Template",
            id="composer.template",
            tooltip="Pick another template; save this text as your own, or reset it",
        ),
        Binding(
            "ctrl+l",
            "pick_channel",
            "Channel",
            id="composer.channel",
            tooltip="Send by another channel (email, LinkedIn, Twitter)",
        ),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._app_id: int | None = None
        self._application: Application | None = None
        self._action: NextAction | None = None
        self._contact: Contact | None = None
        self._channel = "email"
        self._channel_manual = False
        self._template_name: str | None = None  # a template the user picked, by name
        self._template: Template | None = None
        self._ctx: ComposeContext | None = None
        self._rendered: Draft | None = None  # what the template produced
        self._shown: tuple[str, str] = ("", "")  # (subject, body) as last put in the fields
        self._warnings: list[ComposeWarning] = []
        self._confirmed: tuple[Any, ...] | None = None
        self._templates_board: Board | None = None
        self._templates_cache: list[Template] = []
        self._sending = False  # a mark-sent is being written
        self._draft_timer: Timer | None = None  # keeps typed text a moment after the last key

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Label("Composer", classes="pane-title", id="composer-title")
        yield Static("", id="composer-notice")
        yield Static("", id="composer-to")
        yield Static("", id="composer-via")
        yield SubjectInput(placeholder="Subject", id="composer-subject", compact=True, select_on_focus=False)
        yield BodyArea(
            id="composer-body",
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
            highlight_cursor_line=False,
            placeholder="The message",
        )
        with _WarningBox(id="composer-warnings-box"):
            yield Static("", id="composer-warnings")

    def on_mount(self) -> None:
        self.watch(self.app, "recipient_id", self._recipient_changed, init=False)
        self._show_notice(Content("No card selected."))

    @property
    def subject_input(self) -> SubjectInput:
        return self.query_one("#composer-subject", SubjectInput)

    @property
    def body_area(self) -> BodyArea:
        return self.query_one("#composer-body", BodyArea)

    # -- what the app calls ------------------------------------------------------------

    def show_application(self, app_id: int | None) -> None:
        """The selected card changed, or the board reloaded (then ``app_id`` is the same)."""
        same = app_id is not None and app_id == self._app_id
        if not same:
            self.keep_draft()  # the text typed for the card we leave is kept for it
            self._forget_choices()
        self._app_id = app_id
        self._refresh(keep_text=same and self._dirty())

    def _recipient_changed(self, recipient_id: int | None) -> None:
        # The app sets recipient_id just before it calls show_application for a new card;
        # then the pane still shows the old card and must wait for that call.
        if self._app_id is None or self._app_id != getattr(self.app, "selected_id", None):
            return
        before = self._contact.id if self._contact is not None else None
        if recipient_id == before or self._sending:
            return  # while marking sent, the reload resets the recipient; the fresh draft follows
        keep = self._dirty()
        self._refresh(keep_text=keep)
        if keep:
            self.notify(
                "Kept your edited text: check the greeting still fits the new recipient.", markup=False
            )

    # -- state ---------------------------------------------------------------------------

    def _forget_choices(self) -> None:
        self._channel_manual = False
        self._template_name = None
        self._confirmed = None
        self._rendered = None

    def _templates(self) -> list[Template]:
        board = self.app.board
        if board is not self._templates_board:
            self._templates_cache = merged_templates(board.templates, load_default_templates())
            self._templates_board = board
        return self._templates_cache

    def _suggested_kind(self) -> str | None:
        if self._application is None:
            return None
        events = self.app.board.events_for(self._application.id)
        return template_kind(self._action, events)

    def _dirty(self) -> bool:
        if self._rendered is None:
            return False
        return (self.subject_input.value, self.body_area.text) != self._shown

    def _refresh(self, *, keep_text: bool) -> None:
        app = self.app
        board: Board = app.board
        application = board.application_by_id.get(self._app_id) if self._app_id is not None else None
        self._application = application
        if application is None:
            self._template = self._ctx = self._rendered = None
            self._show_notice(Content("No card selected."))
            return
        action = app.actions.get(application.id)
        events = board.events_for(application.id)
        recipient_id = getattr(app, "recipient_id", None)
        contact = board.contact_by_id.get(recipient_id) if recipient_id is not None else None
        self._action, self._contact = action, contact
        if not self._channel_manual:
            self._channel = default_channel(application, contact, action)
        templates = self._templates()
        template: Template | None = None
        if self._template_name is not None:
            template = next((t for t in templates if same_name(t.name, self._template_name)), None)
        if template is None:
            self._template_name = None
            template = choose_template(templates, template_kind(action, events), self._channel)
        settings = app.settings
        self._ctx = ComposeContext(
            application=application,
            contact=contact,
            channel=self._channel,
            me=settings.me,
            today=app.today,
            events=events,
            next_action=action,
            cadence=settings.cadence,
        )
        self._template = template
        if template is None:
            self._rendered = None
            reason = action.reason if action is not None else ""
            self._show_notice(
                Content.assemble(
                    ("Nothing to send.", "bold"),
                    "\n",
                    safe_text(reason, multiline=True),
                    "\n\n",
                    ("ctrl+t", "bold $accent"),
                    " picks a template anyway.",
                )
            )
            return
        if not keep_text or self._rendered is None:
            draft = render(template, self._ctx)
            # Names and posting text filled in come from other people: shown, never as controls.
            draft = replace(
                draft, subject=safe_text(draft.subject), body=safe_text(draft.body, multiline=True)
            )
            self._rendered = draft
            self._put(draft.subject, draft.body)
            kept = app.drafts.get(self.draft_key())
            if kept is not None:  # what the user typed for this card and recipient comes back
                self.subject_input.value = kept.get("subject", "")
                self.body_area.text = kept.get("body", "")
        self._show_draft()

    # -- drafts: kept per application and recipient, in the store (they survive a restart) --

    def draft_key(self) -> str:
        contact_id = self._contact.id if self._contact is not None else 0
        return f"{self._app_id}:{contact_id}"

    def keep_draft(self, *, now: bool = False) -> None:
        """Save what is typed (or forget the draft when the text is back to the template's)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self._app_id is None or self._rendered is None:
            return
        key = self.draft_key()
        if self._dirty():
            subject, body = self.subject_input.value, self.body_area.text
        elif key in self.app.drafts:
            subject = body = ""
        else:
            return
        self.app.save_draft(key, subject, body, now=now)

    def forget_draft(self) -> None:
        if self._app_id is not None and self.draft_key() in self.app.drafts:
            self.app.save_draft(self.draft_key(), "", "")

    def _put(self, subject: str, body: str) -> None:
        subject_input, body_area = self.subject_input, self.body_area
        subject_input.value = " ".join(subject.split())
        subject_input.cursor_position = 0  # show the subject's start, not its end
        body_area.text = body
        body_area.move_cursor((0, 0))
        self._shown = (subject_input.value, body_area.text)

    def _current_draft(self) -> Draft | None:
        if self._rendered is None:
            return None
        # A subject is one header line, whatever was pasted or set into the field.
        subject = " ".join(self.subject_input.value.splitlines()) if self._channel == "email" else ""
        body = self.body_area.text
        if (self.subject_input.value, body) == self._shown and self._rendered.subject == subject:
            return self._rendered
        return self._rendered.edited(subject, body)

    # -- showing -------------------------------------------------------------------------

    def _set_editing(self, editing: bool) -> None:
        self.query_one("#composer-notice").display = not editing
        for selector in ("#composer-to", "#composer-via", "#composer-body", "#composer-warnings-box"):
            self.query_one(selector).display = editing
        email = editing and self._channel == "email"
        subject, body = self.subject_input, self.body_area
        had_focus = subject.has_focus or body.has_focus
        # Hidden fields are also disabled: a hidden widget still counts as focusable, and
        # the screen's tab would otherwise land in a field nobody can see.
        subject.display, subject.disabled = email, not email
        body.display, body.disabled = editing, not editing
        body.leave_up = email
        if had_focus and not (subject.has_focus or body.has_focus):
            (body if editing else self).focus()
        self.refresh_bindings()

    def _show_notice(self, content: Content) -> None:
        self.query_one("#composer-title", Label).update("Composer")
        self.query_one("#composer-notice", Static).update(content)
        self._warnings = []
        self.query_one("#composer-warnings", Static).update("")
        self._set_editing(False)

    def _show_draft(self) -> None:
        template = self._template
        assert template is not None
        title = Content.assemble("Composer · ", KIND_LABELS.get(template.kind, template.kind))
        if not template.builtin:
            title = Content.assemble(title, " (your template)")
        self.query_one("#composer-title", Label).update(title)
        self.query_one("#composer-to", Static).update(self._to_line())
        self.query_one("#composer-via", Static).update(self._via_line())
        self._set_editing(True)
        self._update_warnings()

    def _to_line(self) -> Content:
        contact = self._contact
        if contact is None:
            return Content.assemble(
                ("To  ", "$text-muted"), ("nobody yet: choose a contact in the finder", "$warning")
            )
        role, inferred = effective_role(contact)
        label = inferred_label(role) if inferred else ROLE_LABELS.get(role, role)
        return Content.assemble(
            ("To  ", "$text-muted"), (safe_text(contact.display_name), "bold"), (f" · {label}", "$text-muted")
        )

    def _via_line(self) -> Content:
        channel = self._channel
        parts: list[str | tuple[str, str]] = [("By  ", "$text-muted"), CHANNEL_LABELS.get(channel, channel)]
        if self._application is not None and channel in self._application.blocked_channels:
            parts.append((" · blocked by the posting", "$error"))
        elif self._contact is not None:
            where = address(self._contact, channel)
            parts.append(
                (f" · {safe_text(where)}", "$text-muted") if where else (" · no address on file", "$warning")
            )
        return Content.assemble(*parts)

    def _update_warnings(self) -> None:
        draft, ctx = self._current_draft(), self._ctx
        if draft is None or ctx is None:
            return
        found = warnings(draft, ctx)
        if found == self._warnings and self.query_one("#composer-warnings", Static).content:
            return
        self._warnings = found
        if not found:
            content = Content.styled("✓ no warnings", "$success")
        else:
            parts: list[str | tuple[str, str]] = []
            for i, w in enumerate(found):
                mark, style = SEVERITY_MARKS.get(w.severity, ("·", "$text-muted"))
                parts += ["\n" if i else "", (f"{mark} ", f"bold {style}"), (w.message, style)]
            content = Content.assemble(*parts)
        self.query_one("#composer-warnings", Static).update(content)

    @on(Input.Changed, "#composer-subject")
    @on(TextArea.Changed, "#composer-body")
    def _edited(self, event: Message) -> None:
        event.stop()
        self._update_warnings()
        if self._dirty():
            if self._draft_timer is None:
                self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)
            else:
                self._draft_timer.reset()

    @on(Input.Submitted, "#composer-subject")
    def _subject_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.body_area.focus()

    @on(_FieldLeft)
    def _field_left(self, event: _FieldLeft) -> None:
        event.stop()
        if event.step < 0 and self.subject_input.display:
            self.subject_input.focus()
        elif event.step > 0:
            self.body_area.focus()

    # -- bindings ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _DRAFT_ACTIONS:
            return True if self._rendered is not None else None
        if action == "pick_template":
            return True if self._application is not None else None
        return True

    # -- sending -------------------------------------------------------------------------

    def _blocking(self) -> list[ComposeWarning]:
        return [w for w in self._warnings if w.severity == "error" and w.code in CONFIRM_CODES]

    def _confirm_then(self, verb: str, then: Callable[[], object]) -> None:
        """Run ``then`` now, or after an explicit yes when the app advises against sending."""
        from tui.ui.screens.confirm import ConfirmScreen

        blocking = self._blocking()
        key = (self._app_id, self._channel, tuple(sorted({w.code for w in blocking})))
        if not blocking or key == self._confirmed:
            then()
            return
        why = "\n".join(f"• {w.message[:1].upper()}{w.message[1:]}." for w in blocking)

        def answered(yes: bool | None) -> None:
            if yes:
                self._confirmed = key
                then()

        self.app.push_screen(
            ConfirmScreen(
                f"{verb} anyway?",
                f"The app advises against sending this:\n{why}",
                yes=f"{verb} anyway",
            ),
            callback=answered,
        )

    def _message_or_say(self, what: str) -> Draft | None:
        draft = self._current_draft()
        if draft is None:
            return None
        if not draft.body.strip() and not draft.subject.strip():
            self.notify(f"The message is empty: nothing to {what}.", severity="warning", markup=False)
            return None
        return draft

    def action_copy(self) -> None:
        if self._message_or_say("copy") is None:
            return
        self._signed_then(lambda: self._confirm_then("Copy it", self._copy))

    # -- first use: the name letters are signed with (issue 21) ----------------------------

    def on_descendant_focus(self, _event: Any) -> None:
        if self._rendered is not None:  # the composer opened on a draft
            self._signed_then(lambda: None)

    def _signed_then(self, then: Callable[[], object]) -> None:
        """Ask for the name once a session when ``[me] name`` is empty, then go on with ``then``."""
        app = self.app
        if app.settings.me.name.strip() or getattr(app, "name_asked", True):
            then()
            return
        app.name_asked = True  # "later" means not again this session
        from tui.ui.screens.name_prompt import NamePrompt

        def answered(result: tuple[str, str] | None) -> None:
            if result is not None:
                self._save_name(*result)
            then()

        app.push_screen(NamePrompt(), callback=answered)

    def _save_name(self, name: str, signature: str) -> None:
        from tui.domain.config import save_me

        app = self.app
        me = app.settings.me
        try:
            save_me(name, signature, app.settings.path)
        except Exception as exc:  # a malformed config.toml is never overwritten: said, not lost
            app.notify(f"Could not save your name to config.toml: {exc}", severity="warning", markup=False)
        else:
            app.notify(f"Letters are signed {name} from now on (saved in config.toml, [me]).", markup=False)
        # This session signs with it either way.
        app.settings.me = replace(me, name=name, signature=signature or me.signature)
        self._refresh(keep_text=self._dirty())  # an edited draft keeps its text

    def _copy(self) -> None:
        draft = self._current_draft()
        if draft is None:
            return
        self.app.copy_to_clipboard(clean_text(full_text(draft, self._channel)))
        what = "subject and body" if self._channel == "email" and draft.subject.strip() else "message"
        self.notify(f"Copied the {what} to the clipboard.", markup=False)

    def action_open(self) -> None:
        if self._message_or_say("open") is None:
            return
        channel = self._channel
        if channel == "email":
            self._confirm_then("Open it", self._open_mail)
            return
        url = profile_url(self._contact, channel)
        if url is None:
            label = CHANNEL_LABELS.get(channel, channel)
            self.notify(
                f"Nothing to open for {label} here: ctrl+r copies the message to paste it there.",
                markup=False,
            )
            return
        self._confirm_then("Open it", lambda: self._open_profile(url))

    def _open_url(self, url: str) -> bool:
        try:
            self.app.open_url(url)
        except Exception as exc:  # a driver or browser problem must not crash the app
            self.notify(f"Could not open it: {exc}", severity="error", markup=False)
            return False
        return True

    def _open_mail(self) -> None:
        from tui.io.outbox import MAILTO_SAFE_LENGTH, mailto_url

        draft = self._current_draft()
        if draft is None:
            return
        url = mailto_url(draft, address(self._contact, "email"))
        if not has_url_handler():
            self.notify(
                "No program here opens mail links (no xdg-open or browser found): ctrl+f saves an "
                ".eml draft, ctrl+r copies the message.",
                severity="error",
                markup=False,
                timeout=8,
            )
            return
        if not self._open_url(url):
            return
        # The terminal cannot see whether a mail client took it: say what was done, no more.
        if len(url) > MAILTO_SAFE_LENGTH:
            self.notify(
                "Asked your mail client to open it. It is a long message: some mail clients cut it "
                "short; ctrl+f saves an .eml draft instead.",
                severity="warning",
                markup=False,
            )
        else:
            self.notify("Asked your mail client to open it.", markup=False)

    def _open_profile(self, url: str) -> None:
        draft = self._current_draft()
        if draft is None:
            return
        self.app.copy_to_clipboard(clean_text(full_text(draft, self._channel)))
        if self._open_url(url):
            label = CHANNEL_LABELS.get(self._channel, self._channel)
            self.notify(f"Copied the message and opened the {label} profile: paste it there.", markup=False)

    def action_editor(self) -> None:
        from tui.ui.editor import EditorError, edit_text

        draft = self._current_draft()
        if draft is None:
            return
        subject = self.subject_input.value
        where = self.body_area.cursor_location
        try:
            edited = edit_text(self.app, editor_text(subject, draft.body, self._channel))
        except EditorError as exc:
            self.notify(str(exc), severity="warning", markup=False, timeout=8)
            return
        new_subject, new_body = from_editor_text(edited, self._channel, subject)
        self.subject_input.value = new_subject
        self.body_area.text = new_body
        # Back from the editor: the focus and the cursor are where the user left them.
        self.screen.set_focus(self.body_area)
        self.body_area.move_cursor(where)
        self._update_warnings()

    def action_save_eml(self) -> None:
        if self._message_or_say("save") is None:
            return
        if self._channel != "email":
            label = CHANNEL_LABELS.get(self._channel, self._channel)
            self.notify(
                f"An .eml draft is an email; this message goes by {label}: ctrl+r copies it.", markup=False
            )
            return
        self._confirm_then("Save the draft", self._save_eml)

    def _save_eml(self) -> None:
        draft, application = self._current_draft(), self._application
        if draft is not None and application is not None:
            save_eml(self.app, draft, application, self._contact)

    # -- mark sent -------------------------------------------------------------------------

    def action_mark_sent(self) -> None:
        if self._current_draft() is None:
            return
        self._signed_then(lambda: self._confirm_then("Mark it sent", self._mark_sent))

    def _mark_sent(self) -> None:
        draft, application, template = self._current_draft(), self._application, self._template
        if draft is None or application is None or template is None or application.id is None:
            return
        app = self.app
        app_id = application.id
        kind = draft.kind or template.kind
        contact = self._contact
        event = sent_event(
            app_id,
            kind,
            self._channel,
            contact.id if contact is not None else None,
            app.today,
            full_text(draft, self._channel),
        )
        to = f" to {contact.display_name}" if contact is not None else ""
        summary = (
            f"{KIND_LABELS.get(kind, 'message')}{to} by {CHANNEL_LABELS.get(self._channel, self._channel)}"
        )

        def then(_saved: object) -> None:
            self._sending = False
            app.save_draft(key, "", "")  # sent: its draft is done with
            if self._app_id == app_id:
                # The next action moved on: start its draft afresh.
                self._forget_choices()
                self._refresh(keep_text=False)
            if kind == "withdraw":
                offer_close_withdrawn(app, app_id)

        def failed() -> None:
            self._sending = False

        key = self.draft_key()
        self._sending = True
        log_sent(app, event, summary, then=then, failed=failed)

    # -- channel and template -------------------------------------------------------------

    def action_pick_channel(self) -> None:
        from tui.ui.screens.pick import PickScreen

        application = self._application
        if application is None or self._rendered is None:
            return
        choices = channel_choices(application, self._contact, self._channel)
        if len(choices) < 2:
            who = self._contact.display_name if self._contact is not None else "This contact"
            self.notify(f"{who} has no other channel on file.", markup=False)
            return
        rows: list[tuple[str, str]] = []
        for channel, blocked in choices:
            label = CHANNEL_LABELS.get(channel, channel)
            where = address(self._contact, channel)
            label += f" · {where}" if where else ""
            if blocked:
                label += " · blocked by the posting"
            if channel == self._channel:
                label += " (current)"
            rows.append((channel, label))
        self.app.push_screen(PickScreen("Send it by…", rows), callback=self._channel_picked)

    def _channel_picked(self, channel: str | None) -> None:
        if not channel or channel == self._channel or channel not in CHANNELS:
            return
        self._channel = channel
        self._channel_manual = True
        if self._template is not None and self._template_name is not None:
            # A template picked by hand: keep its kind, in the new channel's version.
            same_kind = choose_template(self._templates(), self._template.kind, channel)
            if same_kind is not None:
                self._template_name = same_kind.name
        self._refresh(keep_text=self._dirty())

    def action_pick_template(self) -> None:
        from tui.ui.screens.pick import PickScreen

        application = self._application
        if application is None:
            return
        menu = template_menu(self._templates(), self._channel, self._suggested_kind())
        rows = [(f"t{i}", template_label(t, application, self._contact)) for i, t in enumerate(menu)]
        current = self._template
        if current is not None and self._rendered is not None:
            rows.append(("save", "+ Save this text as my template…"))
            if not current.builtin and current.id is not None:
                if default_template(load_default_templates(), current.name) is not None:
                    rows.append(("reset", f"↩ Reset “{current.name}” to the shipped default"))
                else:
                    rows.append(("reset", f"× Delete my template “{current.name}”"))

        def picked(value: str | None) -> None:
            if value == "save":
                self.action_save_template()
            elif value == "reset":
                self.action_reset_template()
            elif value and value.startswith("t") and value[1:].isdigit() and int(value[1:]) < len(menu):
                self._use_template(menu[int(value[1:])])

        channel = CHANNEL_LABELS.get(self._channel, self._channel)
        self.app.push_screen(PickScreen(f"Pick a template ({channel} first)", rows), callback=picked)

    def _use_template(self, template: Template) -> None:
        from tui.ui.screens.confirm import ConfirmScreen

        def use() -> None:
            self._template_name = template.name
            if template.channel != self._channel:
                self._channel = template.channel
                self._channel_manual = True
            self._rendered = None
            self._refresh(keep_text=False)

        if not self._dirty():
            use()
            return
        self.app.push_screen(
            ConfirmScreen(
                f"Replace your edited text with “{template.name}”?",
                "Your changes to this draft are lost.",
                yes="Replace",
            ),
            callback=lambda yes: use() if yes else None,
        )

    def action_save_template(self) -> None:
        """Save the current text as the user's own template (names and dates become placeholders)."""
        from tui.ui.screens.export import PathPrompt

        if self._template is None or self._rendered is None:
            return
        self.app.push_screen(
            PathPrompt("Save this text as your template named…", self._template.name),
            callback=lambda name: self._save_template(name) if name else None,
        )

    def _save_template(self, name: str) -> None:
        draft, template, ctx = self._current_draft(), self._template, self._ctx
        if draft is None or template is None or ctx is None:
            return
        name = clean_text(" ".join(name.split()))
        values = placeholder_values(ctx)
        existing = users_template(self._templates(), name)
        try:
            new = Template(
                name=name,
                kind=draft.kind or template.kind,
                channel=self._channel if self._channel in CHANNELS else "email",
                subject=clean_text(as_template_text(draft.subject, values))
                if self._channel == "email"
                else "",
                body=clean_text(as_template_text(draft.body, values)),
                id=existing.id if existing is not None else None,
            ).with_changes()
        except ValidationError as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False)
            return
        shadows = default_template(load_default_templates(), name) is not None
        app_id = self._app_id

        def then(saved: Template) -> None:
            if self._app_id != app_id:
                return
            self._template_name = saved.name
            self._refresh(keep_text=True)
            if self._template is not None and self._ctx is not None:
                # When the new template fills in to exactly this text, the draft is no longer
                # "edited": a new recipient then gets it filled in for them.
                again = render(self._template, self._ctx)
                fields = (self.subject_input.value, self.body_area.text)
                if (again.subject, again.body) == fields:
                    self._rendered, self._shown = again, fields
                    self._update_warnings()

        store_template(self.app, new, replaces_default=shadows, then=then)

    def action_reset_template(self) -> None:
        """Delete the user's own version of the current template (the shipped one comes back)."""
        current = self._template
        if current is None:
            return
        if current.builtin or current.id is None:
            self.notify(f"“{current.name}” is a shipped template: nothing to reset.", markup=False)
            return
        shipped = default_template(load_default_templates(), current.name)
        app_id = self._app_id

        def then() -> None:
            if self._app_id == app_id:
                self._template_name = shipped.name if shipped is not None else None
                self._rendered = None
                self._refresh(keep_text=False)

        reset_template(self.app, current, shipped, then=then)


def has_url_handler() -> bool:
    """Whether anything on this machine opens a mailto: link (macOS and Windows always can)."""
    import shutil
    import sys
    import webbrowser

    if sys.platform in ("darwin", "win32") or shutil.which("xdg-open"):
        return True
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True
