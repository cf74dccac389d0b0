"""The one function that makes text from outside safe to show on a terminal.

Names, notes and postings come from other people (a LinkedIn CSV, a vCard, a JSON
export someone sent, a pasted posting). Written to a terminal as they are, an ESC,
BEL or 8-bit CSI in them is an instruction to the terminal: an OSC 52 clipboard
write, a new window title, a cleared screen, an OSC 8 link to a foreign host.

The choice here: such characters are **shown visibly, never dropped**, so the user
sees that the text holds something odd and what it is, and no two different names
look the same. C0 controls and DEL become their Unicode control pictures (one cell
each: ESC → ``␛``, BEL → ``␇``, CR → ``␍``); C1 controls (0x80–0x9f, the 8-bit
forms of ESC sequences, such as CSI 0x9b) are shown as ``␛`` too; a lone surrogate
(which no terminal encoding can write) becomes ``�``. One character for one, so
offsets into a one-line text (search highlights) stay right. Tab is kept; a newline is kept only
where the text is shown on several lines (``multiline=True``), otherwise it is shown
as ``␊`` so a name cannot forge a second output line. The stored text never changes:
this is applied only where the text is printed or rendered.
"""

from __future__ import annotations

import re

# Everything a terminal may read as a control, except tab (harmless) and newline (handled apart).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    cp = ord(match.group())
    if cp < 0x20:
        return chr(0x2400 + cp)  # the control pictures block: U+2400 NUL … U+241F US
    if cp == 0x7F:
        return "\u2421"  # ␡
    if cp <= 0x9F:
        return "\u241b"  # ␛: a C1 control is the 8-bit form of an ESC sequence
    return "\ufffd"  # a lone surrogate


def safe_text(text: object, *, multiline: bool = False) -> str:
    """``text`` with every terminal control shown visibly (see the module docstring).

    ``multiline`` keeps newlines (a CR LF pair becomes one newline; a lone CR, which
    would let a line overwrite itself, is shown as ``␍``). Text with nothing to change
    is returned as it is, so this is cheap on the common path.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if multiline:
        if "\r\n" in text:
            text = text.replace("\r\n", "\n")
        pattern = _UNSAFE_MULTILINE
    else:
        pattern = _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_visible, text)


def safe_json_text(text: str) -> str:
    """JSON text with C1 controls, DEL and lone surrogates escaped as ``\\uXXXX``.

    ``json.dumps(..., ensure_ascii=False)`` already escapes C0 controls but writes C1
    ones (an 8-bit CSI) raw. The escaped form parses back to the very same string, so
    the data is unchanged; only its spelling is terminal-safe.
    """
    return re.sub("[\x7f-\x9f\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


__all__ = ["safe_json_text", "safe_text"]
