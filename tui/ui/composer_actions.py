"""The composer's ways out that touch the disk or the store (DESIGN.md §6).

Saving an ``.eml`` draft (asks where once, remembers the folder, never overwrites),
logging a message as sent (with an undo), and saving or resetting the user's own
template. Each takes the app and plain values and reports back through a callback,
so the pane keeps only the draft's state. Every write goes through ``app.persist``
or a thread worker: errors become a toast, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from tui.domain.errors import InputError
from tui.domain.models import Application, Contact, Event, Template
from tui.followup.composer import Draft
from tui.followup.composer_options import address, eml_target, write_new_file

# --- the .eml draft ---------------------------------------------------------------------


def save_eml(app: Any, draft: Draft, application: Application, contact: Contact | None) -> None:
    """Write the draft as an ``.eml`` into the remembered folder, or ask where the first time
    (default: the documents folder's ``followup`` and ``default_eml_name``), then remember it."""
    from tui.io.outbox import default_eml_name, to_eml
    from tui.ui.screens.export import PathPrompt

    me = app.settings.me
    try:
        data = to_eml(draft, contact.name if contact else "", address(contact, "email"), me.name, me.email)
    except InputError as exc:
        app.notify(f"Cannot write the draft: {exc}", severity="error", markup=False)
        return
    name = default_eml_name(application, app.today)
    remembered = app.settings.eml_dir
    folder = Path(remembered).expanduser() if remembered else None
    if folder is not None and folder.is_dir():
        _write_eml(app, folder / name, data, remember=False)
        return
    if folder is None:
        from tui.domain.paths import documents_folder

        folder = documents_folder()
    start = folder

    def chosen(value: str | None) -> None:
        if value:
            _write_eml(app, eml_target(value, start, name).resolve(), data, remember=True)

    app.push_screen(PathPrompt("Save the .eml draft as…", str(start / name)), callback=chosen)


def _write_eml(app: Any, path: Path, data: bytes, *, remember: bool) -> None:
    def write() -> None:
        from tui.domain.paths import documents_folder
        from tui.store.fsio import make_dirs

        try:
            if path.parent == documents_folder():  # ours to create (0700); a folder typed must exist
                make_dirs(path.parent)
            written = write_new_file(path, data)
        except OSError as exc:
            app.call_from_thread(_eml_failed, app, path, exc)
            return
        app.call_from_thread(_eml_written, app, written, remember)

    app.run_worker(write, thread=True, group="composer-eml")


def _eml_written(app: Any, path: Path, remember: bool) -> None:
    folder = str(path.parent)
    if remember and folder != app.settings.eml_dir:
        app.settings.eml_dir = folder
        app._save_choice("eml_dir", folder)
    app.notify(f"Draft saved to {path}: open it in your mail client to send.", markup=False, timeout=8)


def _eml_failed(app: Any, path: Path, exc: OSError) -> None:
    if app.settings.eml_dir and Path(app.settings.eml_dir).expanduser() == path.parent:
        app.settings.eml_dir = ""  # the remembered folder is gone: ask again next time
    app.notify(
        f"Could not save the draft to {path.parent}: {exc.strerror or exc}. ctrl+f asks for another place.",
        severity="error",
        markup=False,
        timeout=8,
    )


# --- mark sent ----------------------------------------------------------------------------


def log_sent(
    app: Any,
    event: Event,
    summary: str,
    *,
    then: Callable[[Event], None],
    failed: Callable[[], None] | None = None,
) -> None:
    """Add the event (the app reloads and the next action moves on), leave an undo, then ``then``."""

    def done(saved: Event) -> None:
        event_id = saved.id
        app.push_undo(f"unmark the {summary}", lambda: app.persist(lambda s: s.delete_event(event_id)))
        then(saved)

    app.persist(
        lambda s: s.add_event(event),
        done=done,
        failed=failed,
        success=f"Logged: {summary}, today. Undo: u on the board, or Undo in ctrl+p.",
    )


def offer_close_withdrawn(app: Any, app_id: int) -> None:
    from tui.ui.screens.confirm import ConfirmScreen

    def answered(yes: bool | None) -> None:
        if yes:
            app.move_card(app_id, "closed", "withdrawn")

    app.push_screen(
        ConfirmScreen("Close this application as withdrawn?", "It moves to Closed.", yes="Close"),
        callback=answered,
    )


# --- the user's templates -------------------------------------------------------------------


def store_template(
    app: Any, template: Template, *, replaces_default: bool, then: Callable[[Template], None]
) -> None:
    """Add the user's template, or update it when it has an id (one of the same name)."""
    if template.id is not None:
        change: Callable[[Any], Template] = lambda s: s.update_template(template)  # noqa: E731
    else:
        change = lambda s: s.add_template(template)  # noqa: E731
    note = "it replaces the shipped one of that name" if replaces_default else "ctrl+t lists it"
    app.persist(change, done=then, success=f"Saved as your template “{template.name}”: {note}.")


def reset_template(app: Any, mine: Template, shipped: Template | None, *, then: Callable[[], None]) -> None:
    """Ask, then delete the user's template (the shipped one of that name comes back); undoable."""
    from tui.ui.screens.confirm import ConfirmScreen

    if shipped is not None:
        question = f"Reset “{mine.name}” to the shipped default?"
        detail = "Your version is deleted and the draft is filled in again from the shipped one."
    else:
        question = f"Delete your template “{mine.name}”?"
        detail = "The draft is filled in again from the template the next action suggests."
    gone = replace(mine, id=None)
    mine_id = mine.id

    def done(_result: object) -> None:
        app.push_undo(
            f"restore your template “{gone.name}”", lambda: app.persist(lambda s: s.add_template(gone))
        )
        then()

    def answered(yes: bool | None) -> None:
        if yes:
            app.persist(
                lambda s: s.delete_template(mine_id),
                done=done,
                success=f"Deleted your template “{mine.name}”. Undo: u on the board.",
            )

    app.push_screen(
        ConfirmScreen(question, detail, yes="Reset" if shipped is not None else "Delete"), callback=answered
    )
