"""The capture prompt's history: the last lines saved, for up/down recall (DESIGN.md §7).

One line per entry, UTF-8, newest last, at most ``LIMIT`` entries. It lives in the
user state folder (platformdirs), or beside the config file when ``FOLLOWUP_CONFIG``
points somewhere else (a test, a second profile), so each profile keeps its own.

History is a convenience: reading a missing, unreadable or garbled file gives what
can be read (possibly nothing), and a failed write is reported by a False return,
never an exception. The file holds what was typed, contact emails included, so it
is created private (0600), like the store.
"""

from __future__ import annotations

import os
from pathlib import Path

LIMIT = 50
FILE_NAME = "capture-history.txt"
# A pasted wall of text is not worth recalling, and must not bloat the file.
MAX_LINE = 2_000


def history_path() -> Path:
    override = os.environ.get("FOLLOWUP_CONFIG")
    if override:
        return Path(override).expanduser().parent / FILE_NAME
    from platformdirs import user_state_path

    return user_state_path("followup", appauthor=False) / FILE_NAME


def clean_line(text: str) -> str:
    """One line: newlines, tabs and other control characters become spaces, runs collapse."""
    if not isinstance(text, str):
        return ""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def load_history(path: Path | None = None, limit: int = LIMIT) -> list[str]:
    """The newest ``limit`` entries, oldest first; [] for a missing or unreadable file."""
    path = path or history_path()
    try:
        raw = path.read_bytes()
    except (OSError, ValueError):
        return []
    text = raw.decode("utf-8", errors="replace")
    lines = [clean_line(line) for line in text.splitlines()]
    lines = [line for line in lines if line and len(line) <= MAX_LINE]
    return lines[-limit:] if limit > 0 else []


def remember(entries: list[str], line: str, limit: int = LIMIT) -> list[str]:
    """``entries`` with ``line`` as the newest; an earlier copy of it moves up, not doubled."""
    line = clean_line(line)
    if not line or len(line) > MAX_LINE:
        return list(entries[-limit:]) if limit > 0 else []
    kept = [e for e in entries if e != line]
    kept.append(line)
    return kept[-limit:] if limit > 0 else []


def append_history(line: str, path: Path | None = None, limit: int = LIMIT) -> bool:
    """Add ``line`` to the history file; False when it could not be written.

    The file is replaced atomically (``tui.store.fsio``), so a crash or a second
    prompt writing at the same moment leaves one whole version, never a torn one.
    """
    from tui.store.fsio import WriteError, save

    path = path or history_path()
    entries = remember(load_history(path, limit), line, limit)
    data = "".join(f"{e}\n" for e in entries).encode("utf-8")
    try:
        save(path, data, "the capture history")  # the one durable write: 0600, folders 0700
    except WriteError:
        return False
    return True


class HistoryBrowser:
    """Up/down through the history the way a shell does.

    Going up from the line being typed keeps it as a draft; coming back down past the
    newest entry gives the draft back. ``None`` means there is nothing further that way.
    """

    def __init__(self, entries: list[str]) -> None:
        self.entries = list(entries)
        self.index = len(self.entries)  # == len: on the draft, not on an entry
        self.draft = ""

    @property
    def browsing(self) -> bool:
        return self.index < len(self.entries)

    def older(self, current: str) -> str | None:
        if self.index == 0:
            return None
        if not self.browsing:
            self.draft = current
        self.index -= 1
        return self.entries[self.index]

    def newer(self) -> str | None:
        if not self.browsing:
            return None
        self.index += 1
        return self.entries[self.index] if self.browsing else self.draft

    def reset(self, entries: list[str] | None = None) -> None:
        if entries is not None:
            self.entries = list(entries)
        self.index = len(self.entries)
        self.draft = ""
