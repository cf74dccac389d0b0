"""Entry points from the command line into Textual: the board and the capture prompt.

A store that cannot be opened (corrupt, too new, locked) gets a full-screen
explanation instead of a traceback; restoring a backup is an explicit action there.
"""

from __future__ import annotations

from pathlib import Path

from tui.domain.config import load_settings
from tui.domain.errors import StoreError


def open_store(path: Path):
    from tui.store.repository import Store

    return Store(path)


def run_board(path: Path) -> int:
    settings = load_settings()
    try:
        store = open_store(path)
    except StoreError as exc:
        from tui.ui.screens.store_error import StoreErrorApp

        result = StoreErrorApp(path, str(exc)).run()
        if result == "restored":
            return run_board(path)
        return 1
    from tui.ui.app import FollowupApp

    try:
        result = FollowupApp(store, settings).run()
    finally:
        store.close()
    return result if isinstance(result, int) else 0


def run_capture(path: Path) -> int:
    settings = load_settings()
    try:
        store = open_store(path)
    except StoreError as exc:
        print(f"followup: {exc}")
        return 1
    from tui.ui.capture_app import CaptureApp

    try:
        result = CaptureApp(store, settings).run()
    finally:
        store.close()
    return 0 if result else 1
