"""The quick-capture prompt (DESIGN.md §7): one line over any screen, read as you type.

``ctrl+n`` pushes it over the board (a priority binding, so it works while typing in
a form); ``followup capture`` shows it alone (``standalone=True``). Either way the host
app provides ``board`` (for the live duplicate warning), ``today`` and ``persist``;
the write itself re-checks for a duplicate inside the store's lock, so a capture from
another terminal a moment earlier is caught too.

Enter on a line that does not parse keeps the prompt and shows why; Enter on a line
that matches a card already on the board asks: open that one, or add anyway.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.domain.board import Board
from tui.domain.companies import company_key
from tui.domain.models import Application, Contact
from tui.followup.capture import Capture, CaptureError, describe, parse_capture
from tui.followup.capture_history import HistoryBrowser, load_history
from tui.followup.changes import (
    Duplicate,
    NotSaved,
    find_duplicate,
    index_by_company,
    index_by_email,
    save_capture,
)
from tui.followup.reapply import before_here
from tui.ui.screens.capture_link import LinkReader, after_save, is_link_line

if TYPE_CHECKING:
    from textual.widgets import Button

PLACEHOLDER = "ROLE @ COMPANY  link  via SOURCE  #tag  !nocall  >stage  on DATE  with EMAIL"
HINT = "enter save · esc cancel · ↑↓ history"
CHOICE_HINT = "o open · a add anyway · esc edit the line"
STANDALONE_CHOICE_HINT = "o keep it · a add anyway · esc edit the line"
EMPTY_HINT = "Type a line such as:  Backend Engineer @ Acme https://acme.example/jobs/42 via linkedin #remote"
_ONE_LINE = re.compile(r"\s+")
PREVIEW_LABELS = [label for label, _ in describe(Capture(role="", company=""))]
PREVIEW_VALUE_MAX = 160  # a pasted wall of text still previews in a few lines


def _cut(text: str, limit: int = PREVIEW_VALUE_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the screen ----------------------------------------------------------------------------


class CaptureScreen(ModalScreen[int | None]):
    """Dismissed with the new (or the existing, when chosen) application's id, or None."""

    CSS_PATH = str(Path(__file__).resolve().with_name("capture.tcss"))  # absolute: subclasses live elsewhere
    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", id="capture.cancel", tooltip="Close the prompt; nothing is saved"
        ),
        Binding(
            "up", "history(-1)", "Older", show=False, id="capture.older", tooltip="An older captured line"
        ),
        Binding(
            "down", "history(1)", "Newer", show=False, id="capture.newer", tooltip="A newer captured line"
        ),
        Binding("o", "open_existing", "Open existing", show=False, id="capture.open_existing"),
        Binding("a", "add_anyway", "Add anyway", show=False, id="capture.add_anyway"),
    ]

    def __init__(self, *, standalone: bool = False, history_file: Path | None = None) -> None:
        super().__init__(classes="-standalone" if standalone else "")
        self.standalone = standalone
        self.history_file = history_file
        self.history = HistoryBrowser([])
        self.capture: Capture | None = None  # the line as last read, None when it does not parse
        self.duplicate: Application | None = None  # live: what the current line looks like
        self.choosing: Application | None = None  # Enter on a duplicate: waiting for open / add anyway
        self.saving = False
        self.outcome = ""  # one line for the shell after `followup capture`
        # Per board snapshot: applications by company key, contacts by email.
        self._apps_index: tuple[Board, dict[str, list[Application]]] | None = None
        self._email_index: tuple[Board, dict[str, Contact]] | None = None
        self._submitted: str | None = None  # the line as last submitted, while it is unchanged
        self.links = LinkReader(self)  # a line that is a link: read from its page

    def compose(self) -> ComposeResult:
        with Vertical(id="capture-dialog"):
            with Horizontal(id="capture-head"):
                yield Label("Quick capture", id="capture-title")
                yield Label(HINT, id="capture-hint")
            yield Input(placeholder=PLACEHOLDER, id="capture-input", select_on_focus=False)
            yield Static("", id="capture-status", markup=False)
            yield Horizontal(id="capture-choice")  # its buttons come with the first duplicate
            with Horizontal(id="capture-preview"):
                yield Static(Content("\n".join(PREVIEW_LABELS)), id="capture-labels")
                yield Static("", id="capture-values", markup=False)

    def on_mount(self) -> None:
        self.history.reset(load_history(self.history_file))
        self.query_one("#capture-choice").display = False
        self.set_focus(self.input)  # now, not later: a popup's first keys come at once
        self._show("")
        if hasattr(self.app, "data_version"):  # the board app: its reloads may add a duplicate
            self.watch(self.app, "data_version", lambda _version: self.board_changed(), init=False)

    @property
    def input(self) -> Input:
        return self.query_one("#capture-input", Input)

    @property
    def host(self) -> Any:
        return self.app

    # -- reading the line --------------------------------------------------------------

    def _by_company(self) -> dict[str, list[Application]]:
        board: Board = self.host.board
        if self._apps_index is None or self._apps_index[0] is not board:
            self._apps_index = (board, index_by_company(board.applications))
        return self._apps_index[1]

    def _by_email(self) -> dict[str, Contact]:
        """Only built for a line with ``with EMAIL``: a big network is 30,000 contacts."""
        board: Board = self.host.board
        if self._email_index is None or self._email_index[0] is not board:
            self._email_index = (board, index_by_email(board.contacts))
        return self._email_index[1]

    def use_indexes(
        self, board: Board, by_company: dict[str, list[Application]], by_email: dict[str, Contact]
    ) -> None:
        """Indexes a host built off the UI thread for ``board`` (see CaptureApp)."""
        self._apps_index = (board, by_company)
        self._email_index = (board, by_email)

    def _read(self, text: str) -> tuple[Capture | None, str | None]:
        if is_link_line(text):
            return self.links.read(text)
        try:
            capture = parse_capture(text, self.host.today)
            capture.to_application()  # the model's own limits, so Enter can't fail later
        except CaptureError as exc:
            return None, str(exc)
        except ValueError as exc:  # a ValidationError from the model
            return None, str(exc)
        return capture, None

    def board_changed(self) -> None:
        """The host loaded a newer board: the duplicate warning may have changed."""
        if self.is_mounted and not self.saving and self.choosing is None:
            value = self.input.value
            self._show(value, submitted=value == self._submitted)

    def _show(self, text: str, *, submitted: bool = False) -> None:
        self._submitted = text if submitted else None
        capture, error = self._read(text)
        self.capture = capture
        self.duplicate = None
        contact_note = ""
        if capture is not None:
            self.duplicate = find_duplicate(
                self._by_company().get(company_key(capture.company), ()), capture.company, capture.role
            )
            if capture.contact_email:
                known = self._by_email().get(capture.contact_email.strip().lower())
                if known:
                    contact_note = f"  ({known.display_name}, already a contact)"
                elif capture.contact_name:
                    contact_note = "  (new contact)"
                else:  # a nameless contact greets "Hello there,": ask for the name
                    contact_note = '  (new contact; who is it? with "Name <address>" names them)'
        status = self.query_one("#capture-status", Static)
        status.set_class(False, "-error", "-warning", "-hint", "-live-error")
        if not text.strip() and not submitted:
            status.update(Content(EMPTY_HINT))
            status.add_class("-hint")
        elif error is not None:
            status.update(Content(error))
            status.add_class("-error" if submitted else "-live-error")
        elif self.duplicate is not None:
            dup = self.duplicate
            then = "keep it" if self.standalone else "open it"
            status.update(
                Content(
                    f"⚠ This looks like #{dup.id} {_cut(dup.title, 80)} ({dup.stage}), already on the board. "
                    f"Enter to {then} or add anyway."
                )
            )
            status.add_class("-warning")
        else:
            ready = "Enter saves it" + (" and selects the new card." if not self.standalone else ".")
            before = ""
            if capture is not None:  # applied there before: a second application is a choice
                same = self._by_company().get(company_key(capture.company), ())
                before = before_here(same, capture.company)
            if is_link_line(text) and self.links.hint:
                status.update(Content(self.links.hint))
                status.add_class("-hint")
            else:
                status.update(Content(f"{_cut(before, 240)} {ready}" if before else ready))
                status.add_class("-warning" if before else "-hint")
        self.input.set_class(submitted and error is not None, "-bad")
        self.query_one("#capture-values", Static).update(self._preview(capture, contact_note))
        self.query_one("#capture-labels", Static).update(
            Content("\n".join(PREVIEW_LABELS + self.links.labels(capture)))
        )

    def _preview(self, capture: Capture | None, contact_note: str) -> Content:
        """The values column, one line per label of ``describe`` (blank when the line does not parse)."""
        if capture is None:
            return Content("")
        values = []
        for label, value in describe(capture, self.host.today):
            if label == "Contact" and capture.contact_email:
                value += contact_note
            values.append(_cut(value))
        values += [_cut(value) for value in self.links.values(capture)]
        return Content("\n".join(values))

    @on(Input.Changed, "#capture-input")
    def _changed(self, event: Input.Changed) -> None:
        if self.choosing is not None:  # edited with the mouse while choosing: back to the line
            self._end_choice(refocus=False)
            self.input.focus()
        self._show(event.value)

    @on(Input.Submitted, "#capture-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(force=False)

    # -- saving ------------------------------------------------------------------------

    def submit(self, *, force: bool) -> None:
        if self.saving:
            return
        text = self.input.value
        self._show(text, submitted=True)
        capture = self.capture
        if capture is None and self.links.wants_fetch(text):
            self.links.fetch(text)  # the preview fills in when the page is in; Enter again saves
            return
        if capture is None:
            self.app.bell()
            self.input.focus()
            return
        if not force and self.duplicate is not None:
            self._begin_choice(self.duplicate)
            return
        self._save(capture, text, force)

    def _save(self, capture: Capture, line: str, force: bool) -> None:
        self.saving = True
        self.input.disabled = True
        self._end_choice(refocus=False)
        status = self.query_one("#capture-status", Static)
        status.set_class(False, "-error", "-warning", "-live-error")
        status.add_class("-hint")
        status.update(Content("Saving…"))
        history_file = self.history_file

        def change(store: Any) -> Application | Duplicate | NotSaved:
            saved = save_capture(store, capture, force=force, line=line, history_file=history_file)
            after_save(store, capture, saved)
            return saved

        persist: Callable[..., None] = self.host.persist
        persist(change, done=self._saved, failed=self._save_failed)

    def _saved(self, result: Application | Duplicate | NotSaved) -> None:
        if isinstance(result, Application):
            self.outcome = f"Added #{result.id}: {result.title} ({result.stage})"
            self._finish(result.id)
            return
        self.saving = False
        self.input.disabled = False
        if isinstance(result, Duplicate):
            self._begin_choice(result.existing)
            return
        message = result.message if isinstance(result, NotSaved) else "Not saved."
        self._fail(f"Not saved: {message}")

    def _save_failed(self) -> None:
        self.saving = False
        self.input.disabled = False
        self._fail(
            "Not saved: the store could not be written (see the message). The line is kept; try again."
        )

    def _fail(self, message: str) -> None:
        status = self.query_one("#capture-status", Static)
        status.set_class(False, "-hint", "-warning", "-live-error")
        status.add_class("-error")
        status.update(Content(message))
        self.input.focus()

    # -- the duplicate choice ----------------------------------------------------------

    def _begin_choice(self, existing: Application) -> None:
        self.choosing = existing
        self.duplicate = existing
        status = self.query_one("#capture-status", Static)
        status.set_class(False, "-hint", "-error", "-live-error")
        status.add_class("-warning")
        status.update(
            Content(
                f"⚠ This looks like #{existing.id} {_cut(existing.title, 80)} ({existing.stage}), "
                "already on the board."
            )
        )
        open_label = (
            f"Keep #{existing.id}, add nothing (o)" if self.standalone else f"Open #{existing.id} (o)"
        )
        open_button = self._choice_buttons()
        open_button.label = Content(open_label)
        self.query_one("#capture-choice").display = True
        hint = STANDALONE_CHOICE_HINT if self.standalone else CHOICE_HINT
        self.query_one("#capture-hint", Label).update(hint)
        self.call_after_refresh(self._focus_choice)
        self.refresh_bindings()

    def _focus_choice(self) -> None:
        if self.choosing is not None:  # not if the line was edited meanwhile
            self.query_one("#capture-open").focus()

    def _choice_buttons(self) -> Button:
        """The open / add-anyway buttons, made on first use (Button is not needed to start)."""
        from textual.widgets import Button

        row = self.query_one("#capture-choice", Horizontal)
        if not row.children:
            row.mount(
                Button("Open the existing one (o)", id="capture-open", variant="primary", compact=True),
                Button("Add anyway (a)", id="capture-add", variant="warning", compact=True),
            )
        return row.query_one("#capture-open", Button)

    def _end_choice(self, *, refocus: bool) -> None:
        if self.choosing is None:
            return
        self.choosing = None
        self.query_one("#capture-choice").display = False
        self.query_one("#capture-hint", Label).update(HINT)
        self.refresh_bindings()
        if refocus:
            self.input.focus()
            self._show(self.input.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "capture-open":
            self.action_open_existing()
        elif event.button.id == "capture-add":
            self.action_add_anyway()

    def action_open_existing(self) -> None:
        existing = self.choosing
        if existing is None or self.saving:
            return
        if self.standalone:
            self.outcome = (
                f"Not added: #{existing.id} {existing.title} ({existing.stage}) is already on the board."
            )
            self._finish(None)
        else:
            self._finish(existing.id)

    def action_add_anyway(self) -> None:
        if self.choosing is None or self.saving:
            return
        self.submit(force=True)

    def _finish(self, result: int | None) -> None:
        """Close with ``result``: dismissed over the board; alone, the app exits with it
        (``followup capture`` maps an id to exit 0, None to 1) and prints the outcome."""
        if self.standalone:
            self.app.exit(result, message=Text(self.outcome) if self.outcome else None)
        else:
            self.dismiss(result)

    # -- keys --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_existing", "add_anyway"):
            return self.choosing is not None and not self.saving
        if action == "history":
            return self.choosing is None and not self.saving
        return True

    def on_key(self, event: events.Key) -> None:
        """Text typed before the screen was mounted (a popup's first keys) reaches the
        screen, not the line: put it in the line instead of losing it. The line itself
        stops every printable key it takes, so none arrives here twice."""
        if self.choosing is not None or self.saving or not (event.is_printable and event.character):
            return
        event.stop()
        event.prevent_default()
        self.set_focus(self.input)
        self.input.insert_text_at_cursor(event.character)

    def on_paste(self, event: events.Paste) -> None:
        if self.choosing is not None or self.saving:
            return
        event.stop()
        self.set_focus(self.input)
        self.input.insert_text_at_cursor(_ONE_LINE.sub(" ", event.text))  # a line has no newlines

    def action_history(self, step: int) -> None:
        text = self.history.older(self.input.value) if step < 0 else self.history.newer()
        if text is None:
            return
        self.input.value = text
        self.input.cursor_position = len(text)

    def action_cancel(self) -> None:
        if self.saving:
            return  # the write is under way; its result decides
        if self.choosing is not None:
            self._end_choice(refocus=True)  # back to the line, to edit it
            return
        self._finish(None)
