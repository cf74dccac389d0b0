"""Benchmark: the stats screen on a large board (issue 10, DESIGN.md §9, §10).

Run by hand: ``uv run python tests/bench/bench_stats.py`` (``--quick`` for fewer runs).
A benchmark runner can import ``run()``, which returns rows
``{"name", "median_ms", "budget_ms"}``. Not a pytest test (pytest collects ``test_*.py``).

The store is ``tests/bench/big_store.py``'s: 5,000 applications, 30,000 contacts,
50,000 events. Figures:

- ``compute_stats`` on a fresh ``Board`` (its indexes built again, as ``followup stats``
  does after loading) and on the app's board (indexes already built by the rules, as
  when the screen opens), all time and over 30 days.
- The screen's open time, budget 200 ms: a ``FollowupApp`` over that store in
  ``run_test``, the ``s`` key sent to it, until the stats screen is mounted, its
  figures computed and laid out, and the first refresh after that has been painted.
  Before each open the app gets a new board snapshot with the rules' indexes built, as
  after any change to the store, so the figures are computed from scratch every time
  (``compute_stats`` memoises its one pass over a snapshot). Measured twice: as the app
  is wired today (the pass runs on the UI thread when the screen opens) and with the
  snapshot prepared (``tui.followup.stats.prepare`` called where the snapshot is loaded, in a
  worker thread). The first open (which also parses ``stats.tcss``) is reported on
  its own; the medians are over the opens after it.
- The floor, for comparison (DESIGN.md §10 measures against one): a bare screen with
  a header, one line and a footer, pushed and painted the same way in the same app.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")  # read once, when textual is imported

RUNS = 7
OPEN_BUDGET_MS = 200.0


def _median_ms(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def _painted(screen: Any, start: float) -> float:
    """Milliseconds from ``start`` to the first refresh painted after ``screen`` is ready."""
    painted = asyncio.Event()
    screen.call_after_refresh(painted.set)
    await painted.wait()
    return (time.perf_counter() - start) * 1000


async def _open_times(db: Path, folder: Path, runs: int) -> dict[str, list[float]]:
    """Open times in ms: "cold" and "prepared" stats screens, and the "floor" screen."""
    from textual import events
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    from tui.domain.board import Board
    from tui.domain.config import Settings
    from tui.followup.rules import next_actions
    from tui.followup.stats import prepare
    from tui.store.repository import Store
    from tui.ui.app import FollowupApp
    from tui.ui.screens.main import MainScreen
    from tui.ui.screens.stats import StatsScreen
    from tui.ui.widgets.bar_chart import BarChart

    class Floor(Screen):
        BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

        def compose(self):
            yield Header()
            yield Static("floor")
            yield Footer()

    store = Store(db, backup_interval_s=float("inf"))
    app = FollowupApp(store, Settings(path=folder / "config.toml"), watch_interval=3600)
    times: dict[str, list[float]] = {"cold": [], "prepared": [], "floor": []}

    async def open_stats() -> float:
        key = events.Key("s", "s")
        key.set_sender(app)
        start = time.perf_counter()
        app._driver.send_message(key)  # as Pilot.press does, without its idle waits
        while True:
            screen = app.screen
            ready = isinstance(screen, StatsScreen) and screen.stats is not None
            if ready and screen.query_one("#chart-funnel", BarChart).size.width:
                break
            await asyncio.sleep(0.0005)
        ms = await _painted(screen, start)
        assert screen.stats.applications == len(app.board.applications)
        return ms

    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        loaded = app.board
        assert loaded.applications, "the board did not load"
        for _ in range(runs + 1):
            for variant in ("cold", "prepared"):
                # A new snapshot, its indexes built by the rules, as after a change to the store;
                # "prepared": with the stats pass done too, as the loading thread could do it.
                app.board = Board(loaded.applications, loaded.contacts, loaded.events, loaded.templates)
                next_actions(app.board, app.today, app.settings.cadence)
                if variant == "prepared":
                    prepare(app.board)
                times[variant].append(await open_stats())
                await pilot.press("escape")
                await pilot.pause()
                assert isinstance(app.screen, MainScreen)

            start = time.perf_counter()
            app.push_screen(Floor())
            while not (isinstance(app.screen, Floor) and app.screen.is_mounted):
                await asyncio.sleep(0.0005)
            times["floor"].append(await _painted(app.screen, start))
            await pilot.press("escape")
            await pilot.pause()
    store.close()
    return times


def run(runs: int = RUNS) -> list[dict]:
    from tests.bench.big_store import TODAY, build

    os.environ["FOLLOWUP_TODAY"] = TODAY.isoformat()
    folder = Path(tempfile.mkdtemp(prefix="followup-bench-stats-"))
    os.environ["FOLLOWUP_CONFIG"] = str(folder / "config.toml")
    db = build(folder / "big.json")

    from tui.domain.board import Board
    from tui.followup.stats import compute_stats
    from tui.store.repository import Store

    store = Store(db, backup_interval_s=float("inf"))
    board = store.board()
    store.close()
    fresh = lambda: Board(board.applications, board.contacts, board.events)  # noqa: E731
    warm = fresh()
    compute_stats(warm, TODAY)  # builds the indexes once, as the rules have when the screen opens
    size = (
        f"{len(board.applications):,} applications / {len(board.contacts):,} contacts / "
        f"{len(board.events):,} events"
    )
    times = asyncio.run(_open_times(db, folder, runs))
    return [
        {
            "name": f"stats screen open (s → painted), new snapshot, median of {runs}, {size}",
            "median_ms": statistics.median(times["cold"][1:]),
            "budget_ms": OPEN_BUDGET_MS,
        },
        {
            "name": "stats screen open, snapshot prepared (tui.followup.stats.prepare in the loading thread)",
            "median_ms": statistics.median(times["prepared"][1:]),
            "budget_ms": OPEN_BUDGET_MS,
        },
        {
            "name": "stats screen, first open (parses stats.tcss; new snapshot)",
            "median_ms": times["cold"][0],
            "budget_ms": None,
        },
        {
            "name": "floor: a bare screen (header, one line, footer) pushed and painted",
            "median_ms": statistics.median(times["floor"][1:]),
            "budget_ms": None,
        },
        {
            "name": "compute_stats, all time, fresh board (indexes rebuilt)",
            "median_ms": _median_ms(lambda: compute_stats(fresh(), TODAY), runs),
            "budget_ms": None,
        },
        {
            "name": "compute_stats, all time, indexes built (as on the screen)",
            "median_ms": _median_ms(lambda: compute_stats(warm, TODAY), runs),
            "budget_ms": None,
        },
        {
            "name": "compute_stats, last 30 days, indexes built",
            "median_ms": _median_ms(lambda: compute_stats(warm, TODAY, 30), runs),
            "budget_ms": None,
        },
    ]


def main() -> int:
    from report import print_rows

    return print_rows(run(3 if "--quick" in sys.argv else RUNS))


if __name__ == "__main__":
    sys.exit(main())
