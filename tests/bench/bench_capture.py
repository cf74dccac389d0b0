"""`followup capture` shows its prompt within 1.2 × the bare Textual floor (issue 7).

Both run in a real terminal: tmux starts the program in a 100 × 20 window (the size of a
popup) and ``capture-pane`` is polled every few milliseconds until the text appears: the
floor's ``floor ready`` (``floor_app.py``), the prompt's placeholder ``ROLE @ COMPANY``.
The runs alternate floor / capture so a change in the machine's load hits both alike.
Median of 7 each, after one untimed warm-up of each.

Run: ``uv run python tests/bench/bench_capture.py`` (needs tmux). ``run()`` returns the
rows for a benchmark runner. Not a pytest test.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import terminal

RUNS = 7
SIZE = (100, 20)
BUDGET_RATIO = 1.2
PROMPT_MARKER = "ROLE @ COMPANY"


def _store(folder: Path) -> Path:
    """A private copy of the demo board (24 applications, 15 contacts)."""
    from tui.io.demo import demo_copy

    return demo_copy(folder)


def run(runs: int = RUNS) -> list[dict]:
    if shutil.which("tmux") is None:
        raise RuntimeError("bench_capture needs tmux")
    terminal.compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="followup-bench-capture-") as tmp:
        folder = Path(tmp)
        db = _store(folder)
        env = terminal.base_env()
        env["FOLLOWUP_CONFIG"] = str(folder / "config.toml")  # defaults; history kept in tmp
        floor_cmd = [terminal.PYTHON, str(terminal.FLOOR_APP)]
        capture_cmd = [terminal.PYTHON, "-m", "tui", "capture", "--db", str(db)]

        def floor() -> float:
            return terminal.first_paint(floor_cmd, "floor ready", env, SIZE)

        def capture() -> float:
            return terminal.first_paint(capture_cmd, PROMPT_MARKER, env, SIZE)

        floor()  # warm-up: file caches, .pyc files
        capture()
        floors, captures = [], []
        for _ in range(runs):
            floors.append(floor())
            captures.append(capture())
    f = round(statistics.median(floors), 1)
    c = round(statistics.median(captures), 1)
    return [
        {
            "name": "followup capture: launch to prompt shown (100 x 20)",
            "median_ms": c,
            "floor_ms": f,
            "budget_ratio": BUDGET_RATIO,
            "ratio": round(c / f, 2),
            "ok": c <= BUDGET_RATIO * f,
            "runs_ms": [round(x, 1) for x in captures],
            "floor_runs_ms": [round(x, 1) for x in floors],
        }
    ]


def main() -> int:
    rows = run()
    for row in rows:
        verdict = "ok" if row["ok"] else "OVER BUDGET"
        print(row["name"])
        print(
            f"  median {row['median_ms']:.0f} ms, floor {row['floor_ms']:.0f} ms: "
            f"{row['ratio']:.2f} × the floor (budget {row['budget_ratio']} ×): {verdict}"
        )
        print(f"  capture runs: {row['runs_ms']}")
        print(f"  floor runs:   {row['floor_runs_ms']}")
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
