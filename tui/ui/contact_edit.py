"""Edit a contact in its form and save it with an undo (shared by the finder and the contacts screen)."""

from __future__ import annotations

from typing import Any

from tui.domain.models import Contact
from tui.followup.contact_rows import clean_line


def edit_contact(app: Any, contact: Contact) -> None:
    """Open the form on ``contact``; save through ``app.persist`` with an undo."""
    from tui.ui.screens.contact_form import ContactForm, ContactFormResult

    before = contact

    def saved(result: ContactFormResult | None) -> None:
        if result is None or result.contact == before:
            return
        changed = result.contact
        app.persist(
            lambda s: s.update_contact(changed),
            done=lambda _c: app.push_undo(
                f"edit of {before.display_name}", lambda: app.persist(lambda s: s.update_contact(before))
            ),
            success=f"Saved {clean_line(changed.display_name, 80)}.",
        )

    app.push_screen(ContactForm(contact, others=app.board.contacts), callback=saved)
