"""The contact finder pane (DESIGN.md §5): who to write to about the selected card.

With the search box empty it lists the card's candidates, best first (``tui.followup.finder``):
each row says who, in which role ("probably a recruiter" when the role is a guess from
the title), why it ranks there, the channel to use and any warning (a general HR inbox).
Typing searches every contact (``tui.followup.contact_search``) in a worker thread, so a keystroke
never waits for the search; the index is built on the first search, not at start-up, and
after that follows the board by diffs (``tui.followup.live_index``).

Enter makes the highlighted contact the composer's recipient (``app.recipient_id``).
``+``/``-`` attach and detach it, ``n``/``e`` add and edit, ``i`` imports a file, ``c``
opens every contact. These are plain keys of the list (when the search box has focus the
keys are text), so none clashes with the text editing keys or the composer's ctrl keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import get_current_worker

from tui.domain.board import Board
from tui.domain.models import Application, Contact
from tui.followup.contact_rows import clean_line, role_words
from tui.followup.contact_search import Match, display
from tui.followup.finder import (
    CHANNEL_PHRASES,
    Candidate,
    candidates,
)
from tui.followup.live_index import live_index
from tui.ui.contact_edit import edit_contact

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import FollowupApp

_CSS_FILE = Path(__file__).with_suffix(".tcss")

MAX_CANDIDATES = 100  # rows; a company with more is searched instead
SEARCH_LIMIT = 50
MATCH_STYLE = "bold underline $text-accent"
# Keys that are text while the search box has focus: hidden from the footer then.
_LIST_ACTIONS = frozenset(
    {"choose", "attach", "detach", "new_contact", "edit_contact", "import_contacts", "all_contacts", "search"}
)
def candidate_prompt(rank: int, cand: Candidate, recipient: bool) -> Content:
    """A candidate row: who, role and title, the channel and the reason, any warning."""
    contact = cand.contact
    parts: list[str | tuple[str, str]] = [
        (f"{rank}. ", "$text-muted"),
        (clean_line(contact.display_name), "bold"),
    ]
    if recipient:
        parts.append(("  ◂ writing to", "bold $text-accent"))
    parts.append("\n")
    parts.append((cand.role_label, "italic $text-accent" if cand.inferred else "$text-accent"))
    if contact.title:
        parts.append((" · " + clean_line(contact.title), "$text-muted"))
    parts.append("\n")
    if cand.channel is not None:
        parts.append((CHANNEL_PHRASES.get(cand.channel, f"by {cand.channel}"), "bold $text-success"))
    else:
        parts.append(("no usable channel", "bold $text-error"))
    parts.append((" — " + clean_line(cand.reason), "$text-muted"))
    if cand.warning:
        parts.append(("\n▲ " + cand.warning, "$text-warning"))
    return Content.assemble(*parts)


def result_prompt(contact: Contact, match: Match, attached: bool, recipient: bool) -> Content:
    """A search hit: "Name · Title · Company · email" with the matched letters marked."""
    text = clean_line(display(contact))
    content = Content(text)
    name = contact.name if isinstance(contact.name, str) else ""
    if name.strip():
        content = content.stylize("bold", 0, min(len(name), len(text)))
    for start, end in match.spans:
        content = content.stylize(MATCH_STYLE, start, end)
    words, inferred = role_words(contact)
    extra: list[str | tuple[str, str]] = [
        "\n",
        (words, "italic $text-accent" if inferred else "$text-accent"),
    ]
    if attached:
        extra.append((" · attached", "$text-success"))
    if recipient:
        extra.append(("  ◂ writing to", "bold $text-accent"))
    return content + Content.assemble(*extra)


def _option_id(contact_id: int) -> str:
    return f"contact-{contact_id}"


def _contact_id(option: Option | None) -> int | None:
    if option is None or not option.id or not option.id.startswith("contact-"):
        return None
    try:
        return int(option.id.removeprefix("contact-"))
    except ValueError:
        return None


class FinderList(OptionList):
    """The finder's rows; enter chooses the highlighted contact (the footer says so)."""

    BINDINGS = [
        Binding("enter", "select", "Write to", tooltip="Make this contact the composer's recipient"),
    ]


class FinderPane(Vertical, can_focus=True):
    if TYPE_CHECKING:  # self.app is the followup app (typed, no cast at run time)
        app = getters.app(FollowupApp)

    ALLOW_MAXIMIZE = True
    # The rules live in finder_pane.tcss; as default CSS they are scoped to this pane.
    DEFAULT_CSS = _CSS_FILE.read_text(encoding="utf-8")

    BINDINGS = [
        Binding(
            "enter",
            "choose",
            "Write to",
            id="finder.choose",
            tooltip="Make the contact the composer's recipient",
        ),
        Binding(
            "plus", "attach", "Attach", id="finder.attach", tooltip="Attach the contact to the selected card"
        ),
        Binding(
            "minus",
            "detach",
            "Detach",
            id="finder.detach",
            tooltip="Detach the contact from the selected card",
        ),
        Binding("n", "new_contact", "New", id="finder.new", tooltip="Add a contact (attached to the card)"),
        Binding("e", "edit_contact", "Edit", id="finder.edit", tooltip="Edit the highlighted contact"),
        Binding(
            "i",
            "import_contacts",
            "Import",
            id="finder.import",
            tooltip="Import LinkedIn's Connections.csv or a .vcf",
        ),
        Binding(
            "c",
            "all_contacts",
            "All contacts",
            id="finder.contacts",
            tooltip="Every contact, sortable, in a table",
        ),
        Binding("slash", "search", "Search", id="finder.search", tooltip="Search every contact (fuzzy)"),
        # The search box's own (scroll) binding on down wins the footer, so this one is not
        # shown there; it still works (the box has nothing to scroll, so the key comes here).
        Binding(
            "down",
            "focus_list",
            "Results",
            show=False,
            id="finder.to_list",
            tooltip="From the search box to the rows",
        ),
        Binding(
            "escape",
            "clear_search",
            "Clear search",
            show=True,
            id="finder.clear",
            tooltip="Back to the candidates",
        ),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._app_id: int | None = None
        self._query = ""
        self._results: list[tuple[Contact, Match]] = []
        self._keep_id: int | None = None  # a contact to highlight once the rows are rebuilt
        self._to_top = False  # a new query: its best match goes under the cursor
        self._bindings_state: tuple[bool | None, ...] | None = None
        self._status = Content("")

    def compose(self) -> ComposeResult:
        # The list comes first so that tab lands on it (the pane's keys are the list's);
        # the title, search box and status are docked above it.
        yield FinderList(id="finder-list")
        with Vertical(id="finder-head"):
            yield Label("Contacts", classes="pane-title", id="finder-title")
            yield Input(
                placeholder="search every contact — / from the list", id="finder-search", compact=True
            )
            yield Static("", id="finder-status")

    def on_mount(self) -> None:
        self.watch(self.app, "recipient_id", self._recipient_changed, init=False)
        self._set_status(Content("No card selected."))

    # -- parts -------------------------------------------------------------------------

    @property
    def option_list(self) -> FinderList:
        return self.query_one("#finder-list", FinderList)

    @property
    def search_input(self) -> Input:
        return self.query_one("#finder-search", Input)

    @property
    def board(self) -> Board:
        return self.app.board

    @property
    def application(self) -> Application | None:
        return self.board.application_by_id.get(self._app_id) if self._app_id is not None else None

    @property
    def highlighted_id(self) -> int | None:
        """The contact under the cursor (None when the list is empty)."""
        return _contact_id(self.option_list.highlighted_option)

    @property
    def highlighted_contact(self) -> Contact | None:
        cid = self.highlighted_id
        return self.board.contact_by_id.get(cid) if cid is not None else None

    def _set_status(self, text: Content) -> None:
        # A fixed height and no layout pass: a status change on every keystroke must not
        # re-lay out the whole screen.
        if text != self._status:
            self._status = text
            self.query_one("#finder-status", Static).update(text, layout=False)

    # -- what the app calls ------------------------------------------------------------

    def show_application(self, app_id: int | None) -> None:
        """The selected card changed, or the board reloaded (then ``app_id`` is the same)."""
        same = app_id == self._app_id
        self._app_id = app_id
        application = self.application
        title = f"Contacts · {clean_line(application.company)}" if application is not None else "Contacts"
        self.query_one("#finder-title", Label).update(Content(" ".join(title.split())))
        if self._query:
            if not same:
                self._keep_id = None
                self._to_top = True
            self._start_search(self._query)
        else:
            self._show_candidates(keep=same)
        self._sync_bindings()

    # -- candidates ----------------------------------------------------------------------

    def _show_candidates(self, *, keep: bool = True) -> None:
        board = self.board
        application = self.application
        options = self.option_list
        keep_id = self._keep_id if self._keep_id is not None else (self.highlighted_id if keep else None)
        self._keep_id = None
        self._results = []
        if application is None:
            options.set_options([])
            self._set_status(Content("No card selected: / searches every contact."))
            return
        after = any(e.kind == "interview" for e in board.events_for(application.id))
        found = candidates(application, board, after_interview=after)
        recipient = getattr(self.app, "recipient_id", None)
        rows: list[Option | None] = []
        for rank, cand in enumerate(found[:MAX_CANDIDATES], 1):
            if cand.contact.id is None:
                continue
            rows.append(
                Option(
                    candidate_prompt(rank, cand, cand.contact.id == recipient), id=_option_id(cand.contact.id)
                )
            )
            rows.append(None)
        options.set_options(rows[:-1])
        self._restore_highlight(keep_id)
        company = clean_line(" ".join(application.company.split()))
        if not found:
            self._set_status(
                Content.assemble(
                    (f"Nobody at {company} yet.", "bold"),
                    ("\nn adds one · / searches all · i imports", "$text-muted"),
                )
            )
        else:
            noun = "candidate" if len(found) == 1 else "candidates"
            text = f"{len(found)} {noun} for {clean_line(application.role)}, best first"
            if len(found) > MAX_CANDIDATES:
                text += f" (top {MAX_CANDIDATES} shown)"
            self._set_status(Content.styled(" ".join(text.split()), "$text-muted"))

    def go_to(self, contact_id: int | None) -> None:
        """Highlight a contact; one just saved may only arrive with the next rows."""
        if contact_id is None:
            return
        try:
            self.option_list.highlighted = self.option_list.get_option_index(_option_id(contact_id))
        except OptionDoesNotExist:
            self._keep_id = contact_id

    def _restore_highlight(self, contact_id: int | None) -> None:
        options = self.option_list
        if not options.option_count:
            return
        index = 0
        if contact_id is not None:
            try:
                index = options.get_option_index(_option_id(contact_id))
            except OptionDoesNotExist:  # the contact left the list
                index = 0
        options.highlighted = index

    # -- search ------------------------------------------------------------------------

    @on(Input.Changed, "#finder-search")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        query = event.value.strip()
        if query == self._query:
            return
        self._query = query
        if not query:
            self._show_candidates(keep=False)
        else:
            self._keep_id = None
            self._to_top = True
            self._start_search(query)
        self._sync_bindings()

    @on(Input.Submitted, "#finder-search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.option_list.option_count:
            self.option_list.focus()

    def _start_search(self, query: str) -> None:
        live = live_index(self.app)
        if not live.ready:
            self._set_status(
                Content.styled(f"Indexing {len(self.board.contacts):,} contacts…", "$text-muted")
            )
        self._search(self.board, query)

    # A description of our own: by default @work repr()s the arguments on the UI thread,
    # and the repr of a 30,000-contact Board takes half a second.
    @work(thread=True, exclusive=True, group="finder-search", description="contact search")
    def _search(self, board: Board, query: str) -> None:
        matches = live_index(self.app).search(board, query, SEARCH_LIMIT)
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._show_results, board, query, matches)

    def _show_results(self, board: Board, query: str, matches: list[Match]) -> None:
        if query != self._query:
            return  # typed on meanwhile: a newer search is on its way
        options = self.option_list
        keep_id = self._keep_id if self._keep_id is not None else self.highlighted_id
        if self._to_top:
            keep_id, self._to_top = None, False
        self._keep_id = None
        attached = set(self.application.contact_ids) if self.application is not None else set()
        recipient = getattr(self.app, "recipient_id", None)
        by_id = board.contact_by_id
        self._results = [(by_id[m.contact_id], m) for m in matches if m.contact_id in by_id]
        rows: list[Option | None] = []
        for contact, match in self._results:
            cid = match.contact_id
            rows.append(
                Option(result_prompt(contact, match, cid in attached, cid == recipient), id=_option_id(cid))
            )
            rows.append(None)
        options.set_options(rows[:-1])
        self._restore_highlight(keep_id)
        if not self._results:
            self._set_status(
                Content.styled(f"No contact matches “{clean_line(query, 60)}”.", "$text-warning")
            )
        elif len(self._results) >= SEARCH_LIMIT:
            self._set_status(
                Content.styled(f"The best {SEARCH_LIMIT} of many matches: type more to narrow", "$text-muted")
            )
        else:
            noun = "match" if len(self._results) == 1 else "matches"
            self._set_status(
                Content.styled(f"{len(self._results)} {noun} in every contact, best first", "$text-muted")
            )
        self._sync_bindings()

    def _recipient_changed(self, _recipient_id: int | None) -> None:
        # On a new card the app sets the recipient just before it calls show_application:
        # the rows are rebuilt then, for the right card.
        if self._app_id != getattr(self.app, "selected_id", None):
            return
        if self._query:
            if self._results:
                board = self.board
                self._show_results(board, self._query, [m for _c, m in self._results])
        else:
            self._show_candidates(keep=True)

    # -- keys --------------------------------------------------------------------------

    def _typing(self) -> bool:
        return self.screen.focused is self.search_input

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_search":
            return bool(self._query or self.search_input.value)
        if action == "focus_list":
            return self._typing()
        if action not in _LIST_ACTIONS:
            return True
        if self._typing():
            return False  # these keys are text in the search box
        if action in ("choose", "edit_contact"):
            return True if self.highlighted_id is not None else None
        if action in ("attach", "detach"):
            application, cid = self.application, self.highlighted_id
            if application is None or cid is None:
                return None
            return (cid in application.contact_ids) == (action == "detach")
        return True

    @on(OptionList.OptionHighlighted, "#finder-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._sync_bindings()

    @on(OptionList.OptionSelected, "#finder-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def on_descendant_focus(self, event: Any) -> None:
        self._sync_bindings()
        if event.widget is self.search_input and not live_index(self.app).ready:
            self._warm_up(self.board)  # build the index while the user starts typing

    @work(thread=True, exclusive=True, group="finder-index", description="contact index")
    def _warm_up(self, board: Board) -> None:
        live_index(self.app).sync(board)

    def _sync_bindings(self) -> None:
        """Refresh the footer only when what it would show changed: a refresh rebuilds the
        footer's widgets (tens of milliseconds), too slow for every cursor move."""
        if not self.has_focus_within:
            self._bindings_state = None  # the footer shows other keys; focus coming back refreshes it
            return
        state = tuple(
            self.check_action(a, ()) for a in ("choose", "attach", "detach", "clear_search", "search")
        )
        if state != self._bindings_state:
            self._bindings_state = state
            self.refresh_bindings()

    def action_choose(self) -> None:
        contact = self.highlighted_contact
        if contact is None:
            return
        self.app.recipient_id = contact.id
        self.notify(f"Writing to {clean_line(contact.display_name, 80)}.", markup=False)

    def action_focus_list(self) -> None:
        """Down from the search box goes to the rows (the list handles its own down)."""
        self.option_list.focus()

    def action_search(self) -> None:
        self.search_input.focus()

    def action_clear_search(self) -> None:
        self.search_input.value = ""  # Input.Changed brings the candidates back
        self.option_list.focus()

    def action_attach(self) -> None:
        self._attach_or_detach(attach=True)

    def action_detach(self) -> None:
        self._attach_or_detach(attach=False)

    def _attach_or_detach(self, *, attach: bool) -> None:
        application, contact = self.application, self.highlighted_contact
        if application is None or contact is None or application.id is None or contact.id is None:
            return
        app_id, cid = application.id, contact.id
        if (cid in application.contact_ids) == attach:
            return
        who, what = clean_line(contact.display_name, 80), clean_line(application.title, 120)
        app: Any = self.app
        self._keep_id = cid

        def attach_it(store: Any) -> None:
            store.attach(app_id, cid)  # returns the application: not handed on, or the board takes focus

        def detach_it(store: Any) -> None:
            store.detach(app_id, cid)

        do, undo = (attach_it, detach_it) if attach else (detach_it, attach_it)
        done_text = f"Attached {who} to {what}." if attach else f"Detached {who} from {what}."
        undo_text = f"{'detach' if attach else 'attach'} {who}"
        app.persist(
            do, done=lambda _r: app.push_undo(undo_text, lambda: app.persist(undo)), success=done_text
        )

    def action_new_contact(self) -> None:
        from tui.ui.screens.contact_form import ContactForm, ContactFormResult

        application = self.application
        app: Any = self.app

        def saved(result: ContactFormResult | None) -> None:
            if result is None:
                return
            attach_id = application.id if (application is not None and result.attach) else None

            def add(store: Any) -> Contact:
                with store.transaction():
                    contact = store.add_contact(result.contact)
                    if attach_id is not None:
                        store.attach(attach_id, contact.id)
                return contact

            def done(contact: Contact) -> None:
                self.go_to(contact.id)
                if contact.id is not None:
                    cid = contact.id
                    app.push_undo(
                        f"add {contact.display_name}", lambda: app.persist(lambda s: s.delete_contact(cid))
                    )

            where = f", attached to {application.title}" if attach_id is not None and application else ""
            app.persist(
                add,
                done=done,
                success=f"Added {clean_line(result.contact.display_name, 80)}{clean_line(where, 140)}.",
            )

        form = ContactForm(
            others=self.board.contacts,
            attach_to=application.title if application is not None else None,
            company=application.company if application is not None else "",
        )
        app.push_screen(form, callback=saved)

    def action_edit_contact(self) -> None:
        contact = self.highlighted_contact
        if contact is None:
            return
        edit_contact(self.app, contact)

    def action_import_contacts(self) -> None:
        from tui.ui.screens.import_contacts import start_import

        start_import(self.app)

    def action_all_contacts(self) -> None:
        self.app.action_contacts()
