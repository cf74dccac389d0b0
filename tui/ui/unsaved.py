"""What a screen the user types into says about its unsaved text, for the app's ctrl+q.

A screen that holds typed text (a form, a dialog) has ``unsaved_words()``: None when
nothing is typed since it opened, else the text in words ("the contact you were
typing"). The app asks every screen on the stack before it quits; esc on the screen
itself asks through its own confirmation.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class HoldsTypedText(Protocol):
    def unsaved_words(self) -> str | None: ...
