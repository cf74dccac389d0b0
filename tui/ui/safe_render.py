"""Edit fields show other people's text safely, and still edit the text as it is.

An ``Input`` or ``TextArea`` holding a stored name or posting must keep the real value
(saving a form must not rewrite an ESC the user never touched), yet must not draw it:
the cell the field paints goes through ``tui.domain.safe_text`` (ESC → ``␛``), which
maps one character to one, so the cursor and selection offsets stay right.

``install()`` puts this in place once for every field of the app (Textual is pinned,
and these are the two methods each field draws its text through).
"""

from __future__ import annotations

from tui.domain.safe_text import safe_text

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from textual.widgets import Input, TextArea

    value_of = Input._value.fget  # type: ignore[attr-defined]

    def _safe_value(self):  # type: ignore[no-untyped-def]
        text = value_of(self)
        shown = safe_text(text.plain)
        if shown is not text.plain and shown != text.plain:
            text.plain = shown  # same length: the highlighter's spans stay where they were
        return text

    Input._value = property(_safe_value)  # type: ignore[assignment]

    line_of = TextArea.get_line

    def _safe_line(self, line_index: int):  # type: ignore[no-untyped-def]
        text = line_of(self, line_index)
        shown = safe_text(text.plain)
        if shown != text.plain:
            text.plain = shown
        return text

    TextArea.get_line = _safe_line  # type: ignore[method-assign]
    _installed = True
