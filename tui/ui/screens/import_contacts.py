"""Import contacts from the app (DESIGN.md §5): a file prompt, the merge, and a report.

``ImportPrompt`` asks for a LinkedIn ``Connections.csv`` or a ``.vcf``, reads it in a
worker thread and stays open with the reason when the file is wrong (a malformed file
changes nothing). ``run_import`` merges what was read into the store through
``app.persist`` (the same plan and saving as ``followup import``: one person, one
contact) and ``ImportReport`` shows what was added, updated, merged, possibly duplicated
and skipped, and why; each count is the number of rows listed under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tui.domain.errors import FollowupError, InputError
from tui.domain.models import Contact
from tui.io.importers import ParsedContacts
from tui.io.importers.merge import MergePlan

SUFFIXES = {".csv": "linkedin", ".vcf": "vcard", ".vcard": "vcard"}
SHOWN = 200  # rows listed per section of the report; the rest are counted
COMPARED = ("name", "title", "company", "twitter", "notes")
LISTS = (("emails", "email"), ("phones", "phone"), ("profiles", "profile"))


@dataclass
class ParsedImport:
    """A file read and parsed, not yet merged: its name and what the reader made of it."""

    label: str
    parsed: ParsedContacts


def resolve_import_path(text: str, cwd: Path | None = None) -> Path:
    """The file to import from what was typed; an ``InputError`` says what is wrong."""
    text = text.strip().strip("'\"")  # a path pasted from a file manager comes quoted
    if not text:
        raise InputError("Type the path of a Connections.csv or a .vcf file.")
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = (cwd or Path.cwd()) / path
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(
            f"{path.name}: not a file the finder imports; it takes LinkedIn's Connections.csv (.csv) "
            "or contacts (.vcf). A followup backup (.json) is restored with `followup import`."
        )
    try:
        if path.is_dir():
            raise InputError(f"{path.name} is a folder: pick the file in it.")
        if not path.is_file():
            raise InputError(f"No such file: {path}")
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise InputError(f"Cannot read {path.name}: {getattr(exc, 'strerror', None) or exc}") from None
    return path


def read_import_file(path: Path) -> ParsedImport:
    """Parse ``path`` as a LinkedIn export or vCards; ``InputError`` when it is malformed."""
    try:
        if SUFFIXES[path.suffix.lower()] == "vcard":
            from tui.io.importers.vcard import read_vcards

            parsed = read_vcards(path)
        else:
            from tui.io.importers.linkedin_csv import read_connections_csv

            parsed = read_connections_csv(path)
    except OSError as exc:
        raise InputError(f"Cannot read {path.name}: {exc.strerror or exc}") from None
    return ParsedImport(path.name, parsed)


def import_change(parsed: ParsedImport) -> Any:
    """The store write of an import: plan the merge against what is stored now, under the
    store's lock, and save it in one write (nothing when there is nothing new)."""
    from tui.io.importers.merge import plan_merge
    from tui.io.importers.report import apply_plan

    def change(store: Any) -> MergePlan:
        with store.transaction():
            plan = plan_merge(store.board().contacts, parsed.parsed.contacts)
            if plan.added or plan.updated or plan.merged:
                plan.ids = apply_plan(store, plan)  # type: ignore[attr-defined]
        return plan

    return change


def report_summary(parsed: ParsedImport, plan: MergePlan) -> str:
    """ "added 7, updated 1, merged 2, possible duplicates 1, skipped 3 (2 already up to
    date, 1 unreadable line)": the same line as ``followup import`` prints."""
    return plan.summary(parsed.parsed.skipped)


def changes(old: Contact, new: Contact) -> str:
    """What an update changed, in words: "title: Recruiter → Senior Recruiter; phone added"."""
    parts = []
    for name in COMPARED:
        before, after = getattr(old, name) or "", getattr(new, name) or ""
        if before == after:
            continue
        if not before:
            parts.append(f"{name} added")
        elif name == "notes":
            parts.append("notes changed")
        else:
            parts.append(f"{name}: {_one_line(before)} → {_one_line(after)}")
    for name, word in LISTS:
        had = {p["value"].casefold() for p in getattr(old, name)}
        parts.extend(f"{word} added: {_one_line(p['value'], 40)}" for p in getattr(new, name)
                     if p["value"].casefold() not in had)
    return "; ".join(parts) or "no visible change"


def _one_line(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def report_content(parsed: ParsedImport, plan: MergePlan) -> Content:
    """The report's body: each section with its rows, the skipped ones with their reason."""
    out: list[str | tuple[str, str]] = []

    def section(title: str, rows: list[str]) -> None:
        if not rows:
            return
        if out:
            out.append("\n\n")
        out.append((f"{title} ({len(rows):,})", "bold"))
        for row in rows[:SHOWN]:
            out.append("\n  " + row)
        if len(rows) > SHOWN:
            out.append((f"\n  … and {len(rows) - SHOWN:,} more", "$text-muted"))

    lines = parsed.parsed.lines

    def at(c: Contact) -> str:
        line = lines.get(id(c))
        return f"line {line}: " if line else ""

    section("Added", [f"{at(c)}{_who(c)}" for c in plan.added])
    section("Updated", [f"{_who(new)}: {changes(old, new)}" for old, new in plan.updated])
    merged = [f"{at(c)}{_who(c)}: {reason}" for c, reason in plan.folded]
    merged += [f"#{g} folded into #{kept}: the file shows they are one person" for kept, gone in plan.merged
               for g in gone]
    section("Merged", merged)
    section(
        "Possible duplicates",
        [f"{_who(d.contact)} and {_who(d.other)}: {d.reason} (merge them in the contacts screen: m)"
         for d in plan.possible],
    )
    skipped = [f"line {line}: {reason}" for line, reason in parsed.parsed.skipped]
    skipped += [f"{at(c)}{_who(c)}: {reason}" for c, reason in plan.skipped]
    section("Skipped", skipped)
    if not out:
        out.append(("The file holds no contacts.", "$text-muted"))
    return Content.assemble(*out)


def _who(contact: Contact) -> str:
    name = _one_line(contact.display_name or "(no name)", 40)
    where = _one_line(contact.company, 40) if contact.company else ""
    return f"{name}, {where}" if where else name


class ImportPrompt(ModalScreen[ParsedImport | None]):
    """Ask for the file; read it in a thread; stay open with the reason when it is wrong."""

    CSS_PATH = "import_contacts.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="import.cancel")]
    last_folder: str = ""  # remembered for the next import, while the app runs

    def __init__(self, cwd: Path | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.cwd = cwd or Path.cwd()
        self._reading = False

    def compose(self) -> ComposeResult:
        start = ImportPrompt.last_folder or str(self.cwd)
        with Vertical(classes="dialog", id="import-prompt"):
            yield Label("Import contacts", classes="dialog-title")
            yield Static(
                Content(
                    "LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data) "
                    "or a .vcf from an address book, in any encoding. One person, one contact: "
                    "merged by any address, or by name with the company; namesakes are listed."
                ),
                id="import-hint",
            )
            yield Input(start.rstrip("/") + "/", id="import-path")
            yield Static("", id="import-error")
            yield Label("enter imports · esc cancels", classes="dialog-detail")

    def on_mount(self) -> None:
        self.query_one("#import-error", Static).display = False
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._reading:
            return
        try:
            path = resolve_import_path(event.value, self.cwd)
        except InputError as exc:
            self.show_error(str(exc))
            return
        self._reading = True
        self.show_error("")
        self.query_one("#import-path", Input).disabled = True
        self._read(path)

    def show_error(self, message: str, *, busy: bool = False) -> None:
        error = self.query_one("#import-error", Static)
        error.display = bool(message)
        error.set_class(busy, "-busy")
        error.update(Content(message))

    @work(thread=True, exclusive=True, group="import-read", description="read an import file")
    def _read(self, path: Path) -> None:
        self.app.call_from_thread(self.show_error, f"Reading {path.name}…", busy=True)
        try:
            result: ParsedImport | str = read_import_file(path)
        except FollowupError as exc:
            result = str(exc)
        except Exception as exc:
            result = f"{path.name}: could not be read ({type(exc).__name__}: {exc})"
        self.app.call_from_thread(self._read_done, path, result)

    def _read_done(self, path: Path, result: ParsedImport | str) -> None:
        self._reading = False
        field = self.query_one("#import-path", Input)
        field.disabled = False
        if isinstance(result, str):
            self.show_error(result + "\nNothing was imported.")
            field.focus()
            return
        ImportPrompt.last_folder = str(path.parent)
        self.dismiss(result)


class ImportReport(ModalScreen[None]):
    """What an import did: added, updated, merged, possibly duplicated and skipped contacts."""

    CSS_PATH = "import_contacts.tcss"
    BINDINGS = [Binding("escape,enter,q", "dismiss(None)", "Close", id="import.close")]

    def __init__(self, parsed: ParsedImport, plan: MergePlan) -> None:
        super().__init__(classes="dialog-screen")
        self.parsed = parsed
        self.plan = plan

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-report"):
            yield Label(Content(f"Imported {self.parsed.label}"), classes="dialog-title")
            yield Static(Content(report_summary(self.parsed, self.plan)), id="import-summary")
            with VerticalScroll(id="import-rows"):
                yield Static(report_content(self.parsed, self.plan), id="import-body")
            yield Button("Close (esc)", id="import-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#import-rows").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)


def start_import(app: Any) -> None:
    """The whole import from a key press: prompt, merge through ``app.persist``, report."""

    def chosen(parsed: ParsedImport | None) -> None:
        if parsed is None:
            return

        def done(plan: MergePlan) -> None:
            summary = report_summary(parsed, plan)
            app.notify(f"{parsed.label}: {summary}", title="Import", markup=False, timeout=8)
            app.push_screen(ImportReport(parsed, plan))

        app.persist(import_change(parsed), done=done)

    app.push_screen(ImportPrompt(), callback=chosen)
