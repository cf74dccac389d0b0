"""Regenerates the README's pictures from the demo board, with the clock pinned.

    uv run python screenshots/generate.py         # SVGs (and PNGs when rsvg-convert is installed)

Each picture drives the real app with the Pilot on a fresh copy of the demo board, so
two runs give byte-identical SVGs (the clock is pinned, the cursor does not blink,
animations are off).
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

os.environ["FOLLOWUP_TODAY"] = "2026-11-27"
os.environ["TEXTUAL_ANIMATIONS"] = "none"

OUT = Path(__file__).resolve().parent

Steps = Callable[[object], Awaitable[None]]


async def _keys(pilot, *keys: str, wait: float = 0.3) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(wait)


async def board(pilot) -> None:
    await _keys(pilot)


async def detail(pilot) -> None:
    await _keys(pilot, "l", "j", "enter")


async def agenda(pilot) -> None:
    await _keys(pilot, "a")


async def finder_search(pilot) -> None:
    from textual.widgets import Input

    from tui.ui.widgets.finder_pane import FinderPane

    await _keys(pilot, "l")
    pilot.app.screen.query_one(FinderPane).query_one(Input).focus()
    await pilot.pause()
    for ch in "acme rec":
        await pilot.press(ch if ch != " " else "space")
    await _keys(pilot, wait=0.8)


async def composer_warning(pilot) -> None:
    # Umbrella Health: only a general HR inbox to write to.
    await _keys(pilot, "l")
    screen = pilot.app.screen
    cards = screen.board_view.card_list("applied")
    index = next(i for i, c in enumerate(cards.cards) if c.title == "Umbrella Health")
    cards.set_cursor(index)
    await pilot.pause()
    screen.focus_pane(2)
    await _keys(pilot, wait=0.5)


async def capture(pilot) -> None:
    await _keys(pilot, "ctrl+n")
    for ch in "Backend Engineer @ Zeta Systems via linkedin #remote !nocall":
        await pilot.press(ch if ch != " " else "space")
    await _keys(pilot, wait=0.4)


async def help_screen(pilot) -> None:
    await _keys(pilot, "f1")


async def stats(pilot) -> None:
    await _keys(pilot, "s", wait=0.6)


SHOTS: list[tuple[str, tuple[int, int], Steps]] = [
    ("board", (160, 45), board),
    ("detail", (160, 45), detail),
    ("agenda", (160, 45), agenda),
    ("finder-search", (160, 45), finder_search),
    ("composer-warning", (160, 45), composer_warning),
    ("capture", (160, 45), capture),
    ("help", (160, 45), help_screen),
    ("stats", (160, 45), stats),
    ("narrow", (80, 24), board),
]


async def shoot(name: str, size: tuple[int, int], steps: Steps, folder: Path) -> Path:
    from textual.widgets import Input, TextArea

    from tui.domain.config import Settings
    from tui.io.demo import demo_copy
    from tui.store.repository import Store
    from tui.ui.app import FollowupApp

    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]
    TextArea._toggle_cursor_blink_visible = lambda self: None  # type: ignore[method-assign]
    work = Path(tempfile.mkdtemp(prefix="followup-shot-"))
    store = Store(demo_copy(work), backup_interval_s=float("inf"))
    app = FollowupApp(store, Settings(path=work / "config.toml"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await steps(pilot)
        svg = app.export_screenshot(title="followup")
    store.close()
    shutil.rmtree(work, ignore_errors=True)
    target = folder / f"{name}.svg"
    target.write_text(svg, encoding="utf-8")
    return target


_TEXT = re.compile(
    r'(<text [^>]*?x=")([0-9.]+)("[^>]*?textLength=")([0-9.]+)("[^>]*>)((?:&#160;)+)([^<]*</text>)'
)
_FONT = "font-family: Fira Code, monospace;"


def for_rsvg(svg: str) -> str:
    """The SVG as librsvg draws it faithfully. librsvg drops the no-break spaces that start
    a text run (Textual writes a run of spaces as &#160;), so "ctrl+t  picks" came out as
    "ctrl+tpicks": move each run's start right by its leading spaces instead. Fira Code is
    rarely installed, so name DejaVu Sans Mono (fonts-dejavu-core) before the generic
    monospace, whose glyphs may not be one cell wide."""

    def shift(m: re.Match[str]) -> str:
        lead = m.group(6).count("&#160;")
        text = m.group(7)[: -len("</text>")]
        chars = lead + len(html.unescape(text))
        cell = float(m.group(4)) / chars if chars else 0.0
        x = float(m.group(2)) + lead * cell
        length = float(m.group(4)) - lead * cell
        return f"{m.group(1)}{x:g}{m.group(3)}{length:g}{m.group(5)}{m.group(7)}"

    svg = _TEXT.sub(shift, svg)
    return svg.replace(_FONT, 'font-family: "Fira Code", "DejaVu Sans Mono", monospace;')


def to_png(converter: str, svg: Path) -> Path:
    png = svg.with_suffix(".png")
    with tempfile.NamedTemporaryFile("w", suffix=".svg", encoding="utf-8", delete=False) as tmp:
        tmp.write(for_rsvg(svg.read_text(encoding="utf-8")))
    try:
        subprocess.run([converter, tmp.name, "-o", str(png)], check=True)
    finally:
        os.unlink(tmp.name)
    return png


def main() -> int:
    OUT.mkdir(exist_ok=True)
    wanted = set(sys.argv[1:])
    converter = shutil.which("rsvg-convert")
    for name, size, steps in SHOTS:
        if wanted and name not in wanted:
            continue
        svg = asyncio.run(shoot(name, size, steps, OUT))
        line = f"{svg.name}"
        if converter:
            line += f" + {to_png(converter, svg).name}"
        print(line)
    if not converter:
        print("rsvg-convert not found: PNGs not refreshed (apt-get install librsvg2-bin)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
