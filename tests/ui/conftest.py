"""Fixtures for driving the real app with the Pilot: a private demo store, the clock pinned."""

from __future__ import annotations

import os

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")  # read once, when textual is imported

from collections.abc import Callable
from pathlib import Path

import pytest

from tui.domain.config import Settings
from tui.io.demo import DEMO_DAY, demo_copy
from tui.store.repository import Store


@pytest.fixture(autouse=True)
def _pinned(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FOLLOWUP_TODAY", DEMO_DAY.isoformat())
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("FOLLOWUP_DB", str(tmp_path / "unused.json"))
    from textual.widgets import Input, TextArea

    # A blinking cursor makes screenshots differ from run to run.
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None, raising=False)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None, raising=False)
    from tui.ui.app import FollowupApp

    # The first-use name prompt (issue 21) is off unless a test asks for it (make_app(ask_name=True)):
    # every other test, snapshots included, runs with an empty [me] and would meet the modal.
    monkeypatch.setattr(FollowupApp, "name_asked", True)


@pytest.fixture
def demo_store(tmp_path: Path) -> Store:
    store = Store(demo_copy(tmp_path), backup_interval_s=float("inf"))
    yield store
    store.close()


@pytest.fixture
def make_app(demo_store: Store, tmp_path: Path) -> Callable[..., object]:
    """``make_app()`` → a FollowupApp on a private copy of the demo board."""
    from tui.ui.app import FollowupApp

    def factory(store: Store | None = None, settings: Settings | None = None, *, ask_name: bool = False):
        settings = settings or Settings(path=tmp_path / "config.toml")
        app = FollowupApp(store or demo_store, settings)
        if ask_name:
            app.name_asked = False  # this app asks, as a real first session does
        return app

    return factory


async def settle(app, pilot, rounds: int = 3) -> None:
    """Let the workers finish and the messages they post be handled, until the app is quiet.

    A write's worker posts a reload, whose handler may start another worker (the finder's
    search): a few rounds, stopping as soon as a round ends with no worker running.
    """
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            break
    await pilot.pause()


async def burst(app, pilot, *keys: str) -> None:
    """Send ``keys`` as a terminal does when they are typed (or pasted) fast: every key event is
    queued before the first is handled, with no idle moment between them (``pilot.press``
    waits for the app to go idle after each key, which hides races)."""
    from textual import events
    from textual.keys import _character_to_key

    driver = app._driver
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        char = key if len(key) == 1 else None
        event = events.Key(name, char)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()
