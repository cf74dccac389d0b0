"""Contact importers (DESIGN.md §5): files in, ``Contact`` objects out.

The readers are pure: they parse LinkedIn's ``Connections.csv`` (``linkedin_csv``) or
vCard files (``vcard``) into contacts and never touch the store; ``merge.plan_merge``
decides what is new, what updates an existing contact and what to leave alone. The
submodules are imported on use, so this package costs nothing at start-up.

A file that is not what it claims to be raises ``ImportFormatError`` (nothing imported);
a bad row or card is skipped with its line number and a reason, the rest imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tui.domain.errors import ImportFormatError, InputError
from tui.domain.models import Contact

__all__ = ["ImportFormatError", "ParsedContacts", "Source", "load_text", "read_contacts"]

# What a reader takes: a path, the file's bytes, or its text.
Source = str | bytes | os.PathLike[str]


@dataclass
class ParsedContacts:
    """What a reader made of a file: the contacts, and the rows it skipped as (line, reason)."""

    contacts: list[Contact] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


def load_text(source: Source, what: str = "import file") -> tuple[str, str]:
    """(text, label) from a path, raw bytes or the text itself.

    A ``str`` is a path only when it is one line naming an existing file; anything else
    is taken as the file's content. The label names the file in messages. Bytes must be
    UTF-8 (a BOM is fine) or UTF-16 with a BOM; a NUL byte means it is not text.
    """
    label = what
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and len(source) < 4096 and os.path.isfile(source)
    ):
        path = Path(source)
        label = path.name
        from tui.store.fsio import NotAFileError, read_regular_file, reason

        try:
            source = read_regular_file(path)  # a FIFO or a device is refused, never read forever
        except FileNotFoundError:
            raise InputError(f"{label}: no such file.") from None
        except IsADirectoryError:
            raise InputError(f"{label}: a folder, not a file.") from None
        except NotAFileError as exc:
            raise InputError(f"{label}: {exc.strerror}; nothing was read.") from None
        except OSError as exc:
            raise InputError(f"{label}: cannot be read ({reason(exc)}).") from None
    if isinstance(source, bytes | bytearray):
        source = _decode(bytes(source), label)
    if not isinstance(source, str):
        raise InputError(f"{label}: expected a file path or its text, got {type(source).__name__}.")
    if "\x00" in source:
        raise ImportFormatError(f"{label}: not a text file (it holds NUL bytes).")
    return source.removeprefix("\ufeff"), label


def _decode(raw: bytes, label: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFormatError(f"{label}: not valid UTF-16 text.") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ImportFormatError(
            f"{label}: line {line}: byte 0x{raw[exc.start]:02x} is not UTF-8; "
            "this is not a text file, or it was saved in another encoding (export it again as UTF-8)."
        ) from None


def read_contacts(source: Source) -> ParsedContacts:
    """Read a LinkedIn ``Connections.csv`` or a vCard file, whichever it turns out to be."""
    text, label = load_text(source)
    if "begin:vcard" in text[:4096].lower():
        from tui.io.importers.vcard import read_vcards

        return read_vcards(text, label=label)
    from tui.io.importers.linkedin_csv import read_connections_csv

    return read_connections_csv(text, label=label)
