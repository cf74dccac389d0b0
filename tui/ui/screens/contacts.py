"""Every contact (DESIGN.md §5): a sortable table, a filter, and the applications each one
is attached to.

The rows are built in a worker thread (30,000 contacts take a fraction of a second, and
the screen is up and saying so meanwhile); the table draws only the visible lines, so
sorting or filtering all of them is immediate. ``1``–``5`` (or a click on a heading)
sort by name, company, title, role or number of applications, pressing it again
reverses; ``/`` filters (fuzzy, like the finder); ``enter`` edits, ``n`` adds, ``delete``
deletes (asking first), ``m`` merges (on one contact, then on the one to fold into it; it
asks first, and ``u`` undoes the last merge), ``escape`` goes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from tui.domain.board import Board
from tui.followup.contact_rows import SORTABLE, ContactRow, all_orders, clean_line
from tui.followup.finder import board_memo
from tui.followup.live_index import live_index
from tui.ui.contact_edit import edit_contact
from tui.ui.widgets.contact_table import ContactTable

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import FollowupApp

FILTER_LIMIT = 5_000
SHORT = 20  # rows: a shorter terminal hides the detail lines under the table
GOOD_MATCH = 0.25  # scores at or below are scattered-letter matches: shown only when nothing better
COLUMN_WORDS = {
    "name": "name",
    "company": "company",
    "title": "title",
    "role": "role",
    "count": "number of applications",
}
class ContactsScreen(Screen):
    if TYPE_CHECKING:  # self.app is the followup app (typed, no cast at run time)
        app = getters.app(FollowupApp)

    CSS_PATH = "contacts.tcss"
    BINDINGS = [
        Binding(
            "escape",
            "back",
            "Back",
            id="contacts.back",
            tooltip="Back to the board (esc clears a filter first)",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            id="contacts.filter",
            tooltip="Filter by name, company, title or email",
        ),
        Binding("n", "new_contact", "New", id="contacts.new", tooltip="Add a contact"),
        Binding(
            "delete",
            "delete_contact",
            "Delete",
            id="contacts.delete",
            tooltip="Delete the contact (asks first)",
        ),
        Binding(
            "m",
            "merge_contacts",
            "Merge",
            id="contacts.merge",
            tooltip="Merge two contacts that are one person: m on the one to keep, then m on the other",
        ),
        Binding("u", "undo_merge", "Undo merge", show=False, id="contacts.undo_merge"),
        Binding(
            "i",
            "import_contacts",
            "Import",
            id="contacts.import",
            tooltip="Import a Connections.csv or a .vcf",
        ),
        Binding(
            "1", "sort('name')", "Sort", key_display="1-5", id="contacts.sort_name", tooltip="Sort by name"
        ),
        Binding("2", "sort('company')", "Sort by company", show=False, id="contacts.sort_company"),
        Binding("3", "sort('title')", "Sort by title", show=False, id="contacts.sort_title"),
        Binding("4", "sort('role')", "Sort by role", show=False, id="contacts.sort_role"),
        Binding("5", "sort('count')", "Sort by applications", show=False, id="contacts.sort_count"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[ContactRow] | None = None  # in the current order; None until built
        self._orders: dict[str, list[ContactRow]] = {}  # column -> rows in its natural order
        self.matches: set[int] | None = None  # the filter's contact ids; None: no filter
        self.sort_column = "name"
        self.sort_reverse = False
        self._board: Board | None = None
        self._query = ""
        self._keep_id: int | None = None  # a contact to put the cursor on after the next reload
        self.merge_keep: int | None = None  # the contact a merge keeps, once ``m`` was pressed on it
        self.last_merge: Any = None  # the store's ContactMerge of the last merge, for ``u``

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Input(
            placeholder="filter: name, company, title or email — esc clears",
            id="contacts-filter",
            compact=True,
        )
        yield Static("", id="contacts-status")
        yield ContactTable(id="contacts-table", empty_text="Loading contacts…")
        yield Static("", id="contacts-detail")
        yield Footer()

    @property
    def table(self) -> ContactTable:
        return self.query_one(ContactTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#contacts-filter", Input)

    def on_resize(self, event: Any) -> None:
        self.set_class(event.size.height < SHORT, "-short")  # no room for the detail lines

    def on_mount(self) -> None:
        self.set_class(self.size.height < SHORT, "-short")
        self.sub_title = "Contacts"
        board: Board = self.app.board
        self._set_status(Content(f"Loading {len(board.contacts):,} contacts…"))
        self.table.focus()
        self.watch(self.app, "data_version", self._data_changed, init=False)
        # After the first paint: the build competes with the UI thread for the GIL.
        self.call_after_refresh(self._build, board)

    # -- rows ----------------------------------------------------------------------------

    def _data_changed(self) -> None:
        self._build(self.app.board)

    # A description of our own: by default @work repr()s the arguments on the UI thread,
    # and the repr of a 30,000-contact Board takes half a second.
    @work(thread=True, exclusive=True, group="contacts-rows", description="contact rows")
    def _build(self, board: Board) -> None:
        # Every column's order up front (about 50 ms each at 30,000 rows), so a sort key
        # press only picks a list; a reversed order is that list backwards. Kept with the
        # board snapshot, so the screen opens at once the next time.
        orders = board_memo(board, "contacts-screen", lambda: all_orders(board))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._built, board, orders)

    def _built(self, board: Board, orders: dict[str, list[ContactRow]]) -> None:
        self._board = board
        self._orders = orders
        self.all_rows = self._ordered()
        self.table.empty_text = "No contacts yet: n adds one, i imports a file."
        keep, self._keep_id = self._keep_id, None
        if self._query:
            self._filter(board, self._query, False)  # the contacts changed under the filter
        self._show(keep)

    def _show(self, keep_id: int | None = None, *, to_top: bool = False) -> None:
        if self.all_rows is None:
            return
        table = self.table
        keep = keep_id if keep_id is not None else (table.current.contact_id if table.current else None)
        if to_top:
            keep = None
            table.set_cursor(0)
        rows = self.all_rows
        if self.matches is not None:
            rows = [r for r in rows if r.contact_id in self.matches]
            table.empty_text = f"No contact matches “{clean_line(self._query, 60)}”."
        table.set_sort(self.sort_column, self.sort_reverse)
        table.set_rows(rows, keep_id=keep)
        total = len(self.all_rows)
        order = f"sorted by {COLUMN_WORDS[self.sort_column]}" + (", reversed" if self.sort_reverse else "")
        if self.matches is None:
            head = f"{total:,} contact{'s' if total != 1 else ''}"
        else:
            head = f"{len(rows):,} of {total:,} contacts match “{clean_line(self._query, 60)}”"
        self._set_status(
            Content.assemble(
                (head, "bold"),
                (f" · {order} · 1–5 or a click on a heading sorts, again reverses", "$text-muted"),
            )
        )
        self._show_detail(table.current)

    def go_to(self, contact_id: int | None) -> None:
        """Put the cursor on a contact; one just saved may only arrive with the next rows."""
        index = self.table.index_of(contact_id)
        if index is not None:
            self.table.set_cursor(index)
        else:
            self._keep_id = contact_id

    def _set_status(self, content: Content) -> None:
        self.query_one("#contacts-status", Static).update(content)

    @on(ContactTable.Highlighted)
    def _highlighted(self, event: ContactTable.Highlighted) -> None:
        self._show_detail(event.row)

    def _show_detail(self, row: ContactRow | None) -> None:
        detail = self.query_one("#contacts-detail", Static)
        board = self._board
        contact = board.contact_by_id.get(row.contact_id) if (row is not None and board is not None) else None
        if contact is None:
            detail.update("")
            return
        values = [p["value"] for p in (*contact.emails, *contact.phones, *contact.profiles)]
        reach = " · ".join(clean_line(v, 120) for v in (*values, contact.twitter) if v)
        apps = [a for a in board.applications if contact.id in a.contact_ids]
        parts: list[str | tuple[str, str]] = [
            (clean_line(contact.display_name, 120), "bold"),
            (f" · {row.role}", "italic $text-accent" if row.inferred else "$text-accent"),
            "\n",
            (reach or "no email, phone or profile on file", "" if reach else "$text-warning"),
            "\n",
        ]
        if apps:
            parts.append(("Attached to: ", "$text-muted"))
            parts.append("; ".join(clean_line(f"{a.role} @ {a.company} ({a.stage})", 120) for a in apps))
        else:
            parts.append(("Not attached to any application.", "$text-muted"))
        if contact.notes:
            parts.append(("\nNotes: ", "$text-muted"))
            parts.append(clean_line(contact.notes, 200))
        detail.update(Content.assemble(*parts))

    # -- sorting and filtering -------------------------------------------------------------

    def action_sort(self, column: str) -> None:
        if column not in SORTABLE or self.all_rows is None:
            return
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self.all_rows = self._ordered()
        self._show()

    def _ordered(self) -> list[ContactRow]:
        rows = self._orders[self.sort_column]
        return rows[::-1] if self.sort_reverse else rows

    @on(ContactTable.SortRequested)
    def _sort_clicked(self, event: ContactTable.SortRequested) -> None:
        self.action_sort(event.column)

    def action_filter(self) -> None:
        self.filter_input.focus()

    @on(Input.Changed, "#contacts-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._query = event.value.strip()
        if not self._query:
            self.matches = None
            self._show()  # the cursor stays on whoever the filter found
            return
        board = self._board or self.app.board
        self._filter(board, self._query, True)

    @on(Input.Submitted, "#contacts-filter")
    def _filter_submitted(self) -> None:
        self.table.focus()

    @work(thread=True, exclusive=True, group="contacts-filter", description="contact filter")
    def _filter(self, board: Board, query: str, to_top: bool) -> None:
        found = live_index(self.app).search(board, query, FILTER_LIMIT)
        good = {m.contact_id for m in found if m.score > GOOD_MATCH}
        ids = good or {m.contact_id for m in found}
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._filtered, query, ids, to_top)

    def _filtered(self, query: str, ids: set[int], to_top: bool) -> None:
        if query != self._query:
            return
        self.matches = ids
        self._show(to_top=to_top)

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.merge_keep is not None:
            self.merge_keep = None
            self.notify("Merge cancelled.", timeout=3)
            return
        if self.filter_input.value:
            self.filter_input.value = ""
            self.table.focus()
            return
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.focused is self.filter_input
        text_keys = ("new_contact", "delete_contact", "import_contacts", "sort", "filter")
        if typing and action in (*text_keys, "merge_contacts", "undo_merge"):
            return False  # keys that are text in the filter
        if action == "delete_contact":
            return True if self.table.current is not None else None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(ContactTable.Selected)
    def _edit(self, event: ContactTable.Selected) -> None:
        board = self.app.board
        contact = board.contact_by_id.get(event.row.contact_id) if event.row else None
        if contact is not None:
            edit_contact(self.app, contact)

    def action_new_contact(self) -> None:
        from tui.ui.screens.contact_form import ContactForm, ContactFormResult

        app: Any = self.app

        def saved(result: ContactFormResult | None) -> None:
            if result is None:
                return

            def done(contact: Any) -> None:
                self.go_to(contact.id)

            app.persist(
                lambda s: s.add_contact(result.contact),
                done=done,
                success=f"Added {clean_line(result.contact.display_name, 80)}.",
            )

        app.push_screen(ContactForm(others=app.board.contacts), callback=saved)

    def action_delete_contact(self) -> None:
        row = self.table.current
        board = self.app.board
        contact = board.contact_by_id.get(row.contact_id) if row is not None else None
        if contact is None:
            return
        from tui.ui.screens.confirm import ConfirmScreen

        app: Any = self.app
        cid = contact.id
        n = row.count if row is not None else 0
        detail = (
            f"It is detached from the {n} application{'s' if n != 1 else ''} it is attached to. " if n else ""
        ) + "This cannot be undone."

        def confirmed(yes: bool | None) -> None:
            if yes:
                app.persist(
                    lambda s: s.delete_contact(cid),
                    success=f"Deleted {clean_line(contact.display_name, 80)}.",
                )

        app.push_screen(
            ConfirmScreen(f"Delete {clean_line(contact.display_name, 80)}?", detail, yes="Delete"),
            callback=confirmed,
        )

    def action_merge_contacts(self) -> None:
        row = self.table.current
        board = self.app.board  # type: ignore[attr-defined]
        contact = board.contact_by_id.get(row.contact_id) if row is not None else None
        if contact is None:
            return
        if self.merge_keep is None or self.merge_keep not in board.contact_by_id:
            self.merge_keep = contact.id
            self.notify(
                f"Merging into {clean_line(contact.display_name, 60)}: move to the contact that is the same "
                "person and press m again (esc cancels).",
                title="Merge",
                timeout=8,
            )
            return
        keep = board.contact_by_id[self.merge_keep]
        if keep.id == contact.id:
            self.notify("Pick another contact to merge into this one (esc cancels).", timeout=4)
            return
        from tui.io.importers.merge import merge_pair
        from tui.ui.screens.confirm import ConfirmScreen

        app: Any = self.app
        keep_id, other_id = keep.id, contact.id
        detail = (
            f"{clean_line(contact.display_name, 60)}'s addresses, applications and events go to "
            f"{clean_line(keep.display_name, 60)}; what differs is kept in the notes. u undoes it."
        )

        def confirmed(yes: bool | None) -> None:
            self.merge_keep = None
            if not yes:
                return

            def change(store: Any) -> Any:
                with store.transaction():
                    merged = merge_pair(store.get_contact(keep_id), store.get_contact(other_id))
                    return store.merge_contacts(merged, other_id)

            def done(undo: Any) -> None:
                self.last_merge = undo
                self.go_to(keep_id)

            app.persist(change, done=done, success=f"Merged {clean_line(contact.display_name, 60)} into "
                        f"{clean_line(keep.display_name, 60)} (u undoes).")

        app.push_screen(
            ConfirmScreen(
                f"Merge {clean_line(contact.display_name, 60)} into {clean_line(keep.display_name, 60)}?",
                detail,
                yes="Merge",
            ),
            callback=confirmed,
        )

    def action_undo_merge(self) -> None:
        undo, self.last_merge = self.last_merge, None
        if undo is None:
            self.notify("No merge to undo.", timeout=3)
            return
        app: Any = self.app
        app.persist(
            lambda s: s.unmerge_contacts(undo),
            done=lambda _result: self.go_to(undo.gone.id),
            success=f"Undid the merge: {clean_line(undo.gone.display_name, 60)} is back.",
        )

    def action_import_contacts(self) -> None:
        from tui.ui.screens.import_contacts import start_import

        start_import(self.app)
