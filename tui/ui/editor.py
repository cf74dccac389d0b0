"""The ``$VISUAL`` / ``$EDITOR`` round trip: suspend the app, edit a temp file, resume.

``App.suspend()`` raises ``SuspendNotSupported`` where the terminal cannot be handed
over (the headless test driver, textual-web); that becomes an ``EditorError`` whose
message says so, like every other way the round trip can fail, so the caller only
has to show it. Tests stub ``app.suspend`` and point ``EDITOR`` at a script.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

FALLBACK_EDITORS: tuple[str, ...] = ("nano", "vi")


class EditorError(Exception):
    """The edit did not happen; the message is for the user."""


def editor_command(environ: dict[str, str] | os._Environ[str] | None = None) -> list[str] | None:
    """``$VISUAL``, else ``$EDITOR`` (either may carry arguments, e.g. ``code --wait``), else
    nano or vi if installed; None when there is nothing to run."""
    env = os.environ if environ is None else environ
    for var in ("VISUAL", "EDITOR"):
        raw = env.get(var, "").strip()
        if not raw:
            continue
        try:
            parts = shlex.split(raw)
        except ValueError:  # unbalanced quotes: take it as one program name
            parts = [raw]
        if parts:
            return parts
    for name in FALLBACK_EDITORS:
        if shutil.which(name):
            return [name]
    return None


def edit_text(app: App, text: str, *, suffix: str = ".txt") -> str:
    """Open ``text`` in the user's editor and return what they saved.

    Raises EditorError when no editor is set, it cannot start, it exits with an error
    (taken as "cancel", as git does), or the app cannot suspend here.
    """
    command = editor_command()
    if command is None:
        raise EditorError("No editor found: set $VISUAL or $EDITOR (for example EDITOR=nano).")
    # mkstemp creates the file 0600: a draft holds the recipient's name and address.
    fd, name = tempfile.mkstemp(prefix="followup-draft-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="\n") as fh:
            fh.write(text)
        try:
            with app.suspend():
                status = subprocess.call([*command, str(path)])
        except SuspendNotSupported:
            raise EditorError(
                "This terminal can't hand over to an editor here; copy the message with ctrl+r instead."
            ) from None
        except OSError as exc:
            raise EditorError(f"Could not start {command[0]}: {exc.strerror or exc}") from None
        if status != 0:
            raise EditorError(f"{command[0]} exited with status {status}: the draft is unchanged.")
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise EditorError(f"Could not read the edited draft back: {exc.strerror or exc}") from None
    finally:
        path.unlink(missing_ok=True)
