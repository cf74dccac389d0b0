"""Fixtures every test can use. Keep this file small: feature fixtures live beside their tests.

Every test runs with the clock pinned to 2026-11-27 (a Friday, the demo's day) and with
``FOLLOWUP_DB`` and ``FOLLOWUP_CONFIG`` inside its own ``tmp_path``, so nothing ever reads
or writes the user's real store or settings, and tests are safe under xdist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tui.store.repository import Store

TODAY = date(2026, 11, 27)


@dataclass(frozen=True)
class Env:
    db: Path  # $FOLLOWUP_DB: the store the CLI opens when no --db is given
    config: Path  # $FOLLOWUP_CONFIG (does not exist unless a test writes it)
    today: date  # $FOLLOWUP_TODAY


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    """The isolated environment (autouse): pinned clock, store and config in ``tmp_path``."""
    home = tmp_path / "home"
    home.mkdir()
    pinned = Env(db=home / "followup.json", config=home / "config.toml", today=TODAY)
    monkeypatch.setenv("FOLLOWUP_TODAY", TODAY.isoformat())
    monkeypatch.setenv("FOLLOWUP_DB", str(pinned.db))
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(pinned.config))
    monkeypatch.setenv("FOLLOWUP_DOCUMENTS", str(home / "documents"))  # exports and drafts
    monkeypatch.delenv("FOLLOWUP_DEBUG", raising=False)
    return pinned


@pytest.fixture
def tmp_store(env: Env) -> Iterator[Store]:
    """An empty store at ``env.db`` (the file the CLI opens by default)."""
    store = Store(env.db)
    yield store
    store.close()


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """``cli("due", "--json")`` runs ``tui.cli.main`` in-process and returns code, stdout, stderr."""
    from tui.cli.main import main

    def run(*argv: str) -> CliResult:
        capsys.readouterr()  # drop anything printed before
        code = main(list(argv))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
