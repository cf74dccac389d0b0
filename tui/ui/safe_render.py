"""Edit fields show other people's text safely, and still edit the text as it is.

An ``Input`` or ``TextArea`` holding a stored name or posting must keep the real value
(saving a form must not rewrite an ESC the user never touched), yet must not draw it:
the cell the field paints goes through ``tui.domain.safe_text`` (ESC → ``␛``), which
maps one character to one, so the cursor and selection offsets stay right.

``install()`` puts this in place once for every field of the app (Textual is pinned,
and these are the two methods each field draws its text through). It also sets the last
line of defence: a control character that still reaches a strip about to be written to
the terminal (a toast quoting a name, a widget nobody routed through ``safe_text``) is
dropped there. It has no width, so the layout stays as it was; the visible form is the
job of ``safe_text`` where the text is put on screen.
"""

from __future__ import annotations

import re

from tui.domain.safe_text import safe_text

# What a terminal would obey inside text: C0 but tab and newline, DEL, C1.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

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

    from rich.segment import Segment
    from textual.strip import Strip

    render = Strip.render

    def _safe_render(self, console):  # type: ignore[no-untyped-def]
        if self._render_cache is None:
            search = _CONTROL.search
            if any(control is None and search(text) for text, _style, control in self._segments):
                self._segments = [
                    Segment(_CONTROL.sub("", text), style, None)
                    if control is None
                    else Segment(text, style, control)
                    for text, style, control in self._segments
                ]
        return render(self, console)

    Strip.render = _safe_render  # type: ignore[method-assign]
    _installed = True
